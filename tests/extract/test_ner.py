import pickle
from pathlib import Path

import pytest

from rasad.extract.ner import (
    MODEL_FILE,
    Featurizer,
    NerModel,
    default_model_dir,
    entity_spans,
    strict_scores,
    word_shape,
)
from rasad.extract.ner_data import LABELS, data_dir
from rasad.text.normalize import normalize
from rasad.text.tokens import tokenize

SENTENCE = "امانوئل مکرون رئیس‌جمهور فرانسه در پاریس با امامعلی رحمان دیدار کرد ."
VALID = {"O"} | {f"{p}-{x}" for p in "BI" for x in LABELS}


def tokens_of(text: str) -> list[str]:
    return [t.text for t in tokenize(normalize(text))]


@pytest.mark.parametrize(
    ("labels", "spans"),
    [
        (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["B-PER", "B-PER"], [(0, 1, "PER"), (1, 2, "PER")]),
        (["O", "I-ORG", "I-ORG"], [(1, 3, "ORG")]),  # a stray I- starts an entity
        (["B-PER", "I-LOC"], [(0, 1, "PER"), (1, 2, "LOC")]),
        (["I-PER"], [(0, 1, "PER")]),
        (["O", "O"], []),
        ([], []),
    ],
)
def test_entity_spans(labels: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert entity_spans(["w"] * len(labels), labels) == spans


def test_entity_spans_needs_one_label_per_token() -> None:
    with pytest.raises(ValueError):
        entity_spans(["a", "b"], ["O"])


def _f1(gold: list[list[str]], pred: list[list[str]], row: str = "micro") -> dict[str, float]:
    return strict_scores(gold, pred, {"PER+LOC": ("PER", "LOC")})[row]


def test_strict_exact_match() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    assert _f1(gold, gold) == {"precision": 1, "recall": 1, "f1": 1, "gold": 2, "predicted": 2}


def test_strict_boundary_must_match() -> None:
    # A person found one token short is a false positive and a miss.
    scores = strict_scores([["B-PER", "I-PER", "O"]], [["B-PER", "O", "O"]])
    assert scores["PER"] == {"precision": 0, "recall": 0, "f1": 0, "gold": 1, "predicted": 1}


def test_strict_type_must_match() -> None:
    scores = strict_scores([["B-ORG", "I-ORG", "O", "B-LOC"]], [["B-LOC", "I-LOC", "O", "B-LOC"]])
    assert scores["ORG"]["recall"] == 0
    assert scores["LOC"] == {"precision": 0.5, "recall": 1, "f1": 2 / 3, "gold": 1, "predicted": 2}
    assert scores["micro"] == {
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
        "gold": 2,
        "predicted": 2,
    }


def test_strict_counts_over_sentences_and_groups() -> None:
    gold = [["B-PER", "O", "B-LOC"], ["B-ORG", "I-ORG"], ["B-PER"]]
    pred = [["B-PER", "O", "O"], ["B-ORG", "I-ORG"], ["B-LOC"]]
    rows = strict_scores(gold, pred, {"PER+LOC": ("PER", "LOC")})
    assert rows["micro"]["precision"] == 2 / 3
    assert rows["micro"]["recall"] == 2 / 4
    assert rows["PER+LOC"] == {
        "precision": 1 / 2,
        "recall": 1 / 3,
        "f1": 2 * (1 / 2) * (1 / 3) / (1 / 2 + 1 / 3),
        "gold": 3,
        "predicted": 2,
    }
    assert rows["ORG"]["f1"] == 1


def test_strict_lengths_must_agree() -> None:
    with pytest.raises(ValueError):
        strict_scores([["O"], ["O"]], [["O"]])


@pytest.mark.parametrize(
    ("word", "shape"),
    [("رئیس‌جمهور", "aza"), ("U.S.", "X.X."), ("۱۴۰۰", "d"), ("iPhone", "xXx"), ("،", "،")],
)
def test_word_shape(word: str, shape: str) -> None:
    assert word_shape(word) == shape


def test_features_see_the_window() -> None:
    feats = Featurizer().sentence(["آقای", "مکرون", "گفت"])
    assert "w=مکرون" in feats[1]
    assert "-1w=آقای" in feats[1] and "-1T" in feats[1]
    assert "1w=گفت" in feats[1]
    assert "BOS" in feats[0] and "EOS" in feats[2]
    assert "2w=گفت" in feats[0] and "-2w=آقای" in feats[2]


needs_data = pytest.mark.skipif(not data_dir().exists(), reason="no ../shared/data")


@needs_data
def test_train_on_a_small_slice(tmp_path: Path) -> None:
    from rasad.extract.ner_train import train_ner

    meta = train_ner(tmp_path, limit=150, max_iterations=30)
    assert meta["training_set"]["sentences"] == 150
    assert (tmp_path / MODEL_FILE).exists()
    model = NerModel.load(tmp_path)
    tokens = tokens_of(SENTENCE)
    labels = model.tag(tokens)
    assert len(labels) == len(tokens) and set(labels) <= VALID
    assert model.tag([]) == []
    # A step holding the model must pickle, for distributed executors.
    copy = pickle.loads(pickle.dumps(model))
    assert copy.tag(tokens) == labels
    assert model.tag_many([tokens, tokens[:3]]) == [labels, model.tag(tokens[:3])]


shipped = pytest.mark.skipif(
    not (default_model_dir() / MODEL_FILE).exists(), reason="no shipped model"
)


@shipped
def test_shipped_model_tags_people_and_places() -> None:
    tokens = tokens_of(SENTENCE)
    labels = NerModel.load().tag(tokens)
    found = {
        tokens[s] if e - s == 1 else " ".join(tokens[s:e]): x
        for s, e, x in entity_spans(tokens, labels)
    }
    assert labels[tokens.index("مکرون")].endswith("-PER")
    assert labels[tokens.index("پاریس")] == "B-LOC"
    assert found.get("پاریس") == "LOC"
    assert NerModel.load() is NerModel.load()


def test_missing_model_says_how_to_train(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="ner_train"):
        NerModel.load(tmp_path)
