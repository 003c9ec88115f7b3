"""Where alerts are sent from: the SMTP server, timeouts, the retry schedule.

Read from the environment, so `rasad watch` and `rasad ingest` need no new
option; each has a default that works on a machine with a local mail server:

- `RASAD_SMTP_HOST` (localhost), `RASAD_SMTP_PORT` (25), `RASAD_SMTP_FROM`
  (rasad@localhost), `RASAD_SMTP_USER` and `RASAD_SMTP_PASSWORD` (no login
  when empty), `RASAD_SMTP_TLS`: none, starttls or ssl (none);
- `RASAD_ALERT_TIMEOUT`: seconds a webhook or a mail server may take (5);
- `RASAD_BASE_URL`: where `rasad serve` is reached, for links in alerts
  (http://127.0.0.1:8000).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from rasad.errors import RasadError

TLS_MODES = ("none", "starttls", "ssl")


class SettingsError(RasadError):
    """A setting that cannot be used; the message says why."""


class Messages:
    E127 = "[E127] {name}={value!r}: {why}"


@dataclass(frozen=True, slots=True)
class AlertSettings:
    """How alerts are delivered.

    `retry_delays`: seconds to wait before each retry of a failed delivery; a
    delivery still failing after the last one is marked failed. `exit_wait`:
    seconds a finishing process waits for deliveries under way.
    """

    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_from: str = "rasad@localhost"
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_tls: str = "none"
    timeout: float = 5.0
    retry_delays: tuple[float, ...] = (10.0, 60.0, 300.0, 1800.0)
    base_url: str = "http://127.0.0.1:8000"
    exit_wait: float = 10.0


def load_alert_settings(env: Mapping[str, str] | None = None) -> AlertSettings:
    """Settings from the environment (`os.environ` unless given)."""
    env = os.environ if env is None else env
    tls = env.get("RASAD_SMTP_TLS", "none").strip().lower() or "none"
    if tls not in TLS_MODES:
        raise SettingsError(
            Messages.E127.format(name="RASAD_SMTP_TLS", value=tls, why="use none, starttls or ssl")
        )
    return AlertSettings(
        smtp_host=env.get("RASAD_SMTP_HOST", "").strip() or "localhost",
        smtp_port=int(_number(env, "RASAD_SMTP_PORT", 25)),
        smtp_from=env.get("RASAD_SMTP_FROM", "").strip() or "rasad@localhost",
        smtp_user=env.get("RASAD_SMTP_USER", ""),
        smtp_password=env.get("RASAD_SMTP_PASSWORD", ""),
        smtp_tls=tls,
        timeout=_number(env, "RASAD_ALERT_TIMEOUT", 5.0),
        base_url=(env.get("RASAD_BASE_URL", "").strip() or "http://127.0.0.1:8000").rstrip("/"),
    )


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    value = env.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number > 0 or number == float("inf"):
        why = "not a positive number"
        raise SettingsError(Messages.E127.format(name=name, value=value, why=why))
    return number
