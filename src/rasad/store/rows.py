"""An `Article` as table rows and back: pure functions, no database.

Text columns are cleaned of what no database stores (NUL, lone surrogates)
by a same-length replacement, so every offset stays valid.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from rasad.model import (
    Article,
    DateMention,
    Dropped,
    Event,
    LanguageGuess,
    Mention,
    OffsetMap,
    Party,
    Quote,
    Span,
)

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# A search key is the article's time in seconds times this, plus a tie-breaker.
KEY_SCALE = 1_000_000


def storable(text: str) -> str:
    """`text` with NUL and lone surrogates as U+FFFD (same length, same offsets)."""
    return _UNSTORABLE.sub("\ufffd", text) if _UNSTORABLE.search(text) else text


def content_hash(article: Article) -> str:
    """The store's identity of an article: SHA-256 of its normalized text, spaces collapsed.

    The same text from two URLs or two feeds has one hash; an article not yet
    analysed (no clean text) is identified by its raw text.
    """
    text = " ".join((article.text or article.raw).split())
    return hashlib.sha256(storable(text).encode("utf-8")).hexdigest()[:32]


def as_utc(moment: datetime) -> datetime:
    """An aware UTC datetime (a naive one is taken to be UTC already)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def effective_time(published_at: datetime | None, ingested_at: datetime) -> datetime:
    """The time an article is sorted and filtered by: published, else ingested."""
    return as_utc(published_at or ingested_at)


def key_base(moment: datetime) -> int:
    return int(as_utc(moment).timestamp()) * KEY_SCALE


def key_range(date_from: date | None, date_to: date | None) -> tuple[int | None, int | None]:
    """Search keys bounding the inclusive days `date_from`..`date_to`."""
    lo = key_base(datetime(date_from.year, date_from.month, date_from.day)) if date_from else None
    hi = None
    if date_to and date_to < date.max:  # the last day there is bounds nothing
        after = date_to + timedelta(days=1)
        hi = key_base(datetime(after.year, after.month, after.day)) - 1
    return lo, hi


def article_row(
    article: Article, hash_: str, source_id: int | None, ingested_at: datetime
) -> dict[str, Any]:
    published = as_utc(article.published_at) if article.published_at else None
    return {
        "hash": hash_,
        "raw_hash": article.id,
        "url": storable(article.url),
        "title": storable(article.title),
        "source_id": source_id,
        "language": storable(article.language),
        "language_confidence": float(article.language_confidence),
        "published_at": published,
        "ingested_at": ingested_at,
        "day": effective_time(published, ingested_at).date().isoformat(),
        "raw": storable(article.raw),
        "text": storable(article.text),
        "dropped": _json([[storable(d.text), d.reason, d.start, d.end] for d in article.dropped]),
        "sentences": _json([[s.start, s.end, s.label, s.source] for s in article.sentences]),
        "dates": _json([asdict(d) for d in article.dates]),
        "line_languages": _json([[g.code, g.confidence] for g in article.line_languages]),
        "offsets": _json(article.offsets.to_json()),
    }


def _json(value: Any) -> str:
    return storable(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


@cache
def _kb() -> Any:
    from rasad.extract.kb import load_kb

    return load_kb()


def entity_rows(article: Article) -> dict[str, dict[str, str]]:
    """Every entity the article names (mentions, speakers, event parties), by id.

    Names and countries come from the knowledge base where the entity is in
    it, else from the article's own words.
    """
    out: dict[str, dict[str, str]] = {}

    def add(entity_id: str, label: str, text: str, name_en: str, country: str) -> None:
        if not entity_id or entity_id in out:
            return
        known = _kb().get(entity_id) if ":" in entity_id else None
        out[entity_id] = {
            "id": storable(entity_id),
            "label": storable(label or (known.type if known else "")),
            "name": storable(known.name_fa if known else text),
            "name_en": storable(name_en or (known.name_en if known else "")),
            "country": storable(country or ((known.country or "") if known else "")),
        }

    for m in article.mentions:
        add(m.entity_id, m.label, m.text, m.name_en, "")
    for q in article.quotes:
        if (p := q.speaker) is not None:
            add(p.entity_id, p.label, p.text, p.name_en, p.country)
    for e in article.events:
        for p in (*e.actors, *e.targets, *([e.place] if e.place else [])):
            add(p.entity_id, p.label, p.text, p.name_en, p.country)
    return out


def mention_counts(article: Article) -> dict[str, int]:
    counts: dict[str, int] = {}
    for m in article.mentions:
        if m.entity_id:
            counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
    return counts


def mention_rows(article_id: int, mentions: Sequence[Mention]) -> list[dict[str, Any]]:
    return [
        {
            "article_id": article_id,
            "idx": i,
            "span_start": m.start,
            "span_end": m.end,
            "text": storable(m.text),
            "label": storable(m.label),
            "entity_id": storable(m.entity_id) or None,
            "name_en": storable(m.name_en),
            "source": storable(m.source),
        }
        for i, m in enumerate(mentions)
    ]


def quote_rows(article_id: int, quotes: Sequence[Quote], day: str) -> list[dict[str, Any]]:
    rows = []
    for i, q in enumerate(quotes):
        p = q.speaker
        rows.append(
            {
                "article_id": article_id,
                "idx": i,
                "span_start": q.start,
                "span_end": q.end,
                "content": storable(q.content),
                "kind": storable(q.kind),
                "cue": storable(q.cue),
                "cue_start": q.cue_start,
                "cue_end": q.cue_end,
                "speaker_id": storable(p.entity_id) or None if p else None,
                "speaker_text": storable(p.text) if p else None,
                "speaker_start": p.start if p else None,
                "speaker_end": p.end if p else None,
                "speaker_label": storable(p.label) if p else None,
                "speaker_name_en": storable(p.name_en) if p else None,
                "speaker_country": storable(p.country) if p else None,
                "cited_source": storable(q.source),
                "day": day,
            }
        )
    return rows


def event_day(event: Event, article_day: str) -> str:
    """The event's own date where it is a full YYYY-MM-DD, else the article's day."""
    try:
        return date.fromisoformat(event.date).isoformat() if len(event.date) == 10 else article_day
    except ValueError:
        return article_day


def event_rows(
    article_id: int, events: Sequence[Event], article_day: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows, parties = [], []
    for i, e in enumerate(events):
        rows.append(
            {
                "article_id": article_id,
                "idx": i,
                "type": storable(e.type),
                "code": storable(e.code),
                "span_start": e.start,
                "span_end": e.end,
                "trigger": storable(e.trigger),
                "trigger_start": e.trigger_start,
                "trigger_end": e.trigger_end,
                "date": storable(e.date),
                "day": event_day(e, article_day),
                "negated": bool(e.negated),
                "modality": storable(e.modality),
                "quote_idx": e.quote,
            }
        )
        roles = [
            ("actor", e.actors),
            ("target", e.targets),
            ("place", (e.place,) if e.place else ()),
        ]
        for role, group in roles:
            for pos, p in enumerate(group):
                parties.append(
                    {
                        "article_id": article_id,
                        "event_idx": i,
                        "role": role,
                        "pos": pos,
                        "span_start": p.start,
                        "span_end": p.end,
                        "text": storable(p.text),
                        "entity_id": storable(p.entity_id) or None,
                        "name_en": storable(p.name_en),
                        "label": storable(p.label),
                        "country": storable(p.country),
                    }
                )
    return rows, parties


# --- back from rows ----------------------------------------------------------


def as_time(value: Any) -> datetime | None:
    """A stored time (ISO text in SQLite, timestamptz in PostgreSQL) as aware UTC."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return as_utc(moment)


def stored_time(value: Any) -> datetime:
    """A time from a NOT NULL column."""
    moment = as_time(value)
    if moment is None:
        raise ValueError("a required time is missing")
    return moment


def mention_of(row: Mapping[str, Any]) -> Mention:
    return Mention(
        start=row["span_start"],
        end=row["span_end"],
        text=row["text"],
        label=row["label"],
        entity_id=row["entity_id"] or "",
        name_en=row["name_en"],
        source=row["source"],
    )


def quote_of(row: Mapping[str, Any]) -> Quote:
    speaker = None
    if row["speaker_text"] is not None:
        speaker = Party(
            start=row["speaker_start"],
            end=row["speaker_end"],
            text=row["speaker_text"],
            entity_id=row["speaker_id"] or "",
            name_en=row["speaker_name_en"] or "",
            label=row["speaker_label"] or "",
            country=row["speaker_country"] or "",
        )
    return Quote(
        start=row["span_start"],
        end=row["span_end"],
        content=row["content"],
        kind=row["kind"],
        cue=row["cue"],
        cue_start=row["cue_start"],
        cue_end=row["cue_end"],
        speaker=speaker,
        source=row["cited_source"],
    )


def party_of(row: Mapping[str, Any]) -> Party:
    return Party(
        start=row["span_start"],
        end=row["span_end"],
        text=row["text"],
        entity_id=row["entity_id"] or "",
        name_en=row["name_en"],
        label=row["label"],
        country=row["country"],
    )


def event_of(row: Mapping[str, Any], parties: Iterable[Mapping[str, Any]]) -> Event:
    by_role: dict[str, list[Party]] = {"actor": [], "target": [], "place": []}
    for p in sorted(parties, key=lambda p: (p["role"], p["pos"])):
        by_role[p["role"]].append(party_of(p))
    return Event(
        type=row["type"],
        code=row["code"],
        start=row["span_start"],
        end=row["span_end"],
        trigger=row["trigger"],
        trigger_start=row["trigger_start"],
        trigger_end=row["trigger_end"],
        actors=tuple(by_role["actor"]),
        targets=tuple(by_role["target"]),
        place=by_role["place"][0] if by_role["place"] else None,
        date=row["date"],
        negated=bool(row["negated"]),
        modality=row["modality"],
        quote=row["quote_idx"],
    )


def article_of(
    row: Mapping[str, Any],
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    events: Sequence[Event],
) -> Article:
    return Article(
        id=row["raw_hash"],
        raw=row["raw"],
        text=row["text"],
        url=row["url"],
        source=row["source"] or "",
        title=row["title"],
        published_at=as_time(row["published_at"]),
        language=row["language"],
        language_confidence=float(row["language_confidence"]),
        line_languages=tuple(LanguageGuess(c, f) for c, f in json.loads(row["line_languages"])),
        dropped=tuple(Dropped(*d) for d in json.loads(row["dropped"])),
        sentences=tuple(Span(*s) for s in json.loads(row["sentences"])),
        dates=tuple(DateMention(**d) for d in json.loads(row["dates"])),
        mentions=tuple(mentions),
        quotes=tuple(quotes),
        events=tuple(events),
        offsets=OffsetMap.from_json(json.loads(row["offsets"])),
    )
