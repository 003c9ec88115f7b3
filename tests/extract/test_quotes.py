"""Quotations: direct and reported speech, speakers, sources."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.extract.quotes import CUE, find_quotes
from tests.extract.conftest import analyze
from tests.sample import SAMPLE


def speakers(raw: str) -> list[tuple[str, str, str]]:
    """(kind, speaker text, content) of each quotation."""
    article = analyze(raw)
    return [(q.kind, q.speaker.text if q.speaker else "", q.content) for q in find_quotes(article)]


@pytest.mark.parametrize(
    "cue",
    [
        "گفت", "گفتند", "گفته است", "گفته‌اند", "گفته بود", "می‌گوید", "افزود", "افزوده است",
        "اظهار داشت", "اظهارداشت", "تأکید کرد", "تاکید کرده است", "خاطرنشان کرد",
        "اعلام کرد", "نوشت", "یادآور شد", "اطمینان داد", "بیان کرد", "ادامه داد",
    ],
)  # fmt: skip
def test_reporting_verbs_in_every_tense(cue: str) -> None:
    assert CUE.fullmatch(cue)


@pytest.mark.parametrize("word", ["گفتگو", "گفت‌وگو", "نگفت", "گفته‌ها", "افزودنی", "اعلامیه"])
def test_words_that_are_not_cues(word: str) -> None:
    assert not CUE.search(word)


CASES = [
    # Direct speech in guillemets after the cue.
    (
        "امانوئل مکرون اظهار داشت: «فرانسه در کنار تاجیکستان می‌ایستد.»",
        [("direct", "امانوئل مکرون", "فرانسه در کنار تاجیکستان می‌ایستد")],
    ),
    # The wire-agency form: a colon and the rest of the paragraph.
    (
        "محمد جواد ظریف امروز در جمع خبرنگاران گفت: ما با همسایگان گفت‌وگو می‌کنیم.\n"
        "وی افزود: این سیاست ادامه دارد.",
        [
            ("direct", "محمد جواد ظریف", "ما با همسایگان گفت‌وگو می‌کنیم"),
            ("direct", "محمد جواد ظریف", "این سیاست ادامه دارد"),
        ],
    ),
    # Reported speech with که; the pronoun goes to the last speaker.
    (
        "ولادیمیر پوتین گفت که روسیه آماده همکاری است. او افزود که مرزها امن هستند.",
        [
            ("indirect", "ولادیمیر پوتین", "روسیه آماده همکاری است"),
            ("indirect", "ولادیمیر پوتین", "مرزها امن هستند"),
        ],
    ),
    # به گفته X، ...
    (
        "به گفته عباس عراقچی، مذاکرات ادامه خواهد یافت.",
        [("indirect", "عباس عراقچی", "مذاکرات ادامه خواهد یافت")],
    ),
    # A title opens the clause: the speaker is the title, not the country in it.
    (
        "سخنگوی وزارت خارجه چین گفت: پکن از گفت‌وگو حمایت می‌کند.",
        [("direct", "سخنگوی وزارت خارجه چین", "پکن از گفت‌وگو حمایت می‌کند")],
    ),
    # A reported clause without که, after a simple past cue.
    (
        "عباس عراقچی گفت دور بعدی مذاکرات در ژنو برگزار می‌شود.",
        [("indirect", "عباس عراقچی", "دور بعدی مذاکرات در ژنو برگزار می‌شود")],
    ),
    # `تبریک گفت` reports nothing.
    ("عباس عراقچی به همتای خود تبریک گفت و از او دعوت کرد.", []),
    # `با بیان اینکه X، افزود: Y` is two quotations by one speaker.
    (
        "علی لاریجانی با بیان اینکه مجلس از دولت حمایت می‌کند، افزود: این طرح بررسی می‌شود.",
        [
            ("indirect", "علی لاریجانی", "مجلس از دولت حمایت می‌کند"),
            ("direct", "علی لاریجانی", "این طرح بررسی می‌شود"),
        ],
    ),
    # An announcement: `از ... خبر داد`; a demand: `خواستار ... شد`, `... را خواستار شد`.
    (
        "وزیر ارتباطات از بهره‌برداری ۶ هزار دفتر روستایی تا پایان مرداد خبر داد.",
        [("indirect", "وزیر ارتباطات", "بهره‌برداری ۶ هزار دفتر روستایی تا پایان مرداد")],
    ),
    (
        "امامعلی رحمان خواستار تشکیل دولت فراگیر در افغانستان شد.",
        [("indirect", "امامعلی رحمان", "تشکیل دولت فراگیر در افغانستان")],
    ),
    (
        "امامعلی رحمان تشکیل دولت فراگیر را خواستار شد.",
        [("indirect", "امامعلی رحمان", "تشکیل دولت فراگیر")],
    ),
    # A title of a work in guillemets is not a quotation.
    ("فیلم «شب ازدواج سفید» در جشنواره نمایش داده شد.", []),
    # A negated verb reports nothing.
    ("رئیس‌جمهور در این باره چیزی نگفت.", []),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_quotations(raw: str, expected: list[tuple[str, str, str]]) -> None:
    assert speakers(raw) == expected


def test_joint_speakers_get_one_quotation_each() -> None:
    raw = "امامعلی رحمان و امانوئل مکرون به رسانه‌ها گفتند که همکاری دو کشور گسترش می‌یابد."
    found = speakers(raw)
    assert [s for _, s, _ in found] == ["امامعلی رحمان", "امانوئل مکرون"]
    assert {c for _, _, c in found} == {"همکاری دو کشور گسترش می‌یابد"}


def test_source_line_is_a_source_not_a_speaker() -> None:
    raw = "به گزارش خبرگزاری فارس، علی لاریجانی گفت: مجلس این طرح را بررسی می‌کند."
    (q,) = find_quotes(analyze(raw))
    assert q.speaker is not None and q.speaker.text == "علی لاریجانی"
    assert q.source == "خبرگزاری فارس"


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample not present")
def test_sample_article() -> None:
    article = analyze(SAMPLE.read_text(encoding="utf-8"))
    quotes = article.quotes
    assert all(article.text[q.start : q.end] == q.content for q in quotes)
    direct = {
        (q.speaker.name_en if q.speaker else "", q.content[:12])
        for q in quotes
        if q.kind == "direct"
    }
    assert direct == {("Emmanuel Macron", "فرانسه و تاج"), ("Vladimir Putin", "تروریست‌های ")}
    indirect = [q for q in quotes if q.kind == "indirect"]
    by = {q.speaker.name_en for q in indirect if q.speaker}
    assert by == {"Emomali Rahmon", "Emmanuel Macron", "Saimumin Yatimov"}
    # `این مقام امنیتی تاجیکستان افزوده است که ...` is Yatimov.
    (added,) = [q for q in quotes if q.cue == "افزوده است"]
    assert added.speaker is not None and added.speaker.entity_id == "person:saimumin-yatimov"
    assert added.content.startswith("بیشترین تهدید")
    # The radio is the source of Yatimov's words, never a speaker.
    assert all(q.speaker and "خراسان" not in q.speaker.text for q in quotes)
    assert any("صدای خراسان" in q.source for q in quotes)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="گفت که «» : ، . وی او رحمان امامعلی اظهار داشت \n", max_size=120))
def test_quotations_are_spans_of_the_text(raw: str) -> None:
    article = analyze(raw)
    for q in find_quotes(article):
        assert 0 <= q.start <= q.end <= len(article.text)
        assert article.text[q.start : q.end] == q.content
