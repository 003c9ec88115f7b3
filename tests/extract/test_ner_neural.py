import itertools
import pickle
from pathlib import Path

import numpy as np
import pytest
import torch

from rasad.extract.entities import default_tagger, extract_mentions, load_tagger, set_tagger
from rasad.extract.ner import entity_spans
from rasad.extract.ner_data import LABELS, data_dir
from rasad.extract.ner_neural import (
    GAZ_TAGS,
    LEXICON_FILE,
    META_FILE,
    MODEL_FILE,
    Lexicon,
    Network,
    NeuralNerModel,
    collate,
    cue_class,
    default_model_dir,
    reverse_index,
    viterbi,
    word_form,
)
from rasad.model import Article
from rasad.text.analyze import analyze_article
from rasad.text.normalize import normalize
from rasad.text.tokens import tokenize

SENTENCE = "امانوئل مکرون رئیس‌جمهور فرانسه در پاریس با امامعلی رحمان دیدار کرد ."
VALID = {"O"} | {f"{p}-{x}" for p in "BI" for x in LABELS}


def tokens_of(text: str) -> list[str]:
    return [t.text for t in tokenize(normalize(text))]


@pytest.mark.parametrize(
    ("token", "form"),
    [("Tehran", "tehran"), ("۱۴۰۰", "0000"), ("2021", "0000"), ("پاریس", "پاریس"), ("G7", "g0")],
)
def test_word_form(token: str, form: str) -> None:
    assert word_form(token) == form


@pytest.mark.parametrize(
    ("token", "bits"),
    [("آقای", 1), ("وزارت", 2), ("شهر", 4), ("پاریس", 0)],
)
def test_cue_class(token: str, bits: int) -> None:
    assert cue_class(token) == bits


def test_reverse_index_keeps_padding_last() -> None:
    index = reverse_index(torch.tensor([3, 1, 4]), 4)
    assert index.tolist() == [[2, 1, 0, 3], [0, 1, 2, 3], [3, 2, 1, 0]]


def test_viterbi_finds_the_best_path() -> None:
    rng = np.random.default_rng(0)
    em, trans = rng.normal(size=(4, 3)), rng.normal(size=(3, 3))
    start, end = rng.normal(size=3), rng.normal(size=3)

    def score(path: tuple[int, ...]) -> float:
        s = start[path[0]] + end[path[-1]] + sum(em[i, p] for i, p in enumerate(path))
        return float(s + sum(trans[a, b] for a, b in itertools.pairwise(path)))

    best = max(itertools.product(range(3), repeat=4), key=score)
    assert viterbi(em, trans, start, end) == list(best)


def tiny_lexicon() -> Lexicon:
    return Lexicon(
        ["<pad>", "<unk>", "پاریس", "مکرون", "در"],
        ["<pad>", "<unk>", "<w>", "</w>", *"پاریسمکرونده"],
        ["<pad>", "<unk>", "a"],
        {"پاریس": [1, 2, 3]},
        [32, 128, 512],
        {"پاریس": "GPE", "امانوئل مکرون": "PER", "کاخ سفید": "FAC"},
    )


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("امانوئل مکرون در پاریس", ["B-PER", "I-PER", "O", "B-GPE"]),
        ("مکرون در کاخ سفید", ["O", "O", "B-FAC", "I-FAC"]),
        ("کاخ", ["O"]),
        ("", []),
    ],
)
def test_gazetteer_tags_longest_names(text: str, tags: list[str]) -> None:
    keys = text.split()
    assert [GAZ_TAGS[i] for i in tiny_lexicon().gazetteer_tags(keys)] == tags


def test_lexicon_encodes_and_round_trips(tmp_path: Path) -> None:
    lexicon = tiny_lexicon()
    enc = lexicon.encode(["مکرون", "در", "پاریس", "ناشناخته"])
    assert enc.words.tolist() == [3, 4, 2, 1]
    assert enc.clusters.tolist() == [[0, 0, 0], [0, 0, 0], [1, 2, 3], [0, 0, 0]]
    assert enc.chars[0, 0] == 2 and 3 in enc.chars[0].tolist()
    lexicon.save(tmp_path / LEXICON_FILE)
    again = Lexicon.load(tmp_path / LEXICON_FILE)
    assert again.to_json() == lexicon.to_json()
    again.save(tmp_path / "again.json.gz")  # the same lexicon, the same bytes
    assert (tmp_path / "again.json.gz").read_bytes() == (tmp_path / LEXICON_FILE).read_bytes()


def test_batches_and_single_sentences_agree() -> None:
    """Padding must not leak into a sentence's scores, in either direction of the LSTM."""
    torch.manual_seed(0)
    lexicon = tiny_lexicon()
    network = Network({"hidden": 8, "layers": 2}, lexicon, ["O", "B-PER", "I-PER"]).eval()
    sentences = [["مکرون", "در", "پاریس"], ["پاریس"], ["در", "مکرون", "در", "پاریس", "x"]]
    encoded = [lexicon.encode(s) for s in sentences]
    with torch.no_grad():
        batched = network.emissions(collate(encoded))
        for i, e in enumerate(encoded):
            alone = network.emissions(collate([e]))[0]
            assert torch.allclose(batched[i, : len(e.words)], alone, atol=1e-5)


def test_crf_loss_is_a_negative_log_likelihood() -> None:
    """With no emissions of its own, a 2-label CRF over 2 tokens spreads 4 paths."""
    torch.manual_seed(0)
    lexicon = tiny_lexicon()
    network = Network({"hidden": 4}, lexicon, ["O", "B-PER"]).eval()
    with torch.no_grad():
        network.out.weight.zero_()
        network.out.bias.zero_()
        loss = network.loss(collate([lexicon.encode(["در", "پاریس"])]), torch.tensor([[0, 1]]))
    assert float(loss) == pytest.approx(np.log(4), abs=1e-5)


needs_data = pytest.mark.skipif(not data_dir().exists(), reason="no ../shared/data")


@needs_data
def test_train_on_a_small_slice(tmp_path: Path) -> None:
    from rasad.extract.ner_neural_train import train_neural_ner

    # A few seconds on an idle machine: 150 sentences, vectors from them alone.
    meta = train_neural_ner(
        tmp_path, limit=150, epochs=2, raw_text=False, evaluate=False, config={"hidden": 32}
    )
    assert meta["training_set"]["sentences"] == 150
    assert "--limit 150" in meta["command"] and "--no-raw-text" in meta["command"]
    for name in (MODEL_FILE, LEXICON_FILE, META_FILE):
        assert (tmp_path / name).exists()
    model = NeuralNerModel.load(tmp_path)
    tokens = tokens_of(SENTENCE)
    labels = model.tag(tokens)
    assert len(labels) == len(tokens) and set(labels) <= VALID
    assert model.tag([]) == []
    copy = pickle.loads(pickle.dumps(model))
    assert copy.tag(tokens) == labels
    assert model.tag_many([tokens, [], tokens[:3]]) == [labels, [], model.tag(tokens[:3])]


def test_missing_model_says_how_to_train(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="ner_neural_train"):
        NeuralNerModel.load(tmp_path)


def test_a_model_for_other_inputs_is_refused(tmp_path: Path) -> None:
    (tmp_path / MODEL_FILE).write_bytes(b"")
    (tmp_path / META_FILE).write_text('{"feature_set": "rasad-ner-neural-0"}')
    with pytest.raises(ValueError, match="retrain"):
        NeuralNerModel.load(tmp_path)


def test_unknown_tagger_is_refused() -> None:
    with pytest.raises(ValueError, match="fast, accurate"):
        set_tagger("best")
    with pytest.raises(ValueError, match="fast, accurate"):
        load_tagger("best")


shipped = pytest.mark.skipif(
    not (default_model_dir() / MODEL_FILE).exists(), reason="no shipped model"
)


def found(text: str) -> dict[str, str]:
    tokens = tokens_of(text)
    labels = NeuralNerModel.load().tag(tokens)
    return {" ".join(tokens[s:e]): x for s, e, x in entity_spans(tokens, labels)}


@shipped
@pytest.mark.parametrize(
    ("text", "entities"),
    [
        (
            SENTENCE,
            {"امانوئل مکرون": "PER", "فرانسه": "LOC", "پاریس": "LOC", "امامعلی رحمان": "PER"},
        ),
        (
            "حسن روحانی در دانشگاه تهران گفت که وزارت امور خارجه با سازمان ملل متحد گفت‌وگو می‌کند .",
            {
                "حسن روحانی": "PER",
                "دانشگاه تهران": "ORG",
                "وزارت امور خارجه": "ORG",
                "سازمان ملل متحد": "ORG",
            },
        ),
    ],
)
def test_shipped_model_finds_people_organizations_places(
    text: str, entities: dict[str, str]
) -> None:
    assert found(text) == entities


@shipped
def test_shipped_model_loads_once_and_links() -> None:
    assert NeuralNerModel.load() is NeuralNerModel.load()
    assert load_tagger("accurate") is NeuralNerModel.load()
    try:
        set_tagger("accurate")
        assert default_tagger() is NeuralNerModel.load()
    finally:
        set_tagger("fast")
    article = analyze_article(Article.from_raw(SENTENCE))
    mentions = extract_mentions(article, load_tagger("accurate"))
    assert ("مکرون", "PER") in {(m.text.split()[-1], m.label) for m in mentions}
