"""The data model: one `Article` and typed spans over its clean text.

Every annotation is a span `[start, end)` of character offsets into
`Article.text` (the clean text). `Article.offsets` maps those offsets back to
`Article.raw`, so any fact can be shown in the original input.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any, NamedTuple, Self


@dataclass(frozen=True, slots=True)
class Edit:
    """One replacement: `old[old_start:old_end]` became `new[new_start:new_end]`."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int


def _new_start(edit: Edit) -> int:
    return edit.new_start


@dataclass(frozen=True, slots=True)
class OffsetLayer:
    """The edits of one rewriting pass, sorted by position (they never overlap)."""

    edits: tuple[Edit, ...] = ()

    def to_old(self, pos: int) -> int:
        """Map a position in the new text to the position in the old text."""
        if not self.edits:
            return pos
        i = bisect_right(self.edits, pos, key=_new_start) - 1
        if i < 0:
            return pos
        e = self.edits[i]
        if pos < e.new_end:
            # Inside a replacement: keep relative position when lengths allow.
            return min(e.old_start + (pos - e.new_start), max(e.old_end - 1, e.old_start))
        return e.old_end + (pos - e.new_end)


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Composable map from the clean text back to the raw input.

    It is the stack of every rewriting pass, oldest first; a position is
    mapped back through each pass in turn.
    """

    layers: tuple[OffsetLayer, ...] = ()

    def then(self, layer: OffsetLayer) -> OffsetMap:
        if not layer.edits:
            return self
        return OffsetMap(self.layers + (layer,))

    def extend(self, other: OffsetMap) -> OffsetMap:
        return OffsetMap(self.layers + other.layers)

    def to_raw(self, pos: int) -> int:
        for layer in reversed(self.layers):
            pos = layer.to_old(pos)
        return pos

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            raw = self.to_raw(start)
            return raw, raw
        return self.to_raw(start), self.to_raw(end - 1) + 1

    def to_json(self) -> list[list[list[int]]]:
        return [
            [[e.old_start, e.old_end, e.new_start, e.new_end] for e in layer.edits]
            for layer in self.layers
        ]

    @classmethod
    def from_json(cls, data: Iterable[Iterable[Sequence[int]]]) -> OffsetMap:
        return cls(tuple(OffsetLayer(tuple(Edit(*map(int, e)) for e in layer)) for layer in data))


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled stretch of the clean text; `source` names the rule or model."""

    start: int
    end: int
    label: str = ""
    source: str = ""


class Token(NamedTuple):
    """A token: a named tuple, since an article holds hundreds and tuples build fast."""

    start: int
    end: int
    text: str
    lemma: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in the text and the entity it refers to.

    `entity_id` is a knowledge-base id (`person:emomali-rahmon`) or, for an
    entity the knowledge base lacks, `doc:LABEL:name` (the same name in two
    articles gets the same id; a date is `date:YYYY-MM-DD`). `source` says
    what found it: ner, kb, title,
    alias (a surname or title that refers back), date.
    """

    start: int
    end: int
    text: str
    label: str  # PER ORG LOC FAC EVENT PRODUCT DATE
    entity_id: str = ""
    name_en: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class Dropped:
    """A line removed from the article, with why and where it stood in the raw input."""

    text: str
    reason: str
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str  # ISO date (YYYY-MM-DD) or partial (YYYY-MM, YYYY)
    calendar: str  # gregorian | jalali | afghan | weekday | relative
    source: str = ""


@dataclass(frozen=True, slots=True)
class Party:
    """Who takes part in a quotation or an event: a span of the clean text and its entity.

    `start`/`end` is the mention the extractor used (a pronoun or a title is
    resolved: `text` is then the entity's fullest name in the article).
    `country` is the ISO code of the entity's country where known.
    """

    start: int
    end: int
    text: str
    entity_id: str = ""
    name_en: str = ""
    label: str = ""
    country: str = ""


@dataclass(frozen=True, slots=True)
class Quote:
    """Reported speech: `start`/`end` is the quoted content, `cue` the reporting verb."""

    start: int
    end: int
    content: str
    kind: str  # direct | indirect
    cue: str = ""
    cue_start: int = -1
    cue_end: int = -1
    speaker: Party | None = None
    source: str = ""  # the outlet the article cites (به گزارش ...), not a speaker


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, where and when, with the evidence span.

    `code` is a CAMEO code (`036` express intent to meet, `111` criticize);
    `type` its PLOVER-style name. `modality` is `asserted` for what happened or
    is happening, else `intended`, `demanded`, `feared`, `possible` or `denied`.
    """

    type: str
    code: str
    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    actors: tuple[Party, ...] = ()
    targets: tuple[Party, ...] = ()
    place: Party | None = None
    date: str = ""
    negated: bool = False
    modality: str = "asserted"
    quote: int = -1  # index into Article.quotes for statement events


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    code: str  # ISO 639-1 where one exists: fa, prs (Dari), tg, ps, ar, ur, en, ru
    confidence: float


@dataclass(frozen=True, slots=True)
class Article:
    """One news article. Immutable: steps return a new one via `evolve`."""

    id: str
    raw: str
    text: str = ""
    url: str = ""
    source: str = ""
    title: str = ""
    published_at: datetime | None = None
    language: str = ""
    language_confidence: float = 0.0
    line_languages: tuple[LanguageGuess, ...] = ()
    dropped: tuple[Dropped, ...] = ()
    sentences: tuple[Span, ...] = ()
    tokens: tuple[Token, ...] = ()
    dates: tuple[DateMention, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    offsets: OffsetMap = field(default_factory=OffsetMap)

    @classmethod
    def from_raw(cls, raw: str, **kwargs: Any) -> Article:
        return cls(id=kwargs.pop("id", None) or content_id(raw), raw=raw, **kwargs)

    def evolve(self, **changes: Any) -> Self:
        return replace(self, **changes)

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published_at"] = self.published_at.isoformat() if self.published_at else None
        d["offsets"] = self.offsets.to_json()
        d["tokens"] = [t._asdict() for t in self.tokens]
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        pub = d.get("published_at")
        return cls(
            id=d["id"],
            raw=d["raw"],
            text=d.get("text", ""),
            url=d.get("url", ""),
            source=d.get("source", ""),
            title=d.get("title", ""),
            published_at=datetime.fromisoformat(pub) if pub else None,
            language=d.get("language", ""),
            language_confidence=float(d.get("language_confidence", 0.0)),
            line_languages=tuple(LanguageGuess(**g) for g in d.get("line_languages", ())),
            dropped=tuple(Dropped(**x) for x in d.get("dropped", ())),
            sentences=tuple(Span(**x) for x in d.get("sentences", ())),
            tokens=tuple(Token(**x) for x in d.get("tokens", ())),
            dates=tuple(DateMention(**x) for x in d.get("dates", ())),
            mentions=tuple(Mention(**x) for x in d.get("mentions", ())),
            quotes=tuple(_quote(x) for x in d.get("quotes", ())),
            events=tuple(_event(x) for x in d.get("events", ())),
            offsets=OffsetMap.from_json(d.get("offsets", ())),
        )

    @classmethod
    def from_json(cls, s: str) -> Article:
        return cls.from_dict(json.loads(s))


def _party(d: dict[str, Any] | None) -> Party | None:
    return Party(**d) if d else None


def _quote(d: dict[str, Any]) -> Quote:
    return Quote(**{**d, "speaker": _party(d.get("speaker"))})


def _event(d: dict[str, Any]) -> Event:
    return Event(
        **{
            **d,
            "actors": tuple(Party(**p) for p in d.get("actors", ())),
            "targets": tuple(Party(**p) for p in d.get("targets", ())),
            "place": _party(d.get("place")),
        }
    )


def content_id(text: str) -> str:
    """A stable id: the first 16 hex digits of SHA-256 over the text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
