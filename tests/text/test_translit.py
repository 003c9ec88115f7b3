"""Tajik (Cyrillic) <-> Persian transliteration: words, sentences, lines, the command.

The sentences here are written for these tests; none comes from the
training corpus. Quality on held-out corpus sentences is pinned at the end.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest
from typer.testing import CliRunner

from rasad.cli import app
from rasad.text.translit import (
    default_transliterator,
    fa_to_tg,
    tg_to_fa,
    tidy_zwnj,
    transliterate,
    with_suffix,
)
from rasad.text.translit_data import default_data_dir, load_pairs
from rasad.text.translit_ezafe import add_ezafe, can_take_ezafe, split_ezafe
from rasad.text.translit_rules import fa_skeleton, fa_to_tg_word, tg_skeleton, tg_to_fa_word
from rasad.text.translit_score import corpus_cer, corpus_chrf

Z = "\u200c"
runner = CliRunner()


@pytest.mark.parametrize(
    ("tajik", "persian"),
    [
        ("Эмомалӣ", "امامعلی"),
        ("Раҳмон", "رحمان"),
        ("Душанбе", "دوشنبه"),
        ("Тоҷикистон", "تاجیکستان"),
        ("Афғонистон", "افغانستان"),
        ("Эрон", "ایران"),
        ("Самарқанд", "سمرقند"),
        ("Бухоро", "بخارا"),
        ("Хуҷанд", "خجند"),
        ("Макрон", "مکرون"),
        ("ва", "و"),
        ("дар", "در"),
        ("ки", "که"),
        ("аз", "از"),
        ("китоб", "کتاب"),
        ("мактаб", "مکتب"),
        ("ҳукумат", "حکومت"),
        ("сулҳ", "صلح"),
        ("хабар", "خبر"),
        ("мегузарад", f"می{Z}گذرد"),
        ("забони", "زبان"),  # the ezafe is not written in Persian
        ("вазорати", "وزارت"),
        ("корҳои", "کارهای"),
        ("хориҷӣ", "خارجی"),
    ],
)
def test_tajik_words(tajik: str, persian: str) -> None:
    assert default_transliterator().tg_word(tajik) == persian


@pytest.mark.parametrize(
    ("tajik", "persian"),
    [
        ("Эмомалӣ Раҳмон", "امامعلی رحمان"),
        ("Дар Душанбе ҳаво гарм аст.", "در دوشنبه هوا گرم است."),
        ("Салом, дӯстон!", "سلام، دوستان!"),
        ("Соли 2021 ба Теҳрон рафт?", "سال ۲۰۲۱ به تهران رفت؟"),
        ("забони тоҷикӣ забони форсӣ аст", "زبان تاجیکی زبان فارسی است"),
        ("ТОҶИКИСТОН", "تاجیکستان"),  # case does not matter
        ("Rasad: Душанбе", "Rasad: دوشنبه"),  # Latin text stays
        ("", ""),
    ],
)
def test_tajik_sentences(tajik: str, persian: str) -> None:
    assert tg_to_fa(tajik) == persian


@pytest.mark.parametrize(
    ("persian", "tajik"),
    [
        ("امامعلی", "Эмомалӣ"),
        ("رحمان", "Раҳмон"),
        ("دوشنبه", "душанбе"),  # also Monday: not capitalized
        ("تاجیکستان", "Тоҷикистон"),
        ("کتاب", "китоб"),
        (f"کتاب{Z}ها", "китобҳо"),
        ("کتابها", "китобҳо"),  # without the ZWNJ too
        ("زبان", "забон"),
        ("حکومت", "ҳукумат"),
        ("صلح", "сулҳ"),
        ("است", "аст"),
        (f"می{Z}رود", "меравад"),
        (f"نمی{Z}خواهد", "намехоҳад"),
    ],
)
def test_persian_words(persian: str, tajik: str) -> None:
    assert default_transliterator().fa_word(persian) == tajik


@pytest.mark.parametrize(
    ("persian", "tajik"),
    [
        ("امامعلی رحمان", "Эмомалӣ Раҳмон"),
        # ezafe: written in Tajik, not in Persian
        ("زبان فارسی زبان مردم تاجیکستان است.", "Забони форсӣ забони мардуми Тоҷикистон аст."),
        ("حزب خلق", "Ҳизби халқ"),
        # the object marker joins its word; punctuation and digits become Tajik ones
        ("کتاب‌های تاریخی را خواندم", "Китобҳои торихиро хондам"),
        ("او در سال ۲۰۲۱ به تهران رفت؟", "Ӯ дар соли 2021 ба Теҳрон рафт?"),
        ("گفته است", "Гуфтааст"),  # Tajik writes the perfect as one word
    ],
)
def test_persian_sentences(persian: str, tajik: str) -> None:
    assert fa_to_tg(persian) == tajik


def test_lower_case_output_when_asked() -> None:
    assert fa_to_tg("امامعلی رحمان در دوشنبه", capitalize=False) == "эмомалӣ раҳмон дар душанбе"


@pytest.mark.parametrize(
    ("tajik", "persian"),
    [
        ("дар", "در"),
        ("аз", "از"),
        ("ин", "این"),
        ("ӯ", "او"),
        ("гуфта", "گفته"),  # final а is ه, short vowels inside are not written
        ("осиё", "آسیا"),
        ("эрон", "ایران"),
        ("китобҳо", f"کتاب{Z}ها"),  # plural apart
        ("меравад", f"می{Z}رود"),  # the prefix apart
        ("нонро", f"نان{Z}را"),
        ("китоби", "کتاب"),  # ezafe dropped
    ],
)
def test_rules_alone(tajik: str, persian: str) -> None:
    assert tg_to_fa_word(tajik) == persian
    assert tg_to_fa(tajik, rules_only=True) == persian


@pytest.mark.parametrize(
    ("persian", "tajik"),
    [
        ("در", "дар"),
        ("از", "аз"),
        ("این", "ин"),
        ("کار", "кор"),
        ("خانه", "хона"),
        ("آب", "об"),
        ("کتاب", "катоб"),  # short vowels are guessed: always а
        (f"می{Z}رود", "меруд"),
    ],
)
def test_rules_alone_back(persian: str, tajik: str) -> None:
    assert fa_to_tg_word(persian) == tajik


@pytest.mark.parametrize(
    ("tajik", "persian"),
    [("аммо", "اما"), ("ҳизб", "حزب"), ("муҳаммад", "محمد"), ("гуфта", "گفته")],
)
def test_skeletons_match(tajik: str, persian: str) -> None:
    assert tg_skeleton(tajik) == fa_skeleton(persian)


@pytest.mark.parametrize(
    ("tajik", "persian", "base", "ezafe"),
    [
        ("ҳизби", "حزب", "ҳизб", True),
        ("сиёсии", "سیاسی", "сиёсӣ", True),
        ("таҳияи", "تهیه", "таҳия", True),
        ("ки", "که", "ки", False),
        ("осиёи", "آسیای", "осиёи", False),  # Persian writes this one
        ("барои", "برای", "барои", False),
        ("ҳизб", "حزب", "ҳизб", False),
    ],
)
def test_split_ezafe(tajik: str, persian: str, base: str, ezafe: bool) -> None:
    assert split_ezafe(tajik, persian) == (base, ezafe)
    if ezafe:
        assert add_ezafe(base) == tajik


def test_no_ezafe_guess_where_persian_writes_it() -> None:
    assert not can_take_ezafe("آسیای", "осиёи")
    assert not can_take_ezafe("مایۀ", "мояи")
    assert can_take_ezafe("حزب", "ҳизб")


def test_suffix_shortens_final_long_i() -> None:
    assert with_suffix("торихӣ", "ро") == "торихиро"
    assert with_suffix("китоб", "ро") == "китобро"


@pytest.mark.parametrize(
    ("text", "tidy"),
    [(f"a{Z}{Z}b", f"a{Z}b"), (f"a{Z} b", "a b"), (f"{Z}a{Z}", "a"), ("a b", "a b")],
)
def test_tidy_zwnj(text: str, tidy: str) -> None:
    assert tidy_zwnj(text) == tidy


def test_lines_stay_lines() -> None:
    text = "Душанбе\n\nТоҷикистон ва Эрон\n"
    out = tg_to_fa(text)
    assert out.split("\n") == ["دوشنبه", "", "تاجیکستان و ایران", ""]


def test_transliterate_checks_its_languages() -> None:
    assert transliterate("дар", "tg", "fa") == "در"
    assert transliterate("در", "fa", "tg") == "Дар"
    with pytest.raises(ValueError):
        transliterate("дар", "tg", "en")


def test_round_trip_of_a_plain_sentence() -> None:
    words = "ӯ дар ин шаҳр буд ва ба мактаб рафт"
    assert fa_to_tg(tg_to_fa(words), capitalize=False) == words


def test_metadata_says_research_only() -> None:
    meta = json.loads(
        (resources.files("rasad") / "resources" / "translit" / "META.json").read_text("utf-8")
    )
    assert "research use only" in meta["licence"]
    assert meta["data"]["sentence_pairs"]["test"] > 150


def test_chrf_and_cer() -> None:
    assert corpus_chrf(["در دوشنبه"], ["در دوشنبه"]) == pytest.approx(100.0)
    # sacrebleu 2.6.0 CHRF(word_order=2) gives 35.4529 for this pair
    assert corpus_chrf(["a b, c (d)"], ["a b c d"]) == pytest.approx(35.4529, abs=1e-3)
    assert corpus_chrf(["xyz"], ["abc"]) == 0.0
    assert corpus_cer(["abd"], ["abc"]) == pytest.approx(1 / 3)


def test_command_streams_lines() -> None:
    result = runner.invoke(
        app, ["transliterate", "--from", "tg", "--to", "fa", "-"], input="Душанбе\nдар ва аз\n"
    )
    assert result.exit_code == 0, result.output
    assert result.output == "دوشنبه\nدر و از\n"
    back = runner.invoke(app, ["transliterate", "--from", "fa"], input="تاجیکستان\n")
    assert back.exit_code == 0
    assert back.output == "Тоҷикистон\n"


@pytest.mark.parametrize("args", [["--from", "en"], ["--from", "tg", "--to", "tg"]])
def test_command_refuses_unknown_scripts(args: list[str]) -> None:
    result = runner.invoke(app, ["transliterate", *args], input="дар\n")
    assert result.exit_code == 2


def test_command_help() -> None:
    result = runner.invoke(app, ["transliterate", "--help"])
    assert result.exit_code == 0
    assert "--from" in result.output and "--to" in result.output


@pytest.mark.skipif(not default_data_dir().exists(), reason="ParsText not present")
def test_quality_floor_on_held_out_pairs() -> None:
    """chrF++ on the first 80 test pairs stays above pinned floors (bench/translit.py: all)."""
    pairs = load_pairs()["test"][:80]
    tr = default_transliterator()
    to_fa = corpus_chrf([tr.tg_to_fa(p.tajik) for p in pairs], [p.farsi for p in pairs])
    to_tg = corpus_chrf([tr.fa_to_tg(p.farsi, False) for p in pairs], [p.tajik for p in pairs])
    assert to_fa >= 84.0
    assert to_tg >= 74.0
