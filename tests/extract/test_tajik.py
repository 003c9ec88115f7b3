"""Names in Tajik text link to the same knowledge-base entities as their Persian spellings."""

from __future__ import annotations

import pickle

import pytest

from rasad.extract.tajik import extract_tajik_mentions, persian_reading, tajik_reading
from rasad.model import Mention
from rasad.pipeline.steps import EntityStep
from tests.extract.conftest import analyze

ARTICLE = (
    "Эмомалӣ Раҳмон, президенти Тоҷикистон, рӯзи чоршанбе дар Порис бо Эммануэл Макрон,"
    " президенти Фаронса, дидор кард.\n"
    "Оқои Раҳмон дар суханрониаш аз ҷумла гуфт, ки Тоҷикистон бидуни кумаки дигар кишварҳо"
    " муқобала бо ифротгароӣ барояш сахт хоҳад буд.\n"
    "Сӯҳроби Зиё аз шаҳри Душанбе гузориш медиҳад."
)
PERSIAN = "امامعلی رحمان، رئیس‌جمهور تاجیکستان، روز چهارشنبه در دوشنبه با ولادیمیر پوتین دیدار کرد."


def linked(mentions: tuple[Mention, ...] | list[Mention]) -> list[tuple[str, str]]:
    return [(m.text, m.entity_id) for m in mentions if m.label != "DATE"]


def test_tajik_article_links_to_the_knowledge_base() -> None:
    article = analyze(ARTICLE)
    assert article.language == "tg"
    found = linked(article.mentions)
    for expected in [
        ("Эмомалӣ Раҳмон", "person:emomali-rahmon"),
        ("Тоҷикистон", "country:TJ"),
        ("Порис", "city:paris"),
        ("Фаронса", "country:FR"),
        ("Раҳмон", "person:emomali-rahmon"),  # a surname refers back, as in Persian
        ("шаҳри Душанбе", "city:dushanbe"),
    ]:
        assert expected in found
    for m in article.mentions:
        assert article.text[m.start : m.end] == m.text


def test_the_same_entities_as_the_persian_article() -> None:
    tajik = analyze(
        "Эмомалӣ Раҳмон, президенти Тоҷикистон, дар Душанбе бо Владимир Путин дидор кард."
    )
    persian = analyze(PERSIAN)
    ids = {m.entity_id for m in persian.mentions if m.label != "DATE"}
    assert {"person:emomali-rahmon", "country:TJ", "city:dushanbe", "person:vladimir-putin"} <= ids
    assert ids <= {m.entity_id for m in tajik.mentions}


def test_a_name_the_knowledge_base_lacks_gets_its_persian_documents_id() -> None:
    article = analyze(ARTICLE)
    (ziyo,) = [m for m in article.mentions if m.text == "Сӯҳроби Зиё"]
    assert ziyo.label == "PER"
    assert ziyo.entity_id == "doc:PER:سهراب ضیا"  # what a Persian article writing سهراب ضیا gets


@pytest.mark.parametrize(
    ("text", "name", "entity_id"),
    [
        # Suffixes: the object marker, the ezafe, "and"
        ("Ҳукумат сафири Маскавро даъват кард.", "Маскавро", "city:moscow"),
        ("Ҳифзи манфиатҳои Тоҷикистони азиз муҳим аст.", "Тоҷикистони", "country:TJ"),
        ("Ҳасрати Бухорову Самарқанд шеър шуд.", "Бухорову", "city:bukhara"),
        ("Сохтмони нерӯгоҳи Роғун-ро идома медиҳанд.", "нерӯгоҳи Роғун-ро", "fac:rogun"),
        # Names only the Persian reading finds (the knowledge base has no such Tajik name)
        ("Бонки ҷаҳонӣ барои ин тарҳ маблағ ҷудо кард.", "Бонки ҷаҳонӣ", "org:world-bank"),
        ("Дунолд Тромп ба Кохи Сафед баргашт.", "Дунолд Тромп", "person:donald-trump"),
    ],
)
def test_real_tajik_spellings(text: str, name: str, entity_id: str) -> None:
    found = linked(analyze(text).mentions)
    assert (name, entity_id) in found


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Ҳайат дар Душанбе бо вазир мулоқот кард.", True),
        ("Ҳайат рӯзи душанбе бо вазир мулоқот кард.", False),  # the weekday, written lower case
        ("Душанбе пойтахти Тоҷикистон аст.", True),
    ],
)
def test_dushanbe_the_city_and_the_weekday(text: str, city: bool) -> None:
    ids = [m.entity_id for m in analyze(text).mentions]
    assert ("city:dushanbe" in ids) is city


def test_both_readings_are_merged_without_overlap() -> None:
    article = analyze(ARTICLE)
    merged = extract_tajik_mentions(article)
    names = [m for m in merged if m.label != "DATE"]
    # Only a place inside an office nests (`президенти Тоҷикистон` holds `Тоҷикистон`).
    outer = [
        m
        for m in names
        if not any(
            o.source == "title" and o.start <= m.start and m.end <= o.end and o is not m
            for o in names
        )
    ]
    for a, b in zip(outer, outer[1:], strict=False):
        assert a.end <= b.start
    tajik = {(m.start, m.entity_id) for m in tajik_reading(article)}
    persian = {(m.start, m.entity_id) for m in persian_reading(article)}
    assert {(m.start, m.entity_id) for m in names} <= tajik | persian


def test_a_persian_article_is_not_read_as_tajik() -> None:
    article = analyze(PERSIAN)
    assert article.language == "fa"
    assert EntityStep().process(article).mentions == article.mentions


def test_the_entity_step_still_pickles() -> None:
    step = pickle.loads(pickle.dumps(EntityStep()))
    article = analyze(ARTICLE)
    assert step.process(article.evolve(mentions=())).mentions == article.mentions


JOINT = (
    "Эмомалӣ Раҳмон, Президенти Тоҷикистон, ва Эммануэл Макрон, Президенти Фаронса, рӯзи"
    " чоршанбе пас аз дидор дар Париж ба расонаҳо гуфтанд, ки оид ба таҳдидҳои терроризм дар"
    " Афғонистон нигаронанд.\n"
    "Эмомалӣ Раҳмон гуфт: «Тоҷикистон ҳукумати фарогирро дар Афғонистон дастгирӣ мекунад.»\n"
    "Вазири корҳои хориҷии Тоҷикистон Толибонро интиқод кард."
)


def test_tajik_quotations_and_events_are_spans_of_the_tajik_text() -> None:
    article = analyze(JOINT)
    assert article.language == "tg"
    speakers = {(q.kind, q.speaker.entity_id) for q in article.quotes if q.speaker}
    # Joint speakers of `гуфтанд, ки` and the direct quotation after `гуфт:`.
    assert {
        ("indirect", "person:emomali-rahmon"),
        ("indirect", "person:emmanuel-macron"),
        ("direct", "person:emomali-rahmon"),
    } <= speakers
    for q in article.quotes:
        assert article.text[q.start : q.end] == q.content
        assert not q.content.startswith("ки ")
        assert article.text[q.cue_start : q.cue_end] == q.cue
    meeting = [e for e in article.events if e.type == "consult"]
    assert meeting and {p.entity_id for p in meeting[0].actors} == {
        "person:emomali-rahmon",
        "person:emmanuel-macron",
    }
    assert meeting[0].trigger == "дидор"
    criticism = [e for e in article.events if e.type == "criticize"]
    assert criticism and criticism[0].targets[0].entity_id == "group:taliban"
    for e in article.events:
        assert article.text[e.trigger_start : e.trigger_end] == e.trigger
        for p in (*e.actors, *e.targets):
            assert 0 <= p.start < p.end <= len(article.text)
