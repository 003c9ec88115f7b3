from pathlib import Path

import pytest

from rasad.extract.ner_data import (
    LABEL_MAPS,
    Sentence,
    count,
    dedupe,
    load_training,
    map_tag,
    normalize_token,
    read_corpus,
    repair_iob,
)

Z = "\u200c"


@pytest.mark.parametrize(
    ("corpus", "tag", "expected"),
    [
        ("peyma", "B_PER", "B-PER"),
        ("peyma", "I_ORG", "I-ORG"),
        ("peyma", "B_LOC", "B-LOC"),
        ("peyma", "B_DAT", "O"),
        ("peyma", "I_TIM", "O"),
        ("peyma", "B_MON", "O"),
        ("peyma", "I_PCT", "O"),
        ("peyma", "O", "O"),
        ("arman", "B-pers", "B-PER"),
        ("arman", "I-org", "I-ORG"),
        ("arman", "B-loc", "B-LOC"),
        ("arman", "B-fac", "B-FAC"),
        ("arman", "I-pro", "I-PRODUCT"),
        ("arman", "B-event", "B-EVENT"),
        ("parstwiner", "B-POG", "B-ORG"),
        ("parstwiner", "I-POG", "I-ORG"),
        ("parstwiner", "B-NAT", "O"),
        ("parstwiner", "I-EVE", "I-EVENT"),
        ("parstwiner", "B-PER", "B-PER"),
        ("parstwiner", "", "O"),
    ],
)
def test_map_tag(corpus: str, tag: str, expected: str) -> None:
    assert map_tag(tag, LABEL_MAPS[corpus]) == expected


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["B-PER", "I-PER", "O"], ["B-PER", "I-PER", "O"]),
        (["O", "I-PER", "I-PER"], ["O", "B-PER", "I-PER"]),
        (["B-PER", "I-ORG"], ["B-PER", "B-ORG"]),
        (["I-LOC"], ["B-LOC"]),
    ],
)
def test_repair_iob(labels: list[str], expected: list[str]) -> None:
    assert repair_iob(labels) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("روش های", (f"روش{Z}های",)),  # PEYMA's space where a ZWNJ belongs
        ("نمی توانند", (f"نمی{Z}توانند",)),
        ("كشور", ("کشور",)),  # Arabic kaf
        ("سی بی اس", ("سی", "بی", "اس")),
        ("١٢٣", ("۱۲۳",)),
        ("| ", ("|",)),
        (Z, ()),
    ],
)
def test_normalize_token(token: str, expected: tuple[str, ...]) -> None:
    assert normalize_token(token) == expected


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_read_peyma_rejoins_and_splits(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "p.txt",
        "روش های|O\nسی بی اس|B_ORG\nگزارش|I_ORG\nداد|O\n۱۳۹۰|B_DAT\n\n||O\nایران|B_LOC\n",
    )
    assert read_corpus(path, "peyma") == [
        Sentence(
            (f"روش{Z}های", "سی", "بی", "اس", "گزارش", "داد", "۱۳۹۰"),
            ("O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O"),
            "peyma",
        ),
        Sentence(("|", "ایران"), ("O", "B-LOC"), "peyma"),
    ]


def test_read_arman_and_parstwiner(tmp_path: Path) -> None:
    arman = _write(tmp_path / "a.txt", "دانشگاه B-fac\nتهران I-fac\nو O\nايران B-org\n\n")
    twiner = _write(tmp_path / "t.txt", "ایرانی\tB-NAT\nحزب\tB-POG\nالله\tI-POG\n")
    assert read_corpus(arman, "arman") == [
        Sentence(("دانشگاه", "تهران", "و", "ایران"), ("B-FAC", "I-FAC", "O", "B-ORG"), "arman")
    ]
    assert read_corpus(twiner, "parstwiner") == [
        Sentence(("ایرانی", "حزب", "الله"), ("O", "B-ORG", "I-ORG"), "parstwiner")
    ]


def test_nationality_inside_entity_is_repaired(tmp_path: Path) -> None:
    # NAT -> O leaves a following I- without its B-: it starts the entity.
    path = _write(tmp_path / "t.txt", "ایرانی\tB-NAT\nخودرو\tI-ORG\n")
    assert read_corpus(path, "parstwiner")[0].labels == ("O", "B-ORG")


def test_dedupe_keeps_first_and_drops_excluded() -> None:
    a = Sentence(("الف",), ("O",), "peyma")
    a2 = Sentence(("الف",), ("B-PER",), "arman")
    b = Sentence(("ب",), ("O",), "arman")
    c = Sentence(("ج",), ("O",), "parstwiner")
    assert dedupe([a, b, a2, c, b], exclude=[("ج",)]) == [a, b]


def test_load_training_removes_duplicates_and_evaluation(tmp_path: Path) -> None:
    for folder in ("peyma", "arman", "parstwiner"):
        (tmp_path / folder).mkdir()
    _write(tmp_path / "peyma/train.txt", "روش های|O\n\nتهران|B_LOC\n\nدیگر|O\n")
    _write(tmp_path / "peyma/dev.txt", "دیگر|O\n")
    _write(tmp_path / "arman/train_fold1.txt", "روش‌های O\n\nعلی B-pers\n")
    _write(tmp_path / "arman/test_fold1.txt", "x O\n")
    _write(tmp_path / "parstwiner/train.txt", "تهران\tB-LOC\n\nعلی\tB-PER\n")
    _write(tmp_path / "parstwiner/dev.txt", "y\tO\n")
    stats: dict[str, dict[str, int]] = {}
    train = load_training(tmp_path, stats=stats)
    assert [(s.tokens, s.corpus) for s in train] == [
        ((f"روش{Z}های",), "peyma"),  # PEYMA's spaced form and Arman's ZWNJ form are one
        (("تهران",), "peyma"),
        (("علی",), "arman"),
    ]
    assert count(train) == {"sentences": 3, "tokens": 3, "LOC": 1, "PER": 1}
    assert stats == {
        "peyma": {"read": 3, "in_evaluation": 1, "duplicates": 0, "kept": 2},
        "arman": {"read": 2, "in_evaluation": 0, "duplicates": 1, "kept": 1},
        "parstwiner": {"read": 2, "in_evaluation": 0, "duplicates": 2, "kept": 0},
    }
