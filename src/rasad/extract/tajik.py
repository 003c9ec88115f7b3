"""Names in Tajik (Cyrillic) articles, linked to the same entities as Persian ones.

Two readings of the article are merged:

- the Persian one: the article's Persian-script shadow (`rasad.text.tajik`)
  goes through the Persian tagger and linker (`rasad.extract.entities`), so
  `Эмомалӣ Раҳмон`, read `امامعلی رحمان`, is Emomali Rahmon, a surname or a
  title refers back as in Persian text, and a name the knowledge base lacks
  gets the same `doc:` id as its Persian spelling in a Persian article;
  each span is mapped back to the Tajik words it came from;
- the Tajik one: the knowledge base's own Tajik and Russian names, matched
  in the Cyrillic text as written, which catch names the transliteration
  spells differently.

Where the two overlap, a span linked to the knowledge base beats an
unlinked one, then the longer span, then the Tajik reading. `Душанбе` is
the city unless Tajik writes it as the weekday (lower case, `душанбе`) or,
at a sentence start, the Persian reading takes it for one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from rasad.extract.entities import Tagger, extract_mentions, token_key
from rasad.extract.kb import load_kb
from rasad.model import Article, Event, Mention, Party, Quote, Span, Token
from rasad.text.tajik import Shadow, find_tajik_dates, persian_shadow

DUSHANBE = "city:dushanbe"
# Suffixes a Tajik name takes, longest first: the object marker, the ezafe,
# "and" after a consonant and after a vowel, "is", the plural.
SUFFIXES = ("-ро", "ҳоро", "ҳои", "ро", "ву", "ст", "ҳо", "и", "у", "ю")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


class _KnowledgeBaseOnly:
    """A tagger that finds nothing, so only knowledge-base names are matched."""

    def tag(self, tokens: Sequence[str]) -> list[str]:
        return ["O"] * len(tokens)


def shadow_article(article: Article, shadow: Shadow) -> Article:
    """The article as Persian text: the shadow with its own sentences, tokens and dates."""
    from rasad.text.dates import find_dates
    from rasad.text.sentences import split_sentences
    from rasad.text.tokens import tokenize

    published = article.published_at.date() if article.published_at else None
    return article.evolve(
        text=shadow.text,
        language="fa",
        sentences=tuple(Span(s, e, "sentence", "rules") for s, e in split_sentences(shadow.text)),
        tokens=tuple(tokenize(shadow.text)),
        dates=tuple(find_dates(shadow.text, published)),
        mentions=(),
    )


def extract_tajik_mentions(
    article: Article, model: Tagger | None = None, shadow: Shadow | None = None
) -> tuple[Mention, ...]:
    """Every name in a Tajik article, linked; spans are offsets into `article.text`."""
    shadow = shadow or persian_shadow(article.text)
    persian = persian_reading(article, model, shadow)
    tajik = tajik_reading(article, shadow)
    names = _merge(
        [m for m in tajik if m.label != "DATE"], [m for m in persian if m.label != "DATE"]
    )
    names = [m for m in names if not _weekday(m, article, persian)]
    dates = [m for m in tajik if m.label == "DATE"]
    return tuple(sorted(names + dates, key=lambda m: (m.start, -m.end)))


def persian_reading(
    article: Article, model: Tagger | None = None, shadow: Shadow | None = None
) -> list[Mention]:
    """The names the Persian tagger and linker find in the shadow, as Tajik spans."""
    text = article.text
    shadow = shadow or persian_shadow(text)
    out = []
    for m in extract_mentions(shadow_article(article, shadow), model):
        start, end = shadow.to_tajik(m.start, m.end)
        out.append(replace(m, start=start, end=end, text=text[start:end]))
    return out


def tajik_reading(article: Article, shadow: Shadow | None = None) -> list[Mention]:
    """The knowledge base's Tajik and Russian names as written, and the article's dates."""
    published = article.published_at.date() if article.published_at else None
    dates = article.dates or tuple(find_tajik_dates(article.text, published, shadow))
    tokens = tuple(_name_token(t) for t in article.tokens)
    return [
        m
        for m in extract_mentions(article.evolve(dates=dates, tokens=tokens), _KnowledgeBaseOnly())
        if m.label == "DATE" or _in_kb(m)
    ]


def _name_token(token: Token) -> Token:
    """The token read without a Tajik suffix (Маскавро, Тоҷикистони, Самарқанду) where
    only the bare word is part of a knowledge-base name; its span stays the whole word."""
    words = _kb_words()
    key = token_key(token.text)
    if key in words:
        return token
    for suffix in SUFFIXES:
        if key.endswith(suffix) and key[: -len(suffix)] in words:
            return token._replace(text=token.text[: -len(suffix)])
    return token


@cache
def _kb_words() -> frozenset[str]:
    """Every word of a Cyrillic name in the knowledge base, as a lookup key."""
    return frozenset(
        word for key, _ in load_kb().names() if _CYRILLIC.search(key) for word in key.split()
    )


def _in_kb(m: Mention) -> bool:
    return bool(m.entity_id) and not m.entity_id.startswith(("doc:", "date:"))


def _merge(tajik: list[Mention], persian: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: linked first, then longer, then the Tajik reading."""
    ranked = sorted(
        [(m, 0) for m in tajik] + [(m, 1) for m in persian],
        key=lambda x: (not _in_kb(x[0]), -(x[0].end - x[0].start), x[1], x[0].start),
    )
    chosen: list[Mention] = []
    for m, _ in ranked:
        # Apart from every chosen one, or the country inside an office
        # (`президенти Тоҷикистон`), as the Persian linker nests them too.
        if all(
            m.end <= c.start
            or c.end <= m.start
            or (c.source == "title" and c.start <= m.start and m.end <= c.end and m.label != "PER")
            for c in chosen
        ):
            chosen.append(m)
    return chosen


def _weekday(m: Mention, article: Article, persian: list[Mention]) -> bool:
    """`душанбе` the weekday, not Dushanbe the city (see the module's notes)."""
    if m.entity_id != DUSHANBE or " " in m.text:
        return False
    if m.text[:1].islower():
        return True
    at_start = any(s.start == m.start for s in article.sentences)
    if not at_start:
        return False
    return not any(p.start == m.start and p.entity_id == DUSHANBE for p in persian)


def _shadow_analysis(article: Article) -> tuple[Shadow, Article]:
    """The article's Persian reading with its names, in the reading's own offsets."""
    shadow = persian_shadow(article.text)
    fa = shadow_article(article, shadow)
    return shadow, fa.evolve(mentions=tuple(extract_mentions(fa)))


def _party_back(
    p: Party, shadow: Shadow, fa: str, text: str, linked: dict[tuple[int, int], Mention]
) -> Party:
    """A party of the Persian reading as a span of the Tajik text, linked as the
    article's merged mentions link that span (the Tajik reading may know it)."""
    start, end = shadow.to_tajik(p.start, p.end)
    # A name resolved to its fullest Persian form keeps it; a plain span is the Tajik words.
    spelled = text[start:end] if p.text == fa[p.start : p.end] else p.text
    m = linked.get((start, end))
    if m is not None and m.entity_id != p.entity_id and not m.entity_id.startswith("doc:"):
        return Party(start, end, spelled, m.entity_id, m.name_en, m.label, p.country)
    return replace(p, start=start, end=end, text=spelled)


def _linked(article: Article) -> dict[tuple[int, int], Mention]:
    return {(m.start, m.end): m for m in article.mentions if m.label != "DATE"}


def tajik_quotes(article: Article) -> tuple[Quote, ...]:
    """Quotations in a Tajik article, found in its Persian reading (`гуфт` is `گفت`)."""
    from rasad.extract.quotes import find_quotes

    shadow, fa = _shadow_analysis(article)
    linked = _linked(article)
    return tuple(_quote_back(q, shadow, fa.text, article.text, linked) for q in find_quotes(fa))


def tajik_events(article: Article) -> tuple[Event, ...]:
    """Events in a Tajik article, found in its Persian reading; statement events
    point at the same quotations as `tajik_quotes` (same order)."""
    from rasad.extract.events import find_events
    from rasad.extract.quotes import find_quotes

    shadow, fa = _shadow_analysis(article)
    text = article.text
    linked = _linked(article)
    out = []
    for e in find_events(fa, find_quotes(fa)):
        start, end = shadow.to_tajik(e.start, e.end)
        t_start, t_end = shadow.to_tajik(e.trigger_start, e.trigger_end)
        out.append(
            replace(
                e,
                start=start,
                end=end,
                trigger=text[t_start:t_end],
                trigger_start=t_start,
                trigger_end=t_end,
                actors=tuple(_party_back(p, shadow, fa.text, text, linked) for p in e.actors),
                targets=tuple(_party_back(p, shadow, fa.text, text, linked) for p in e.targets),
                place=_party_back(e.place, shadow, fa.text, text, linked) if e.place else None,
            )
        )
    return tuple(out)


def _quote_back(
    q: Quote, shadow: Shadow, fa: str, text: str, linked: dict[tuple[int, int], Mention]
) -> Quote:
    start, end = shadow.to_tajik(q.start, q.end)
    c_start, c_end = shadow.to_tajik(q.cue_start, q.cue_end) if q.cue_start >= 0 else (-1, -1)
    return replace(
        q,
        start=start,
        end=end,
        content=text[start:end],
        cue=text[c_start:c_end] if c_start >= 0 else q.cue,
        cue_start=c_start,
        cue_end=c_end,
        speaker=_party_back(q.speaker, shadow, fa, text, linked) if q.speaker else None,
    )
