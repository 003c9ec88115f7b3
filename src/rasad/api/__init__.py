"""The REST API: FastAPI over a store, with the dashboard (`rasad.web`) beside it."""

from __future__ import annotations

from rasad.api.app import create_app
from rasad.api.config import Settings, load_settings

__all__ = ["Settings", "create_app", "load_settings"]
