"""Alerts as an Atom feed (RFC 4287), for any feed reader.

Each entry's id is derived from the alert's key, so a reader that fetched an
entry once never shows it again as new, even if the store was rebuilt and
the alert recorded anew.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from xml.etree import ElementTree as ET

from rasad.store.alerts import AlertRecord
from rasad.store.backend import now_utc

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"


def entry_id(alert: AlertRecord) -> str:
    return "urn:rasad:alert:" + hashlib.sha256(alert.key.encode("utf-8")).hexdigest()[:32]


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _add(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text:
        element.text = _xml_safe(text)
    return element


def _xml_safe(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold (control characters, lone surrogates)."""
    return "".join(
        c
        for c in text
        if c in "\t\n\r" or ("\x20" <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd") or c > "\uffff"
    )


def atom_feed(
    alerts: Sequence[AlertRecord], base_url: str, self_url: str, title: str = "rasad alerts"
) -> bytes:
    """The feed document; `base_url` is where rasad's pages are, `self_url` this feed."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "title", title)
    _add(feed, "id", "urn:rasad:alerts:" + hashlib.sha256(self_url.encode()).hexdigest()[:16])
    updated = max((a.created_at for a in alerts), default=now_utc())
    _add(feed, "updated", _stamp(updated))
    _add(feed, "link", rel="self", href=self_url)
    _add(feed, "generator", "rasad")
    author = _add(feed, "author")
    _add(author, "name", "rasad")
    for alert in alerts:
        entry = _add(feed, "entry")
        _add(entry, "id", entry_id(alert))
        _add(entry, "title", f"{alert.watchlist}: {alert.title}")
        _add(entry, "updated", _stamp(alert.created_at))
        _add(entry, "published", _stamp(alert.created_at))
        if alert.article_id:
            _add(entry, "link", rel="alternate", href=f"{base_url}/articles/{alert.article_id}")
        url = alert.payload.get("article", {}).get("url", "")
        if url.startswith(("http://", "https://")):
            _add(entry, "link", rel="related", href=url)
        _add(entry, "category", term=alert.watchlist)
        _add(entry, "summary", alert.summary)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(
        feed, encoding="unicode"
    ).encode("utf-8")
