import os
import subprocess
import sys
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.model import Token
from rasad.text.sentences import split_sentences
from rasad.text.tokens import lemmatize, tokenize

Z = "\u200c"


def z(s: str) -> str:
    """Tables write ZWNJ as | for readability."""
    return s.replace("|", Z)


def texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


# (text, expected tokens); | stands for ZWNJ.
CASES = [
    ("می|کند", ["می|کند"]),
    ("رئیس|جمهور فرانسه", ["رئیس|جمهور", "فرانسه"]),
    ("کشورهایی|اند که مقام|هایشان", ["کشورهایی|اند", "که", "مقام|هایشان"]),
    ("سلام، دنیا.", ["سلام", "،", "دنیا", "."]),
    ("گفت: «فرانسه»؛ چرا؟!", ["گفت", ":", "«", "فرانسه", "»", "؛", "چرا", "؟", "!"]),
    ("(۱۴۰۰)", ["(", "۱۴۰۰", ")"]),
    ("۳٫۵ درصد", ["۳٫۵", "درصد"]),
    ("رشد ۳.۵.", ["رشد", "۳.۵", "."]),
    ("1,000 و ۱۲۳٬۴۵۶", ["1,000", "و", "۱۲۳٬۴۵۶"]),
    ("۱۴۰۰/۷/۲۱ و 2021-10-13", ["۱۴۰۰/۷/۲۱", "و", "2021-10-13"]),
    ("ساعت ۱۲:۳۰", ["ساعت", "۱۲:۳۰"]),
    ("۱۰٪", ["۱۰", "٪"]),
    ("۲۰|ام", ["۲۰|ام"]),
    (
        "در https://www.bbc.com/persian/world-58912345.",
        ["در", "https://www.bbc.com/persian/world-58912345", "."],
    ),
    ("(www.radiofarda.com)", ["(", "www.radiofarda.com", ")"]),
    ("سایت bbc.co.uk/persian را", ["سایت", "bbc.co.uk/persian", "را"]),
    ("به info@example.com بنویسید", ["به", "info@example.com", "بنویسید"]),
    ("#خبر_فوری و #اعتراضات|سراسری", ["#خبر_فوری", "و", "#اعتراضات|سراسری"]),
    ("@bbcpersian گفت", ["@bbcpersian", "گفت"]),
    ("U.S. و ج.ا.ا. و e.g.", ["U.S.", "و", "ج.ا.ا.", "و", "e.g."]),
    ("Emmanuel Macron", ["Emmanuel", "Macron"]),
    ("COVID-19 and don't", ["COVID-19", "and", "don't"]),
    ("G20 در", ["G20", "در"]),
    ("و ... را", ["و", "...", "را"]),
    ("ماندیم…", ["ماندیم", "…"]),
    ("واقعاً و فرانسهٔ", ["واقعاً", "و", "فرانسهٔ"]),
    ("سلام| دنیا", ["سلام", "دنیا"]),
    ("", []),
    ("  \n ", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_tokenize(text: str, expected: list[str]) -> None:
    assert texts(z(text)) == [z(t) for t in expected]


def test_tokens_are_offsets() -> None:
    assert tokenize(" او، رفت.") == [
        Token(1, 3, "او"),
        Token(3, 4, "،"),
        Token(5, 8, "رفت"),
        Token(8, 9, "."),
    ]


def test_tokenize_a_stretch_keeps_offsets_into_the_whole_text() -> None:
    text = "او آمد. ما رفتیم."
    (_, _), (start, end) = split_sentences(text)
    assert tokenize(text, start, end) == [
        Token(8, 10, "ما"),
        Token(11, 16, "رفتیم"),
        Token(16, 17, "."),
    ]


# (word, lemma): shekar's verb table and stemmer, with homographs kept apart.
LEMMAS = [
    ("می|کند", "کرد/کن"),
    ("کرده", "کرد/کن"),
    ("کرده|اند", "کرد/کن"),
    ("داده", "داد/ده"),
    ("یافته", "یافت/یاب"),
    ("نشست", "نشست/نشین"),
    ("نداشته|اند", "داشت/دار"),
    ("کند", "کرد/کن"),
    ("هستند", "هست"),
    ("رسانه|ها", "رسانه"),
    ("کشورهای", "کشور"),
    ("رئیس|جمهور", "رئیس|جمهور"),
    ("امنیت", "امنیت"),
    ("مردم", "مردم"),
    ("گروه", "گروه"),
    ("بدون", "بدون"),
    ("آن", "آن"),
    ("بر", "بر"),
    ("،", "،"),
    ("۳٫۵", "۳٫۵"),
    ("Paris", "Paris"),
    ("#خبر", "#خبر"),
]


@pytest.mark.parametrize(("word", "lemma"), LEMMAS)
def test_lemmatize(word: str, lemma: str) -> None:
    [token] = lemmatize(tokenize(z(word)))
    assert (token.text, token.lemma) == (z(word), z(lemma))


def test_lemmatize_keeps_offsets() -> None:
    tokens = tokenize("او می\u200cکند.")
    lemmas = lemmatize(tokens)
    assert [(t.start, t.end, t.text) for t in lemmas] == [(t.start, t.end, t.text) for t in tokens]
    assert lemmatize([]) == []


def test_lemmas_do_not_depend_on_the_hash_seed() -> None:
    # shekar's own table does: it is built by iterating over a set.
    words = "کرده داده یافته انداخته نشست بود گفت دریافت"
    code = f"from rasad.text.tokens import lemmatize, tokenize; print([t.lemma for t in lemmatize(tokenize({words!r}))])"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1


@pytest.mark.parametrize(
    "text", ["a+" * 20000, "a-." * 20000, "." * 50000 + "x", "«" * 20000 + "”" * 20000]
)
def test_no_quadratic_blowup(text: str) -> None:
    began = time.perf_counter()
    tokenize(text)
    split_sentences(text)
    assert time.perf_counter() - began < 3


ALPHABET = st.sampled_from(list("ابپت«»\"“”.!?؟…،:؛()\n \t\u200c۳3۰aU@#/-_'٫%"))
TEXT = st.one_of(st.text(), st.text(alphabet=ALPHABET, max_size=200))


@given(TEXT, st.data())
def test_token_spans_match_the_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for lo, hi in ((0, len(text)), (start, end)):
        tokens = tokenize(text, lo, None if hi == len(text) else hi)
        covered: set[int] = set()
        previous_end = lo
        for t in tokens:
            assert previous_end <= t.start < t.end <= hi
            assert text[t.start : t.end] == t.text
            assert t.lemma == ""
            covered.update(range(t.start, t.end))
            previous_end = t.end
        # Only whitespace and stray ZWNJs are left out.
        assert all(text[i].isspace() or text[i] == Z for i in range(lo, hi) if i not in covered)
