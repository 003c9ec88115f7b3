"""People, organizations and places in an article, linked to entities.

Two finders work over the article's tokens, sentence by sentence: the
trained tagger (`ner.py`) and the knowledge base's names matched at token
boundaries (`گفت‌وگو` is one token, so Togo is never found inside it). Their
spans are merged (a linked name wins over an unlinked one; a longer span
over a shorter one) and then linked:

- a name the knowledge base knows gets its id and English name;
- a surname or a name with an honorific (`رحمان`, `آقای پوتین`) refers back
  to the person named in full earlier in the article (or to the only
  person of the knowledge base with that surname);
- an office with its country (`رئیس‌جمهور روسیه`) refers to whoever held it on
  the publication date, or to the person it stands beside in apposition;
- anything else becomes a document-level entity `doc:LABEL:name`.

The tagger is the fast CRF unless another is chosen: pass one to
`extract_mentions`, call `set_tagger("accurate")` (the neural tagger, which
needs torch), or set `RASAD_NER=accurate` in the environment, which reaches
worker processes too.
"""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Protocol

from rasad.extract.kb import (
    TITLE_SYNONYMS,
    Entity,
    KnowledgeBase,
    load_kb,
    name_key,
    title_key,
)
from rasad.extract.ner import NerModel, entity_spans
from rasad.model import Article, Mention, Token
from rasad.text.dates import is_weekday_mention

# Knowledge-base types as mention labels: countries are places.
KB_LABEL = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "FAC"}
HONORIFICS = frozenset(
    name_key(w)
    for w in "آقای خانم دکتر مهندس ژنرال سرلشکر سردار ملا مولوی شیخ حجت‌الاسلام آیت‌الله".split()
)
# Names that are common words too: kept only where the tagger also sees a name.
AMBIGUOUS = frozenset(name_key(w) for w in "مالی پرو چاد گابن بنین نیجر کنگو ساحل".split())
DUSHANBE = name_key("دوشنبه")
MAX_NAME_TOKENS = 8
MAX_TITLE_TOKENS = 6


TAGGERS = ("fast", "accurate")
_chosen: list[str] = []  # set_tagger's choice; empty: $RASAD_NER, else "fast"


class Tagger(Protocol):
    """What the linker needs of a named-entity tagger: IOB2 labels for tokens."""

    def tag(self, tokens: Sequence[str]) -> list[str]: ...


def load_tagger(kind: str = "fast") -> Tagger:
    """The shipped tagger of a kind: `fast` (the CRF) or `accurate` (neural, needs torch)."""
    if kind == "fast":
        return NerModel.load()
    if kind == "accurate":
        from rasad.extract.ner_neural import NeuralNerModel

        return NeuralNerModel.load()
    raise ValueError(f"unknown tagger {kind!r}: choose one of {', '.join(TAGGERS)}")


def set_tagger(kind: str) -> None:
    """Choose the tagger `extract_mentions` uses when given none."""
    if kind not in TAGGERS:
        raise ValueError(f"unknown tagger {kind!r}: choose one of {', '.join(TAGGERS)}")
    _chosen[:] = [kind]


def default_tagger() -> Tagger:
    """The chosen tagger: `set_tagger`'s choice, else `$RASAD_NER`, else the fast CRF."""
    return load_tagger(_chosen[0] if _chosen else os.environ.get("RASAD_NER") or "fast")


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    by_key: dict[str, tuple[str, ...]]
    longest_from: dict[str, int]  # first token key -> most tokens a name starting so has
    titles: dict[str, int]  # title key (no spaces) -> 1: the offices the KB knows
    surnames: dict[str, tuple[str, ...]]  # last-name key -> KB person ids


@cache
def _gazetteer() -> _Gazetteer:
    kb = load_kb()
    by_key: dict[str, list[str]] = {}
    longest: dict[str, int] = {}
    surnames: dict[str, list[str]] = {}
    for key, entity_id in kb.names():
        words = key.split()
        if not words or len(words) > MAX_NAME_TOKENS:
            continue
        by_key.setdefault(key, []).append(entity_id)
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
        entity = kb.entities[entity_id]
        if (
            entity.type == "PER"
            and len(words) >= 2
            and entity_id not in surnames.get(words[-1], [])
        ):
            surnames.setdefault(words[-1], []).append(entity_id)
    titles = {title_key(o.title_fa): 1 for e in kb.entities.values() for o in e.offices}
    return _Gazetteer(
        {k: tuple(v) for k, v in by_key.items()},
        longest,
        titles,
        {k: tuple(v) for k, v in surnames.items()},
    )


@lru_cache(maxsize=200_000)
def token_key(text: str) -> str:
    return name_key(text)


@dataclass(slots=True)
class _Span:
    start: int  # token index
    end: int
    label: str
    entity_id: str = ""
    source: str = ""


def _kb_matches(keys: Sequence[str], gaz: _Gazetteer, kb: KnowledgeBase) -> list[_Span]:
    """Longest knowledge-base names at token boundaries, left to right."""
    out: list[_Span] = []
    i = 0
    while i < len(keys):
        longest = gaz.longest_from.get(keys[i], 0)
        for n in range(min(longest, len(keys) - i), 0, -1):
            ids = gaz.by_key.get(" ".join(keys[i : i + n]))
            if ids:
                entity = kb.entities[ids[0]]
                out.append(_Span(i, i + n, KB_LABEL[entity.type], entity.id, "kb"))
                i += n
                break
        else:
            i += 1
    return out


def _merge(
    ner: list[_Span], found: list[_Span], keys: Sequence[str], kb: KnowledgeBase
) -> list[_Span]:
    """One list of non-overlapping spans from the tagger's and the knowledge base's."""
    spans: list[_Span] = []
    for span in ner:
        # An honorific is not part of the name (آقای پوتین).
        while span.end - span.start > 1 and keys[span.start] in HONORIFICS:
            span.start += 1
        linked = kb.lookup(" ".join(keys[span.start : span.end]))
        if linked:
            span.entity_id, span.source = linked[0].id, "ner+kb"
            span.label = KB_LABEL[linked[0].type]
        spans.append(span)
    for match in found:
        overlapping = [s for s in spans if s.start < match.end and match.start < s.end]
        if not overlapping:
            if " ".join(keys[match.start : match.end]) not in AMBIGUOUS:
                spans.append(match)
            continue
        widest = max(overlapping, key=lambda s: s.end - s.start)
        # A linked name wins over the tagger's span unless that one is longer
        # and linked too (a ministry named with its country).
        if match.end - match.start >= widest.end - widest.start or not widest.entity_id:
            for s in overlapping:
                spans.remove(s)
            spans.append(match)
    return sorted(spans, key=lambda s: s.start)


def extract_mentions(article: Article, model: Tagger | None = None) -> tuple[Mention, ...]:
    """Every name in the article, linked; spans are character offsets into `article.text`."""
    kb, gaz = load_kb(), _gazetteer()
    model = model or default_tagger()
    text, tokens = article.text, list(article.tokens)
    starts = [t.start for t in tokens]
    on = article.published_at.date() if article.published_at else None
    linker = _Linker(kb, gaz, on)
    out: list[Mention] = []
    for sentence in article.sentences:
        lo = bisect_left(starts, sentence.start)
        hi = bisect_left(starts, sentence.end)
        toks = tokens[lo:hi]
        if not toks:
            continue
        words = [t.text for t in toks]
        keys = [token_key(w) for w in words]
        ner = [
            _Span(s, e, label, "", "ner") for s, e, label in entity_spans(words, model.tag(words))
        ]
        spans = _merge(ner, _kb_matches(keys, gaz, kb), keys, kb)
        spans = linker.surnames_in(keys, spans)
        for span in spans:
            first = toks[span.start]
            if keys[span.start] == DUSHANBE and span.end - span.start == 1:
                if is_weekday_mention(text, first.start, toks[span.start].end):
                    continue
                span.entity_id, span.label, span.source = "city:dushanbe", "LOC", "kb"
            out.append(linker.link(span, toks, keys, text))
        out += linker.titles(toks, keys, spans, text)
    out += [
        Mention(d.start, d.end, d.text, "DATE", f"date:{d.value}", "", "date")
        for d in article.dates
    ]
    return tuple(sorted(out, key=lambda m: (m.start, -m.end)))


class _Linker:
    """Links spans within one article, remembering the people it has met."""

    def __init__(self, kb: KnowledgeBase, gaz: _Gazetteer, on: date | None) -> None:
        self.kb, self.gaz, self.on = kb, gaz, on
        self.people: list[tuple[tuple[str, ...], str]] = []  # (name keys, entity id)
        self.surnames: dict[str, str] = {}  # last-name key -> entity id, as met

    def _entity(self, entity_id: str) -> Entity | None:
        return self.kb.get(entity_id)

    def _mention(self, toks: Sequence[Token], span: _Span, text: str) -> Mention:
        start, end = toks[span.start].start, toks[span.end - 1].end
        entity = self._entity(span.entity_id)
        return Mention(
            start, end, text[start:end], span.label, span.entity_id,
            entity.name_en if entity else "", span.source,
        )  # fmt: skip

    def surnames_in(self, keys: Sequence[str], spans: list[_Span]) -> list[_Span]:
        """Surnames of the people named in full earlier, where no other span is."""
        covered = {i for s in spans for i in range(s.start, s.end)}
        extra = [
            _Span(i, i + 1, "PER", self.surnames[k], "alias")
            for i, k in enumerate(keys)
            if k in self.surnames and i not in covered
        ]
        return sorted(spans + extra, key=lambda s: s.start) if extra else spans

    def link(self, span: _Span, toks: Sequence[Token], keys: Sequence[str], text: str) -> Mention:
        words = tuple(keys[span.start : span.end])
        if not span.entity_id and span.label == "PER":
            span.entity_id, span.source = self._refer_back(words)
        if not span.entity_id:
            span.entity_id = f"doc:{span.label}:{' '.join(words)}"
        if span.label == "PER":
            self.people.append((words, span.entity_id))
            if len(words) >= 2 and words[-1] not in HONORIFICS:
                self.surnames.setdefault(words[-1], span.entity_id)
        return self._mention(toks, span, text)

    def _refer_back(self, words: tuple[str, ...]) -> tuple[str, str]:
        """A surname (or any tail of a name) of a person met earlier, or of one KB person."""
        for full, entity_id in reversed(self.people):
            if len(words) < len(full) and full[-len(words) :] == words:
                return entity_id, "alias"
        if len(words) == 1:
            ids = self.gaz.surnames.get(words[0], ())
            if len(ids) == 1:
                return ids[0], "alias"
        return "", "ner"

    def titles(
        self, toks: Sequence[Token], keys: Sequence[str], spans: list[_Span], text: str
    ) -> list[Mention]:
        """`رئیس‌جمهور روسیه`, `رئیس کمیته دولتی امنیت ملی تاجیکستان`: an office
        and whose it is, linked to the person beside it or to the holder."""
        out = []
        after = {s.start: s for s in spans if s.entity_id and s.label in ("LOC", "ORG")}
        for i in range(len(keys)):
            for n in range(MAX_TITLE_TOKENS, 0, -1):
                owner = after.get(i + n)
                if owner is None:
                    continue
                found = self._office(keys[i : i + n], keys[owner.start : owner.end], owner)
                if found is None:
                    continue
                title, of = found
                holder = self._apposition(i, spans)
                if not holder:
                    held = self.kb.by_title(title, of, self.on)
                    holder = held.id if held else ""
                if holder:
                    out.append(
                        self._mention(toks, _Span(i, owner.end, "PER", holder, "title"), text)
                    )
                break
        return out

    def _office(
        self, title: Sequence[str], owner_keys: Sequence[str], owner: _Span
    ) -> tuple[str, str] | None:
        """The office title and its holder's country or body, if the KB knows the office."""
        if owner.entity_id.startswith("country:"):
            words, of = list(title), owner.entity_id.split(":", 1)[1]
        elif owner.label == "ORG":
            # A body named with its country: the office is the title plus the body.
            entity = self.kb.get(owner.entity_id)
            country = self.gaz.by_key.get(owner_keys[-1], ("",))[0]
            if not entity or not country.startswith("country:"):
                return None
            words, of = [*title, *owner_keys[:-1]], country.split(":", 1)[1]
        else:
            return None
        joined = "".join(words)
        if TITLE_SYNONYMS.get(joined, joined) not in self.gaz.titles:
            return None
        return " ".join(words), of

    def _apposition(self, title_at: int, spans: list[_Span]) -> str:
        """`امامعلی رحمان، رئیس‌جمهور تاجیکستان`: the person just before the title."""
        for s in spans:
            if s.label == "PER" and s.end in (title_at, title_at - 1) and s.entity_id:
                return s.entity_id
        return ""
