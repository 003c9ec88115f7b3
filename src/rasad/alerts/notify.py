"""Sending alerts: a JSON POST to a webhook, a plain-text e-mail over SMTP.

Each delivery is tried once per call of `deliver_due`, with a timeout; a
failure that may pass (a timeout, a refused connection, a 5xx, 408 or 429)
is tried again after the next delay of `AlertSettings.retry_delays`, one
that will not (another 4xx, a mail server refusing the recipient) is marked
failed at once. What was sent is marked sent in the store, so it is never
sent again, across restarts too. (A process killed between sending and
marking may send that one alert once more: at least once, never twice by
design.)
"""

from __future__ import annotations

import smtplib
import ssl
from collections import Counter
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

import httpx

from rasad import __version__
from rasad.alerts.settings import AlertSettings
from rasad.store.alerts import AlertRecord, Delivery
from rasad.store.backend import now_utc

RETRY_STATUS = frozenset({408, 425, 429})


class DeliveryError(Exception):
    """A delivery that failed; `retry` says whether trying again may help."""

    def __init__(self, message: str, retry: bool) -> None:
        super().__init__(message)
        self.retry = retry


def webhook_body(alert: AlertRecord, base_url: str) -> dict[str, Any]:
    """The JSON a webhook receives: the alert, its payload and a link to rasad's page."""
    link = f"{base_url}/articles/{alert.article_id}" if alert.article_id else ""
    return {
        "id": alert.id,
        "key": alert.key,
        "watchlist": alert.watchlist,
        "day": alert.day,
        "title": alert.title,
        "summary": alert.summary,
        "link": link,
        "created_at": alert.created_at.isoformat(),
        **alert.payload,
    }


def post_webhook(url: str, body: dict[str, Any], timeout: float) -> None:
    """POST the body as JSON; raises `DeliveryError` unless the receiver answers 2xx."""
    headers = {"User-Agent": f"rasad/{__version__}", "Content-Type": "application/json"}
    try:
        response = httpx.post(url, json=body, headers=headers, timeout=timeout)
    except httpx.HTTPError as e:
        raise DeliveryError(f"{type(e).__name__}: {e}", retry=True) from e
    if response.is_success:
        return
    retry = response.status_code >= 500 or response.status_code in RETRY_STATUS
    raise DeliveryError(f"HTTP {response.status_code}", retry=retry)


def email_of(alert: AlertRecord, to: str, settings: AlertSettings) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = f"[rasad] {alert.watchlist}: {alert.title}"
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="rasad")
    body = webhook_body(alert, settings.base_url)
    lines = [alert.title, "", alert.summary, ""]
    if body["link"]:
        lines.append(body["link"])
    if url := alert.payload.get("article", {}).get("url"):
        lines.append(url)
    lines += ["", f"{alert.watchlist} · {alert.day}"]
    message.set_content("\n".join(lines))
    return message


def send_email(message: EmailMessage, settings: AlertSettings) -> None:
    """Send over SMTP; raises `DeliveryError`."""
    try:
        if settings.smtp_tls == "ssl":
            context = ssl.create_default_context()
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.smtp_host, settings.smtp_port, timeout=settings.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.timeout)
        with smtp:
            if settings.smtp_tls == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password)
            smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as e:
        raise DeliveryError(f"recipient refused: {e}", retry=False) from e
    except (smtplib.SMTPException, OSError) as e:
        code = getattr(e, "smtp_code", 0) or 0
        raise DeliveryError(f"{type(e).__name__}: {e}", retry=not 500 <= code < 600) from e


def deliver(delivery: Delivery, settings: AlertSettings) -> None:
    """Send one delivery over its channel; raises `DeliveryError`."""
    if delivery.channel == "webhook":
        post_webhook(
            delivery.target, webhook_body(delivery.alert, settings.base_url), settings.timeout
        )
    else:
        send_email(email_of(delivery.alert, delivery.target, settings), settings)


def deliver_due(
    store: Any, settings: AlertSettings, now: datetime | None = None, limit: int = 100
) -> Counter[str]:
    """Send every delivery whose time has come; counts of sent, retry and failed."""
    counts: Counter[str] = Counter()
    for delivery in store.due_deliveries(now, limit):
        attempts = delivery.attempts + 1
        try:
            deliver(delivery, settings)
        except DeliveryError as e:
            retries = settings.retry_delays
            if e.retry and attempts <= len(retries):
                later = now_utc() + timedelta(seconds=retries[attempts - 1])
                store.set_delivery(delivery, "pending", attempts, later, str(e))
                counts["retry"] += 1
            else:
                store.set_delivery(delivery, "failed", attempts, now_utc(), str(e))
                counts["failed"] += 1
            continue
        store.set_delivery(delivery, "sent", attempts, now_utc())
        counts["sent"] += 1
    return counts
