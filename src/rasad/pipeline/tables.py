"""Analysed articles as four Parquet tables, and back.

A batch writes each shard as `articles`, `mentions`, `quotes` and `events`,
one row per article or annotation, so that Spark, DuckDB or pandas read the
results without rasad. Annotation rows carry `article_id` and `idx` (their
position in the article), so the tables join and the article rebuilds
exactly (`article_from_rows`), tokens aside: they are cheap to recompute
and would double the size of the output.

The schemas are fixed here rather than inferred from the rows, so that an
empty shard has the same columns as a full one and the bytes written depend
only on the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from rasad.model import (
    Article,
    DateMention,
    Dropped,
    Edit,
    Event,
    LanguageGuess,
    Mention,
    OffsetLayer,
    OffsetMap,
    Party,
    Quote,
    Span,
)

Row = dict[str, Any]

_I32 = pa.int32()
_STR = pa.string()
PARTY = pa.struct(
    [
        ("start", _I32),
        ("end", _I32),
        ("text", _STR),
        ("entity_id", _STR),
        ("name_en", _STR),
        ("label", _STR),
        ("country", _STR),
    ]
)
_EDIT = pa.struct([("old_start", _I32), ("old_end", _I32), ("new_start", _I32), ("new_end", _I32)])

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("id", _STR),
            ("seq", _I32),  # position in the shard: the order the shard was read in
            ("path", _STR),  # where it was read: file, file:LINE or file:N, crawl:RECORD
            ("url", _STR),
            ("source", _STR),
            ("title", _STR),
            ("published_at", pa.timestamp("us", tz="UTC")),
            ("language", _STR),
            ("language_confidence", pa.float64()),
            ("line_languages", pa.list_(pa.struct([("code", _STR), ("confidence", pa.float64())]))),
            ("raw", _STR),
            ("text", _STR),
            (
                "dropped",
                pa.list_(
                    pa.struct([("text", _STR), ("reason", _STR), ("start", _I32), ("end", _I32)])
                ),
            ),
            (
                "sentences",
                pa.list_(
                    pa.struct([("start", _I32), ("end", _I32), ("label", _STR), ("source", _STR)])
                ),
            ),
            (
                "dates",
                pa.list_(
                    pa.struct(
                        [
                            ("start", _I32),
                            ("end", _I32),
                            ("text", _STR),
                            ("value", _STR),
                            ("calendar", _STR),
                            ("source", _STR),
                        ]
                    )
                ),
            ),
            ("offsets", pa.list_(pa.list_(_EDIT))),
            ("tokens", _I32),  # how many; the tokens themselves are not kept
        ]
    ),
    "mentions": pa.schema(
        [
            ("article_id", _STR),
            ("idx", _I32),
            ("start", _I32),
            ("end", _I32),
            ("text", _STR),
            ("label", _STR),
            ("entity_id", _STR),
            ("name_en", _STR),
            ("source", _STR),
        ]
    ),
    "quotes": pa.schema(
        [
            ("article_id", _STR),
            ("idx", _I32),
            ("start", _I32),
            ("end", _I32),
            ("content", _STR),
            ("kind", _STR),
            ("cue", _STR),
            ("cue_start", _I32),
            ("cue_end", _I32),
            ("speaker", PARTY),
            ("source", _STR),
        ]
    ),
    "events": pa.schema(
        [
            ("article_id", _STR),
            ("idx", _I32),
            ("type", _STR),
            ("code", _STR),
            ("start", _I32),
            ("end", _I32),
            ("trigger", _STR),
            ("trigger_start", _I32),
            ("trigger_end", _I32),
            ("actors", pa.list_(PARTY)),
            ("targets", pa.list_(PARTY)),
            ("place", PARTY),
            ("date", _STR),
            ("negated", pa.bool_()),
            ("modality", _STR),
            ("quote", _I32),
        ]
    ),
}
TABLES: tuple[str, ...] = tuple(SCHEMAS)


def article_rows(article: Article, seq: int, path: str) -> dict[str, list[Row]]:
    """The rows one analysed article adds to each table."""
    head: Row = {
        "id": article.id,
        "seq": seq,
        "path": path,
        "url": article.url,
        "source": article.source,
        "title": article.title,
        "published_at": _utc(article.published_at),
        "language": article.language,
        "language_confidence": article.language_confidence,
        "line_languages": [asdict(g) for g in article.line_languages],
        "raw": article.raw,
        "text": article.text,
        "dropped": [asdict(d) for d in article.dropped],
        "sentences": [asdict(s) for s in article.sentences],
        "dates": [asdict(d) for d in article.dates],
        "offsets": [[asdict(e) for e in layer.edits] for layer in article.offsets.layers],
        "tokens": len(article.tokens),
    }
    key = {"article_id": article.id}
    return {
        "articles": [head],
        "mentions": [{**key, "idx": i, **asdict(m)} for i, m in enumerate(article.mentions)],
        "quotes": [{**key, "idx": i, **asdict(q)} for i, q in enumerate(article.quotes)],
        "events": [{**key, "idx": i, **asdict(e)} for i, e in enumerate(article.events)],
    }


def to_table(name: str, rows: list[Row]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


def article_from_rows(
    head: Row, mentions: Sequence[Row], quotes: Sequence[Row], events: Sequence[Row]
) -> Article:
    """The article an `articles` row and its annotation rows describe (tokens aside)."""
    return Article(
        id=head["id"],
        raw=head["raw"],
        text=head["text"],
        url=head["url"],
        source=head["source"],
        title=head["title"],
        published_at=head["published_at"],
        language=head["language"],
        language_confidence=head["language_confidence"],
        line_languages=tuple(LanguageGuess(**g) for g in head["line_languages"]),
        dropped=tuple(Dropped(**d) for d in head["dropped"]),
        sentences=tuple(Span(**s) for s in head["sentences"]),
        dates=tuple(DateMention(**d) for d in head["dates"]),
        mentions=tuple(_mention(m) for m in _ordered(mentions)),
        quotes=tuple(_quote(q) for q in _ordered(quotes)),
        events=tuple(_event(e) for e in _ordered(events)),
        offsets=OffsetMap(
            tuple(OffsetLayer(tuple(Edit(**e) for e in layer)) for layer in head["offsets"])
        ),
    )


def _utc(value: datetime | None) -> datetime | None:
    return value.astimezone(UTC) if value is not None else None


def _ordered(rows: Sequence[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: int(r["idx"]))


def _fields(row: Row) -> Row:
    return {k: v for k, v in row.items() if k not in ("article_id", "idx")}


def _party(value: Row | None) -> Party | None:
    return Party(**value) if value else None


def _mention(row: Row) -> Mention:
    return Mention(**_fields(row))


def _quote(row: Row) -> Quote:
    fields = _fields(row)
    return Quote(**{**fields, "speaker": _party(fields["speaker"])})


def _event(row: Row) -> Event:
    fields = _fields(row)
    return Event(
        **{
            **fields,
            "actors": tuple(Party(**p) for p in fields["actors"]),
            "targets": tuple(Party(**p) for p in fields["targets"]),
            "place": _party(fields["place"]),
        }
    )
