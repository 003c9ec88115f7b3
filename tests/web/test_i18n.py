"""Labels in both languages, digits and direction."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rasad.web import i18n

TEMPLATES = Path(i18n.__file__).parent / "templates"


def test_every_label_has_both_languages() -> None:
    for key, (fa, en) in i18n.LABELS.items():
        assert fa.strip() and en.strip(), key


def test_every_label_the_templates_use_exists() -> None:
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"t\('([a-z_.]+)'\)", template.read_text(encoding="utf-8")))
    assert used and used <= set(i18n.LABELS)
    for prefix in ("legend.", "role.", "sort."):  # built as t('prefix' ~ value)
        assert any(k.startswith(prefix) for k in i18n.LABELS)


@pytest.mark.parametrize(
    ("lang", "value", "expected"),
    [
        ("fa", 1234567, "۱٬۲۳۴٬۵۶۷"),
        ("en", 1234567, "1,234,567"),
        ("fa", "2024", "۲۰۲۴"),
        ("xx", 5, "۵"),
    ],
)
def test_number(lang: str, value: int | str, expected: str) -> None:
    assert i18n.number(value, lang) == expected


def test_translator_and_direction() -> None:
    assert i18n.translator("fa")("nav.search") == "جست‌وجو"
    assert i18n.translator("en")("nav.search") == "Search"
    assert i18n.translator("en")("no.such.key") == "no.such.key"
    assert (i18n.direction("fa"), i18n.direction("en"), i18n.direction("de")) == (
        "rtl",
        "ltr",
        "rtl",
    )


def test_terms() -> None:
    assert i18n.term(i18n.EVENT_TYPES, "consult", "fa") == "دیدار و گفت‌وگو"
    assert i18n.term(i18n.EVENT_TYPES, "consult", "en") == "consult"
    assert i18n.term(i18n.MODALITIES, "unknown", "fa") == "unknown"


def test_every_event_type_and_label_has_a_name() -> None:
    from importlib import resources

    table = resources.files("rasad") / "resources" / "events" / "triggers.tsv"
    rows = [line.split("\t") for line in table.read_text(encoding="utf-8").splitlines()]
    types = {r[2] for r in rows if len(r) > 2 and not r[0].startswith("#") and r[0] != "phrase"}
    assert types | {"statement"} <= set(i18n.EVENT_TYPES)
    for label in ("PER", "ORG", "LOC", "GPE", "FAC", "EVENT", "PRODUCT", "DATE"):
        assert f"legend.{label}" in i18n.LABELS
