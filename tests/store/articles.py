"""Articles built by hand, with annotations whose spans really are in the text."""

from __future__ import annotations

from datetime import UTC, datetime
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

TEXT = (
    "امامعلی رحمان، رئیس‌جمهور تاجیکستان، روز چهارشنبه در پاریس با امانوئل مکرون دیدار کرد."
    " مکرون گفت: «فرانسه از تاجیکستان حمایت می‌کند.»"
)


def at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    """The span of the nth occurrence of `part` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def party(text: str, part: str, entity_id: str, name_en: str, label: str, country: str) -> Party:
    s, e = at(text, part)
    return Party(s, e, part, entity_id, name_en, label, country)


def annotated(text: str = TEXT, **fields: Any) -> Article:
    """An article about a meeting: two people, two countries, a quote, an event."""
    rahmon = party(text, "امامعلی رحمان", "person:emomali-rahmon", "Emomali Rahmon", "PER", "TJ")
    macron = party(text, "امانوئل مکرون", "person:emmanuel-macron", "Emmanuel Macron", "PER", "FR")
    paris = party(text, "پاریس", "city:paris", "Paris", "LOC", "FR")
    mentions = tuple(
        Mention(p.start, p.end, p.text, p.label, p.entity_id, p.name_en, "kb")
        for p in (rahmon, paris, macron)
    ) + (
        Mention(*at(text, "تاجیکستان"), "تاجیکستان", "LOC", "country:tj", "Tajikistan", "kb"),
        Mention(*at(text, "تاجیکستان", 1), "تاجیکستان", "LOC", "country:tj", "Tajikistan", "kb"),
    )
    content = "فرانسه از تاجیکستان حمایت می‌کند."
    q_start, q_end = at(text, content)
    cue_start, cue_end = at(text, "گفت")
    macron_said = Party(
        *at(text, "مکرون", 1), "امانوئل مکرون", macron.entity_id, macron.name_en, "PER", "FR"
    )
    quote = Quote(q_start, q_end, content, "direct", "گفت", cue_start, cue_end, macron_said, "")
    meet_start, meet_end = at(text, "دیدار کرد")
    meeting = Event(
        type="MEET",
        code="040",
        start=0,
        end=meet_end + 1,
        trigger="دیدار کرد",
        trigger_start=meet_start,
        trigger_end=meet_end,
        actors=(rahmon,),
        targets=(macron,),
        place=paris,
        date="2021-10-13",
        negated=False,
        modality="asserted",
    )
    support = Event(
        type="SUPPORT",
        code="051",
        start=q_start,
        end=q_end,
        trigger="حمایت می‌کند",
        trigger_start=at(text, "حمایت می‌کند")[0],
        trigger_end=at(text, "حمایت می‌کند")[1],
        actors=(party(text, "فرانسه", "country:fr", "France", "GPE", "FR"),),
        targets=(party(text, "تاجیکستان", "country:tj", "Tajikistan", "GPE", "TJ"),),
        modality="intended",
        quote=0,
    )
    base = {
        "text": text,
        "title": "دیدار رحمان و مکرون",
        "url": "https://example.org/rahmon-macron",
        "source": "example",
        "published_at": datetime(2021, 10, 14, 9, 30, tzinfo=UTC),
        "language": "fa",
        "language_confidence": 0.98,
        "line_languages": (LanguageGuess("fa", 0.98),),
        "dropped": (Dropped("Read More", "other-language:en", 0, 9),),
        "sentences": (Span(0, 86, "sentence", "rules"), Span(87, len(text), "sentence", "rules")),
        "dates": (DateMention(*at(text, "روز چهارشنبه"), "روز چهارشنبه", "2021-10-13", "weekday"),),
        "mentions": mentions,
        "quotes": (quote,),
        "events": (meeting, support),
        "offsets": OffsetMap.from_json([[[0, 10, 0, 0]]]),
    }
    base.update(fields)
    return Article.from_raw("Read More\n" + text, **base)


def plain(text: str, **fields: Any) -> Article:
    """An article with clean text only (the raw text is the text)."""
    return Article.from_raw(text, text=text, **fields)
