"""Entity mentions and linking, with a tagger that finds nothing (the knowledge
base and the article alone must do the linking) and with the shipped tagger."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.extract.entities import extract_mentions
from rasad.model import Article
from rasad.text.analyze import analyze_article

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "tajikistan-france-2021.txt"


class NoTagger:
    def tag(self, words: list[str]) -> list[str]:
        return ["O"] * len(words)


def mentions(
    raw: str, published: str = "2021-10-14", tagger: object = None
) -> list[tuple[str, str, str]]:
    pub = datetime.fromisoformat(published).replace(tzinfo=UTC)
    article = analyze_article(Article.from_raw(raw, published_at=pub))
    found = extract_mentions(article, tagger or NoTagger())  # type: ignore[arg-type]
    return [(m.text, m.label, m.entity_id) for m in found if m.label != "DATE"]


# (text, expected (mention, id) pairs in order)
CASES = [
    # Togo (توگو) is never found inside گفت‌وگو, nor Iran inside ایرانی.
    ("پس از گفتوگو با مقامهای ایرانی", []),
    ("هیئت ایرانی به توگو رفت.", [("توگو", "country:TG")]),
    ("ایران و چین توافق کردند.", [("ایران", "country:IR"), ("چین", "country:CN")]),
    # Dushanbe the city, Monday the weekday.
    (
        "او روز دوشنبه به دوشنبه، پایتخت تاجیکستان رفت.",
        [("دوشنبه", "city:dushanbe"), ("تاجیکستان", "country:TJ")],
    ),
    ("نشست دوشنبه گذشته برگزار شد.", []),
    ("سفر به دوشنبه لغو شد.", [("دوشنبه", "city:dushanbe")]),
    # Tajik Cyrillic and English names link to the same entities.
    (
        "Эмомалӣ Раҳмон дар Душанбе",
        [("Эмомалӣ Раҳмон", "person:emomali-rahmon"), ("Душанбе", "city:dushanbe")],
    ),
    # CIS under its Tajik-Persian name and its Iranian one.
    (
        "نشست جامعه همسو و کشورهای مشترکالمنافع",
        [("جامعه هم\u200cسو", "org:cis"), ("کشورهای مشترک\u200cالمنافع", "org:cis")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_names_at_token_boundaries(text: str, expected: list[tuple[str, str]]) -> None:
    got = [(t, i) for t, _, i in mentions(text)]
    assert got == expected


def test_surname_and_honorific_refer_back() -> None:
    got = mentions("ولادیمیر پوتین سخنرانی کرد. هرچند آقای پوتین از گروهی نام نبرد، پوتین گفت.")
    people = [(t, i) for t, label, i in got if label == "PER"]
    assert people == [
        ("ولادیمیر پوتین", "person:vladimir-putin"),
        ("پوتین", "person:vladimir-putin"),
        ("پوتین", "person:vladimir-putin"),
    ]


@pytest.mark.parametrize(
    ("text", "title", "person"),
    [
        ("رئیس‌جمهور روسیه گفت.", "رئیس\u200cجمهور روسیه", "person:vladimir-putin"),
        ("رئیسجمهور تاجیکستان گفت.", "رئیس\u200cجمهور تاجیکستان", "person:emomali-rahmon"),
        ("وزیر امور خارجه ایران گفت.", "وزیر امور خارجه ایران", "person:hossein-amir-abdollahian"),
    ],
)
def test_titles_link_to_the_holder_on_the_publication_date(
    text: str, title: str, person: str
) -> None:
    assert (title, "PER", person) in mentions(text)


def test_title_in_apposition_links_to_the_person_beside_it() -> None:
    got = mentions("علی احمدی، رئیس‌جمهور تاجیکستان، گفت.", tagger=_Tagger({"علی", "احمدی"}))
    ids = {i for t, label, i in got if label == "PER"}
    assert ids == {"doc:PER:علی احمدی"}


class _Tagger:
    """Tags the given words as one person."""

    def __init__(self, words: set[str]) -> None:
        self.words = words

    def tag(self, words: list[str]) -> list[str]:
        out, inside = [], False
        for w in words:
            if w in self.words:
                out.append("I-PER" if inside else "B-PER")
                inside = True
            else:
                out.append("O")
                inside = False
        return out


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample not present")
@pytest.mark.parametrize("tagger", [NoTagger(), None], ids=["kb-only", "shipped-tagger"])
def test_sample_article(tagger: object) -> None:
    raw = SAMPLE.read_text(encoding="utf-8")
    pub = datetime(2021, 10, 14, tzinfo=UTC)
    article = analyze_article(Article.from_raw(raw, published_at=pub))
    found = extract_mentions(article, tagger)  # type: ignore[arg-type]
    ids = {m.entity_id for m in found}
    for person in ("emomali-rahmon", "emmanuel-macron", "saimumin-yatimov", "vladimir-putin"):
        assert f"person:{person}" in ids
    for org in ("group:taliban", "group:nrf", "group:jamaat-ansarullah", "org:gknb-tj", "org:cis"):
        assert org in ids
    for place in "TJ FR AF UZ QA PK IR CN KZ BY TM AZ AM KG RU SY IQ".split():
        assert f"country:{place}" in ids
    assert {"city:paris", "city:moscow"} <= ids
    english = {m.entity_id: m.name_en for m in found}
    assert english["person:emomali-rahmon"] == "Emomali Rahmon"
    assert english["group:nrf"] == "National Resistance Front of Afghanistan"
    # Every mention is a whole token sequence: nothing inside another word.
    for m in found:
        assert article.text[m.start : m.end] == m.text
        assert m.start == 0 or not article.text[m.start - 1].isalpha()
        assert m.end == len(article.text) or not article.text[m.end].isalpha()
    # Surnames and titles refer back.
    rahmon = [m.text for m in found if m.entity_id == "person:emomali-rahmon"]
    assert "رحمان" in rahmon and "رئیس\u200cجمهور تاجیکستان" in rahmon


PIECES = [*"امیرحسنپوتیکدلوبجزشگفقع \n.،«»:", "آقای ", "رئیس\u200cجمهور ", "روسیه ", "دوشنبه "]
PERSIAN_TEXT = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


@settings(max_examples=60, deadline=None)
@given(PERSIAN_TEXT)
def test_mentions_are_spans_of_the_text(raw: str) -> None:
    article = analyze_article(Article.from_raw(raw))
    for m in extract_mentions(article):
        assert 0 <= m.start < m.end <= len(article.text)
        assert article.text[m.start : m.end] == m.text
        assert m.label in {"PER", "ORG", "LOC", "FAC", "EVENT", "PRODUCT", "DATE"}
