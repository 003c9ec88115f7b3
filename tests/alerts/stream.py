"""Fixture streams of articles over simulated days, built by hand (no analysis needed).

Each article names one subject (a person, a place) at the start of its text
and may hold one event; its text is unique (the store keeps one copy of a
text), its day is its publication day at noon UTC.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from rasad.model import Article, Event, Mention, Party

STEADY = ("person:steady-minister", "PER", "وزیر ثابت", "Steady Minister")
RISING = ("person:rising-general", "PER", "ژنرال نوخاسته", "Rising General")
FILLER = ("org:filler-agency", "ORG", "خبرگزاری پرکار", "Busy Agency")
PLACE = ("city:dushanbe", "LOC", "دوشنبه", "Dushanbe")

Subject = tuple[str, str, str, str]


def article(
    day: date, n: int, subject: Subject, event: str = "", words: str = "", source: str = "fixture"
) -> Article:
    """Article `n` of `day` naming `subject`; with an event of type `event` if given."""
    entity_id, label, name, name_en = subject
    text = f"{name} روز {day.isoformat()} در گزارش شماره {n} آمد."
    if event:
        text += " دو طرف دیدار کردند."
    if words:
        text += " " + words
    mention = Mention(0, len(name), name, label, entity_id, name_en, "kb")
    events: tuple[Event, ...] = ()
    if event:
        start = text.index("دیدار کردند")
        actor = Party(0, len(name), name, entity_id, name_en, label)
        events = (
            Event(
                type=event,
                code="040",
                start=start,
                end=start + len("دیدار کردند"),
                trigger="دیدار کردند",
                trigger_start=start,
                trigger_end=start + len("دیدار کردند"),
                actors=(actor,),
            ),
        )
    return Article.from_raw(
        text,
        text=text,
        title=f"{name} {n}",
        url=f"https://news.example/{day.isoformat()}/{entity_id}/{n}",
        source=source,
        published_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        language="fa",
        mentions=(mention,),
        events=events,
    )


def stream(last: date, days: int, rise_on: date) -> Iterator[Article]:
    """`days` days up to `last`: a steady story (4 to 6 a day, meetings), a story that
    rises on `rise_on` (1 a day on odd days before, 9 that day), and filler every day."""
    for i in range(days):
        day = last - timedelta(days=days - 1 - i)
        for n in range(4 + i % 3):
            yield article(day, n, STEADY, event="consult")
        rising = 9 if day == rise_on else (1 if i % 2 and day < rise_on else 0)
        for n in range(rising):
            yield article(day, 100 + n, RISING)
        for n in range(2):
            yield article(day, 200 + n, FILLER)
