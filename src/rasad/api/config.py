"""What the server needs to know: the API key, who may read, and size limits.

The key comes from the environment (`RASAD_API_KEY`) or from a TOML config
file (`[api] key = "..."`, the file named by `--config` or
`RASAD_CONFIG`); the environment wins so a deployment can override a file
without editing it. With no key at all, writing is switched off rather than
left open.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rasad.errors import RasadError

KEY_ENV = "RASAD_API_KEY"
CONFIG_ENV = "RASAD_CONFIG"


class ConfigError(RasadError):
    """A config file that cannot be read; the message says why."""


class Messages:
    E070 = "[E070] cannot read the config file {path}: {why}"
    E071 = "[E071] the config file {path} has a bad value for api.{name}: {why}"


@dataclass(frozen=True, slots=True)
class Settings:
    """How the API behaves; every limit is there so one request cannot hog the server.

    `open_reads`: reads need no key from any client; otherwise only clients
    on the loopback interface read without one. `allow_private_fetch`: the
    ingest-URL endpoint may fetch from loopback, private and link-local
    addresses (off, so a client cannot make the server reach what only it can
    see). `rate_per_second` and `rate_burst`: each client address but
    loopback gets a bucket of `rate_burst` requests refilled at
    `rate_per_second` (0 switches the limit off).
    """

    api_key: str = ""
    open_reads: bool = False
    max_body_bytes: int = 2_000_000
    max_url_chars: int = 4096
    max_page: int = 200
    export_rows: int = 100_000
    allow_private_fetch: bool = False
    rate_per_second: float = 50.0
    rate_burst: int = 200

    def with_key(self, key: str) -> Settings:
        return replace(self, api_key=key)


_INTS = ("max_body_bytes", "max_url_chars", "max_page", "export_rows", "rate_burst")
_BOOLS = ("open_reads", "allow_private_fetch")


def load_settings(
    path: str | os.PathLike[str] | None = None, env: dict[str, str] | None = None
) -> Settings:
    """Settings from the config file (if any), then the environment."""
    env = dict(os.environ) if env is None else env
    path = path or env.get(CONFIG_ENV) or None
    settings = Settings()
    if path:
        settings = _from_file(Path(path), settings)
    key = env.get(KEY_ENV, "").strip()
    return settings.with_key(key) if key else settings


def _from_file(path: Path, settings: Settings) -> Settings:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(Messages.E070.format(path=path, why=e)) from e
    section: dict[str, Any] = data.get("api", {})
    changes: dict[str, Any] = {}
    if "key" in section:
        changes["api_key"] = _typed(path, "key", section["key"], str).strip()
    for name in _BOOLS:
        if name in section:
            changes[name] = _typed(path, name, section[name], bool)
    if "rate_per_second" in section:
        value = section["rate_per_second"]
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            why = "expected a number of requests per second, 0 or more"
            raise ConfigError(Messages.E071.format(path=path, name="rate_per_second", why=why))
        changes["rate_per_second"] = float(value)
    for name in _INTS:
        if name in section:
            value = _typed(path, name, section[name], int)
            if value <= 0:
                raise ConfigError(Messages.E071.format(path=path, name=name, why="not positive"))
            changes[name] = value
    return replace(settings, **changes)


def _typed(path: Path, name: str, value: Any, kind: type) -> Any:
    # bool is an int in Python: check it apart so `max_page = true` is refused.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        why = f"expected {kind.__name__}, got {type(value).__name__}"
        raise ConfigError(Messages.E071.format(path=path, name=name, why=why))
    return value
