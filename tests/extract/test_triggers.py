"""The trigger table: verb forms, the table's shape, its documentation, and finding triggers."""

import re
from pathlib import Path

import pytest

from rasad.extract.triggers import triggers, triggers_in, verb_pattern


@pytest.mark.parametrize(
    ("word", "negated", "future"),
    [
        ("انتقاد کرد", False, False),
        ("انتقاد کردند", False, False),
        ("انتقاد کرده است", False, False),
        ("انتقاد کرده‌اند", False, False),
        ("انتقاد می‌کند", False, False),
        ("انتقاد نکرد", True, False),
        ("انتقاد نمی‌کنند", True, False),
        ("انتقاد خواهد کرد", False, True),
        ("انتقاد نخواهد کرد", True, True),
    ],
)
def test_verb_forms(word: str, negated: bool, future: bool) -> None:
    pattern = re.compile("انتقاد[ \u200c]?(?:" + verb_pattern("کرد", "کن") + ")")
    m = pattern.fullmatch(word)
    assert m is not None
    assert bool(m.group("neg") or m.group("neg2")) == negated
    assert ("خواه" in word) == future


def test_trigger_table_is_well_formed() -> None:
    table = triggers()
    assert len(table) > 60
    for t, *_ in table:
        assert t.form in ("verb", "noun", "split", "copula")
        assert re.fullmatch(r"\d{3}", t.code)


def test_every_trigger_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "events.md").read_text(encoding="utf-8")
    missing = [t.phrase for t, *_ in triggers() if f"`{t.phrase.split('|')[0]}`" not in doc]
    assert missing == []


@pytest.mark.parametrize(
    ("text", "negated"),
    [("اعتراض نمودند", False), ("اعتراض ننمودند", True), ("اعتراض نکرد", True)],
)
def test_the_formal_light_verb_stands_for_kard_with_its_negation(text: str, negated: bool) -> None:
    (pattern,) = [p for t, _, p in triggers() if t.phrase == "اعتراض کرد"]
    m = pattern.search(text)
    assert m is not None and bool(m.group("neg")) == negated


def test_triggers_in_takes_the_longest_phrase_and_never_overlaps() -> None:
    hits = triggers_in("ایران مخالفت خود را با این طرح اعلام کرد و از روسیه انتقاد کرد.")
    found = [(t.phrase, m.group()) for t, m in hits]
    assert found[0][0] == "مخالفت اعلام/ابراز/مطرح/بیان کرد"
    assert ("انتقاد کرد", "انتقاد کرد") in found
    spans = [m.span() for _, m in hits]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
