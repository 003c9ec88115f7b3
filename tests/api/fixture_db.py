"""A small store built by rasad's own analysis from Persian test texts.

Shared by the API tests and the browser tests: the sample article, four
texts written for these tests (one a rewrite of another, grouped into a
story), a hostile article whose text and title hold markup, and a hand-made
article whose entity name is a script tag.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from rasad.model import Article, Mention
from rasad.pipeline.steps import analysis_pipeline
from rasad.store import open_store
from tests.sample import SAMPLE

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HOSTILE_TITLE = '<script>alert("title")</script> عنوان آزمایشی'
HOSTILE_ENTITY = "<script>alert('entity')</script>"

# (file, title, source, published, url)
TEXTS = (
    ("araghchi-muscat.txt", "دیدار عراقچی و البوسعیدی در مسقط", "irna", "2024-04-29T09:00:00"),
    ("araghchi-muscat-rewrite.txt", "عراقچی در مسقط", "isna", "2024-04-29T11:30:00"),
    ("kabul-taliban.txt", "دیدار متقی با هیئت ازبکستان در کابل", "tolonews", "2024-04-30T08:00:00"),
    ("dushanbe-rahmon.txt", "دیدار رحمان و پوتین در دوشنبه", "ozodi", "2024-04-25T10:00:00"),
    ("hostile.txt", HOSTILE_TITLE, "test", "2024-04-20T10:00:00"),
)


def articles() -> list[Article]:
    out = []
    for name, title, source, published in TEXTS:
        out.append(
            Article.from_raw(
                (FIXTURES / name).read_text(encoding="utf-8"),
                title=title,
                source=source,
                url=f"https://example.org/{source}/{name.removesuffix('.txt')}",
                published_at=datetime.fromisoformat(published).replace(tzinfo=UTC),
            )
        )
    out.append(
        Article.from_raw(
            SAMPLE.read_text(encoding="utf-8"),
            title="دیدار امامعلی رحمان و امانوئل مکرون در پاریس",
            source="radiofarda",
            url="https://example.org/radiofarda/tajikistan-france-2021",
            published_at=datetime(2021, 10, 14, 8, tzinfo=UTC),
        )
    )
    return out


def hostile_entity_article() -> Article:
    """An article made by hand: its only name is a script tag."""
    text = "خبری کوتاه درباره " + HOSTILE_ENTITY + " و دیگران."
    start = text.index(HOSTILE_ENTITY)
    mention = Mention(
        start,
        start + len(HOSTILE_ENTITY),
        HOSTILE_ENTITY,
        "PER",
        entity_id="doc:PER:" + HOSTILE_ENTITY,
        name_en=HOSTILE_ENTITY,
        source="test",
    )
    return Article.from_raw(
        text,
        text=text,
        title="خبر دست‌ساز",
        source="test",
        language="fa",
        published_at=datetime(2024, 4, 21, tzinfo=UTC),
        mentions=(mention,),
    )


def build(path: Path) -> Path:
    """Analyse the texts and store them at `path` (a new SQLite file)."""
    analysed = list(analysis_pipeline().run(articles()))
    with open_store(str(path)) as store:
        ids = [store.add_article(a).id for a in analysed]
        store.add_article(hostile_entity_article())
        story = store.assign_story(ids[0])
        store.assign_story(ids[1], story)
    return path


def shared(base: Path) -> Path:
    """The fixture store under a session's base temp folder, built by whoever asks first."""
    path = base / "rasad-fixture.db"
    if not path.exists():
        build(path)
    return path
