"""Training rasad's accurate (neural) named-entity tagger: `train_neural_ner(output_dir)`.

    python -m rasad.extract.ner_neural_train --out src/rasad/resources/ner-accurate
    python -m rasad.extract.ner_neural_train --out /tmp/ner --limit 300 --epochs 2  # CI

The labelled data is the CRF's (`ner_data.load_training`: PEYMA train, Arman
train_fold1, ParsTwiNER train, normalized, de-duplicated, every sentence of an
evaluation split removed). Word vectors are pretrained first, by a truncated
SVD of positive PMI between each word and the words at -2..+2, over raw
Persian text (Fars News 2008, Hamshahri RSS, UD PerDT's sentences, ParsText's
Persian side) and the training sentences; never over an evaluation split.
Word clusters come from the training text (`ner_train.build_clusters`) and
the gazetteer from the knowledge base, both frozen into the model's lexicon.

Everything runs in a fixed order with a fixed seed on a fixed number of
threads, so a rerun on the same machine gives the same model; another CPU
may differ in the last digits.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import torch

from rasad.extract import ner_data
from rasad.extract.kb import load_kb
from rasad.extract.ner import strict_scores, word_shape
from rasad.extract.ner_data import LABELS, Sentence
from rasad.extract.ner_neural import (
    DEFAULT_CONFIG,
    FEATURE_SET,
    GAZ_TYPES,
    LEXICON_FILE,
    MAX_NAME_TOKENS,
    META_FILE,
    MODEL_FILE,
    UNK,
    Lexicon,
    Network,
    NeuralNerModel,
    collate,
    word_form,
)
from rasad.extract.ner_train import (
    CLUSTER_SIZES,
    CORE_LABELS,
    CORPORA,
    _digest,
    _split,
    build_clusters,
    reproduce_command,
)
from rasad.text.normalize import normalize
from rasad.text.tokens import tokenize

RAW_TEXT = {
    "farsnews-2008": "1,500 Fars News articles (2008); article text (c) the publisher",
    "hamshahri-rss": "2,203 Hamshahri Online RSS items; licence not stated",
    "ud-perdt": "UD Persian PerDT dev and test sentences (text only); CC BY-SA 4.0",
    "parstext": "ParsText, Persian side of the BBC and DR pairs; research data, no licence",
}
IOB_LABELS = ("O", *(f"{p}-{x}" for x in LABELS for p in "BI"))


def raw_texts(base: Path) -> Iterator[str]:
    """Paragraphs of the raw Persian text under `base` (missing sources are skipped)."""
    for path in sorted((base / "farsnews-2008").glob("*.json")):
        for item in json.loads(path.read_text("utf-8")):
            yield from (item.get("title", ""), item.get("abstract", ""))
            yield from item.get("paragraphs", [])
    path = base / "hamshahri-rss" / "hamshahri.json"
    if path.exists():
        for item in json.loads(path.read_text("utf-8")):
            yield from (item.get("title", ""), item.get("summary", ""))
    for path in sorted((base / "ud-perdt").glob("*.conllu")):
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("# text = "):
                yield line[len("# text = ") :]
    for path in sorted((base / "parstext" / "json").glob("*.json")):
        for item in json.loads(path.read_text("utf-8")):
            yield item.get("farsi", "")


def raw_token_lists(base: Path, limit: int | None = None) -> list[list[str]]:
    """The raw text as rasad's word forms, one list per paragraph."""
    out: list[list[str]] = []
    for text in raw_texts(base):
        if limit is not None and len(out) >= limit:
            break
        forms = [word_form(t.text) for t in tokenize(normalize(text))]
        if forms:
            out.append(forms)
    return out


def word_vectors(
    sentences: Sequence[Sequence[str]],
    dims: int = 100,
    min_count: int = 2,
    max_words: int = 60_000,
    contexts: int = 10_000,
    seed: int = 0,
) -> tuple[list[str], np.ndarray]:
    """Words (most frequent first) and their vectors: truncated SVD of positive PMI
    with the words at each of the positions -2, -1, +1, +2 (separate columns, so
    the vectors keep word order), context counts smoothed by the power 0.75."""
    counts = Counter(w for s in sentences for w in s)
    ranked = sorted(counts.items(), key=lambda x: (-x[1], x[0]))
    words = [w for w, c in ranked if c >= min_count][:max_words]
    index = {w: i for i, w in enumerate(words)}
    n_ctx = min(contexts, len(words))
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for s in sentences:
        ids = np.array([index.get(w, -1) for w in s], dtype=np.int64)
        for block, offset in enumerate((-2, -1, 1, 2)):
            if len(ids) <= abs(offset):
                continue
            a, b = (ids[-offset:], ids[:offset]) if offset < 0 else (ids[:-offset], ids[offset:])
            keep = (a >= 0) & (b >= 0) & (b < n_ctx)
            rows.append(a[keep])
            cols.append(b[keep] + block * n_ctx)
    if not rows or not words:
        return words, np.zeros((len(words), dims), dtype=np.float32)
    r, c = np.concatenate(rows), np.concatenate(cols)
    codes, freq = np.unique(r * (4 * n_ctx) + c, return_counts=True)
    r, c = codes // (4 * n_ctx), codes % (4 * n_ctx)
    freq = freq.astype(np.float64)
    row_sum = np.bincount(r, weights=freq, minlength=len(words))
    col_sum = np.bincount(c, weights=freq, minlength=4 * n_ctx) ** 0.75
    pmi = np.log(freq * col_sum.sum() / (row_sum[r] * col_sum[c]))
    keep = pmi > 0
    matrix = torch.sparse_coo_tensor(
        torch.from_numpy(np.stack([r[keep], c[keep]])),
        torch.from_numpy(pmi[keep].astype(np.float32)),
        (len(words), 4 * n_ctx),
        check_invariants=False,
    ).coalesce()
    torch.manual_seed(seed)
    q = min(dims, len(words) - 1, 4 * n_ctx - 1)
    u, sigma, _ = torch.svd_lowrank(matrix, q=q, niter=4)
    vectors = (u * sigma.sqrt()).numpy()
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    out = np.zeros((len(words), dims), dtype=np.float32)
    out[:, :q] = vectors
    return words, out


def build_lexicon(
    train: Sequence[Sentence], raw: Sequence[Sequence[str]], seed: int, dims: int
) -> tuple[Lexicon, np.ndarray]:
    """The lexicon and the pretrained vectors of its words (rows 0 and 1: padding, unknown)."""
    forms = [[word_form(t) for t in s.tokens] for s in train]
    words, vectors = word_vectors([*raw, *forms], dims=dims, seed=seed)
    char_counts = Counter(c for s in train for t in s.tokens for c in t)
    char_counts.update(c for s in raw for t in s for c in t)
    chars = sorted(c for c, n in char_counts.items() if n >= 5)
    shape_counts = Counter(word_shape(t) for s in train for t in s.tokens)
    shapes = sorted(x for x, n in shape_counts.items() if n >= 2)
    groups = build_clusters(forms, seed)
    clusters = {w: [int(i) + 1 for i in ids] for w, ids in groups.items()}
    gazetteer: dict[str, str] = {}
    kb = load_kb()
    for key, entity_id in kb.names():
        if key not in gazetteer and 0 < len(key.split()) <= MAX_NAME_TOKENS:
            kind = kb.entities[entity_id].type
            if kind in GAZ_TYPES:
                gazetteer[key] = kind
    lexicon = Lexicon(
        ["<pad>", "<unk>", *words],
        ["<pad>", "<unk>", "<w>", "</w>", *chars],
        ["<pad>", "<unk>", *shapes],
        clusters,
        CLUSTER_SIZES,
        gazetteer,
    )
    table = np.zeros((len(lexicon.words), dims), dtype=np.float32)
    table[2:] = vectors
    return lexicon, table


def _batches(lengths: Sequence[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of sentences of similar length (less padding, same randomness)."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    batches = []
    pool = batch_size * 50
    for k in range(0, len(order), pool):
        chunk = sorted(order[k : k + pool], key=lambda i: lengths[i])
        batches += [chunk[j : j + batch_size] for j in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def fit(
    network: Network,
    train: Sequence[Sentence],
    lexicon: Lexicon,
    epochs: int,
    lr: float,
    batch_size: int,
    word_dropout: float,
    seed: int,
    log: Any = None,
) -> None:
    """Adam with a linear decay to zero, gradients clipped at norm 5."""
    encoded = [lexicon.encode(s.tokens) for s in train]
    label_id = {x: i for i, x in enumerate(IOB_LABELS)}
    targets = [torch.tensor([label_id[x] for x in s.labels]) for s in train]
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(network.parameters(), lr=lr)
    steps = epochs * -(-len(train) // batch_size)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda k: max(0.0, 1 - k / steps))
    lengths = [len(s.tokens) for s in train]
    for epoch in range(epochs):
        network.train()
        total, start = 0.0, time.perf_counter()
        for batch_ids in _batches(lengths, batch_size, rng):
            batch = collate([encoded[i] for i in batch_ids])
            if word_dropout:
                drop = (torch.rand(batch.words.shape, generator=gen) < word_dropout) & batch.mask
                batch = replace(batch, words=torch.where(drop, UNK, batch.words))
            tags = torch.nn.utils.rnn.pad_sequence([targets[i] for i in batch_ids], True)
            loss = network.loss(batch, tags)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(network.parameters(), 5.0)
            optimizer.step()
            schedule.step()
            total += float(loss.detach()) * len(batch_ids)
        if log is not None:
            log(epoch + 1, total / len(train), time.perf_counter() - start)


def train_neural_ner(
    output_dir: Path | str,
    limit: int | None = None,
    seed: int = 0,
    epochs: int = 12,
    lr: float = 2e-3,
    batch_size: int = 32,
    word_dropout: float = 0.05,
    holdout: float = 0.0,
    raw_text: bool = True,
    evaluate: bool = True,
    config: dict[str, Any] | None = None,
    threads: int = 2,
    data: Path | None = None,
    verbose: bool = False,
) -> dict[str, Any]:
    """Train and save a model in `output_dir`; returns its metadata.

    `limit` trains on that many sentences drawn with `seed` (for CI);
    `holdout` keeps that share of the training sentences out (whole blocks of
    100, as `ner_train` does) and scores the model on them, for tuning
    without touching the evaluation splits; `evaluate` scores the finished
    model on the evaluation splits, for the record only.
    """
    started, cpu_started = time.perf_counter(), time.process_time()
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    config = {**DEFAULT_CONFIG, **(config or {})}
    options = {
        "limit": limit,
        "seed": seed,
        "epochs": epochs,
        "lr": lr,
        "batch_size": batch_size,
        "word_dropout": word_dropout,
        "holdout": holdout,
        "raw_text": raw_text,
        "evaluate": evaluate,
        "threads": threads,
        **{k: v for k, v in config.items() if v != DEFAULT_CONFIG[k]},
    }
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    base = data or ner_data.data_dir()
    evaluation = ner_data.load_evaluation(base)
    sources: dict[str, dict[str, int]] = {}
    sentences = ner_data.load_training(base, evaluation, sources)
    train, dev = _split(sentences, holdout)
    if limit is not None and limit < len(train):
        keep = sorted(random.Random(seed).sample(range(len(train)), limit))
        train = [train[i] for i in keep]
    raw = raw_token_lists(base) if raw_text else []
    lexicon, vectors = build_lexicon(train, raw, seed, config["word_dim"])
    prepared = time.perf_counter() - started

    torch.manual_seed(seed)
    network = Network(config, lexicon, IOB_LABELS)
    with torch.no_grad():
        network.words.weight.copy_(torch.from_numpy(vectors))

    def log(epoch: int, loss: float, seconds: float) -> None:
        if verbose:
            print(f"epoch {epoch}: loss {loss:.3f} ({seconds:.0f} s)", file=sys.stderr, flush=True)

    fit(network, train, lexicon, epochs, lr, batch_size, word_dropout, seed, log)
    state = {k: v.detach().half() for k, v in network.state_dict().items()}
    torch.save(state, out / MODEL_FILE)
    lexicon.save(out / LEXICON_FILE)
    model_bytes = (out / MODEL_FILE).read_bytes()
    meta: dict[str, Any] = {
        "name": "rasad-ner-neural",
        "use": "research use only: trained on ArmanPersoNERCorpus (academic research use "
        "only) and PEYMA (academic corpus, no licence stated)",
        "licence": "research use only",
        "feature_set": FEATURE_SET,
        "labels": list(IOB_LABELS),
        "network": config,
        "inputs": _INPUTS,
        "versions": {
            "python": platform.python_version(),
            "torch": torch.__version__,
            "numpy": np.__version__,
            "rasad": version("rasad"),
        },
        "training_data": [
            {"corpus": name, **info, **ner_data.count(s for s in train if s.corpus == name)}
            for name, info in CORPORA.items()
        ],
        "excluded": "sentences of PEYMA dev, Arman test_fold1 and ParsTwiNER dev; duplicates",
        "sentences_read": sources,
        "training_set": ner_data.count(train),
        "training_set_sha256": _digest(train),
        "pretraining_text": {
            "sources": RAW_TEXT if raw_text else {},
            "paragraphs": len(raw),
            "tokens": sum(map(len, raw)),
        },
        "lexicon": {
            "words": len(lexicon.words),
            "chars": len(lexicon.chars),
            "shapes": len(lexicon.shapes),
            "clustered_words": len(lexicon.clusters),
            "gazetteer_names": len(lexicon.gazetteer),
        },
        "options": options,
        "command": reproduce_command("rasad.extract.ner_neural_train", out, options),
        "model_bytes": len(model_bytes),
        "model_sha256": hashlib.sha256(model_bytes).hexdigest(),
        "seconds": {"preparation": round(prepared, 1)},
    }
    (out / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", "utf-8")
    # Wall time depends on what else the machine runs; CPU time much less so.
    meta["seconds"]["total_training"] = round(time.perf_counter() - started, 1)
    meta["seconds"]["cpu"] = round(time.process_time() - cpu_started, 1)
    model = NeuralNerModel(out)
    if dev:
        pred = model.tag_many(s.tokens for s in dev)
        meta["holdout_scores"] = strict_scores([s.labels for s in dev], pred, CORE_LABELS)
        meta["holdout_set"] = ner_data.count(dev)
    if evaluate:
        meta["evaluation_scores"] = {
            name: strict_scores(
                [s.labels for s in sents], model.tag_many(s.tokens for s in sents), CORE_LABELS
            )
            for name, sents in evaluation.items()
        }
    torch.set_num_threads(threads)
    (out / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return meta


_INPUTS = (
    "word vector (PPMI-SVD over raw Persian text and the training sentences, tuned in "
    "training; lower case, digits as 0); character CNN over the word with start and end "
    "marks; word clusters 32/128/512 of the training text; word shape; longest "
    "knowledge-base name through the token (B/I with its type); title, organization-head "
    "and place-cue lists; a BiLSTM over the sentence and a CRF over the labels"
)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m rasad.extract.ner_neural_train",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--out", required=True, type=Path, help="folder for the model")
    p.add_argument("--limit", type=int, help="train on this many sentences only")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--epochs", type=int, default=12)
    p.add_argument("--lr", type=float, default=2e-3, help="Adam's first learning rate")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument(
        "--word-dropout", type=float, default=0.05, help="share of words read as unknown"
    )
    p.add_argument("--holdout", type=float, default=0.0, help="share of training data to score")
    p.add_argument("--no-raw-text", action="store_true", help="vectors from training text only")
    p.add_argument("--no-evaluate", action="store_true", help="skip scoring the evaluation splits")
    p.add_argument("--threads", type=int, default=2, help="torch threads for training")
    for name, value in DEFAULT_CONFIG.items():
        p.add_argument("--" + name.replace("_", "-"), type=type(value), default=value)
    p.add_argument("--data", type=Path, help="data folder (default: ../shared/data)")
    p.add_argument("--verbose", action="store_true", help="print each epoch's loss")
    a = p.parse_args(argv)
    meta = train_neural_ner(
        a.out,
        limit=a.limit,
        seed=a.seed,
        epochs=a.epochs,
        lr=a.lr,
        batch_size=a.batch_size,
        word_dropout=a.word_dropout,
        holdout=a.holdout,
        raw_text=not a.no_raw_text,
        evaluate=not a.no_evaluate,
        config={name: getattr(a, name) for name in DEFAULT_CONFIG},
        threads=a.threads,
        data=a.data,
        verbose=a.verbose,
    )
    summary: dict[str, Any] = {k: meta[k] for k in ("training_set", "model_bytes", "seconds")}
    for key in ("holdout_scores", "evaluation_scores"):
        if key in meta:
            summary[key] = _f1s(meta[key])
    json.dump(summary, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def _f1s(scores: dict[str, Any]) -> dict[str, Any]:
    if "micro" in scores:
        return {k: round(v["f1"], 4) for k, v in scores.items()}
    return {name: _f1s(rows) for name, rows in scores.items()}


if __name__ == "__main__":
    raise SystemExit(main())
