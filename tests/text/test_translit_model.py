"""The joint-sequence model, trained here on a handful of word pairs."""

from __future__ import annotations

import io
import math
from pathlib import Path

from rasad.text.translit_data import align_words
from rasad.text.translit_model import PERSIAN, TAJIK, JointModel, align, gzip_lines, train

PAIRS = [
    ("бод", "باد"),
    ("дод", "داد"),
    ("дар", "در"),
    ("бар", "بر"),
    ("бора", "باره"),
    ("дора", "داره"),
    ("род", "راد"),
    ("рад", "رد"),
    ("дарда", "درده"),
    ("барод", "براد"),
]


def small_model() -> JointModel:
    return train(align(PAIRS, iterations=5), order=3)


def test_cuts_spell_both_words() -> None:
    for (tg, fa), cut in zip(PAIRS, align(PAIRS, iterations=5), strict=True):
        assert "".join(u[0] for u in cut) == tg
        assert "".join(u[1] for u in cut) == fa


def test_decodes_an_unseen_word_both_ways() -> None:
    model = small_model()
    assert model.nbest("бодра", TAJIK, 3)[0][0] == "بادره"
    assert model.nbest("بادر", PERSIAN, 3)[0][0] in ("бодар", "бодр")


def test_probabilities_of_continuations_sum_to_one() -> None:
    model = small_model()
    for history in [(), (0,), (0, 0), (1, 2)]:
        total = sum(10 ** model.logp(history, u) for u in range(len(model.units)))
        assert math.isclose(total, 1.0, rel_tol=1e-3), history


def test_save_and_load_give_the_same_model(tmp_path: Path) -> None:
    model = small_model()
    path = tmp_path / "m.tsv.gz"
    model.save(path)
    first = path.read_bytes()
    model.save(path)
    assert path.read_bytes() == first  # same model, same bytes
    loaded = JointModel.load(gzip_lines(io.BytesIO(first)))
    assert loaded.units == model.units
    for (a, x), (b, y) in zip(
        loaded.nbest("бодра", TAJIK, 3), model.nbest("бодра", TAJIK, 3), strict=True
    ):
        assert a == b
        assert math.isclose(x, y, abs_tol=1e-3)


def test_unknown_letters_give_no_spelling() -> None:
    assert small_model().nbest("xyz", TAJIK) == []


def test_words_line_up_by_consonants() -> None:
    links = align_words(["хостааст", "ва", "рафт"], ["خواسته", "است", "و", "رفت"])
    assert [(k.tajik, k.start, k.end) for k in links] == [
        ("хостааст", 0, 2),
        ("ва", 2, 3),
        ("рафт", 3, 4),
    ]
