"""Training rasad's named-entity CRF: `train_ner(output_dir)`.

    python -m rasad.extract.ner_train --out src/rasad/resources/ner
    python -m rasad.extract.ner_train --out /tmp/ner --limit 300   # seconds, for CI

Training reads PEYMA train, Arman train_fold1 and ParsTwiNER train
(`ner_data.load_training`: normalized, de-duplicated, with every sentence of an
evaluation split removed), builds word clusters from the training text only,
and fits a CRF with L-BFGS (L1 + L2). Everything runs in a fixed order with a
fixed seed, so the same data and versions give the same model file.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import shlex
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite

from rasad.extract import ner_data
from rasad.extract.ner import (
    ATTRIBUTES_FILE,
    CLUSTERS_FILE,
    FEATURE_SET,
    GAZETTEER_FILE,
    META_FILE,
    MODEL_FILE,
    Featurizer,
    Gazetteer,
    NerModel,
    entity_spans,
    strict_scores,
)
from rasad.extract.ner_data import Sentence

CORPORA = {
    "peyma": {
        "files": "peyma/train.txt",
        "licence": "academic corpus (Shahshahani et al., 2018); no licence stated",
    },
    "arman": {
        "files": "arman/train_fold1.txt",
        "licence": "ArmanPersoNERCorpus: released only for academic research use "
        "(Poostchi et al., COLING 2016, LREC 2018)",
    },
    "parstwiner": {
        "files": "parstwiner/train.txt",
        "licence": "ParsTwiNER: MIT (host repository), plus the platform's terms",
    },
}
CLUSTER_SIZES = (32, 128, 512)
FOLDS = 5
CORE_LABELS = {"PER+ORG+LOC": ("PER", "ORG", "LOC")}


def train_ner(
    output_dir: Path | str,
    limit: int | None = None,
    seed: int = 0,
    c1: float = 0.05,
    c2: float = 0.01,
    max_iterations: int = 150,
    holdout: float = 0.0,
    clusters: bool = True,
    gazetteer: bool = True,
    min_ratio: float = 0.3,
    data: Path | None = None,
) -> dict[str, Any]:
    """Train and save a model in `output_dir`; returns its metadata.

    `limit` trains on that many sentences drawn with `seed` (for CI);
    `holdout` keeps that share of the training sentences out (chosen by a
    hash of their tokens) and scores the model on them, for tuning without
    touching the evaluation splits.
    """
    start = time.perf_counter()
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    evaluation = ner_data.load_evaluation(data)
    sentences = ner_data.load_training(data, evaluation)
    train, dev = _split(sentences, holdout)
    if limit is not None and limit < len(train):
        keep = sorted(random.Random(seed).sample(range(len(train)), limit))
        train = [train[i] for i in keep]

    word_clusters = build_clusters([s.tokens for s in train], seed) if clusters else {}
    _write_clusters(out / CLUSTERS_FILE, word_clusters)
    # Each fold sees a gazetteer built from the other folds only, as the model
    # will see names at run time: some known, most not known in that context.
    counts = [_phrase_counts(train[k::FOLDS]) for k in range(FOLDS)]
    total = _sum_counts(counts)
    _write_gazetteer(out / GAZETTEER_FILE, _gazetteer(total, min_ratio) if gazetteer else {})
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for k in range(FOLDS):
        rest = _gazetteer(_sum_counts(counts, minus=counts[k]), min_ratio)
        featurizer = Featurizer(word_clusters, Gazetteer(rest) if gazetteer else None)
        for s in train[k::FOLDS]:
            trainer.append(featurizer.sentence(s.tokens), list(s.labels))
    params = {
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iterations,
        "feature.possible_transitions": True,
    }
    trainer.set_params(params)
    trainer.train(str(out / MODEL_FILE))
    _write_attributes(out)

    model_bytes = (out / MODEL_FILE).read_bytes()
    meta: dict[str, Any] = {
        "name": "rasad-ner-crf",
        "use": "research use only: trained on ArmanPersoNERCorpus (academic research use "
        "only) and PEYMA (academic corpus, no licence stated)",
        "feature_set": FEATURE_SET,
        "features": _FEATURES,
        "labels": sorted({x for s in train for x in s.labels}),
        "training_data": [
            {"corpus": name, **info, **ner_data.count(s for s in train if s.corpus == name)}
            for name, info in CORPORA.items()
        ],
        "excluded": "sentences of PEYMA dev, Arman test_fold1 and ParsTwiNER dev; duplicates",
        "training_set": ner_data.count(train),
        # Tokens come from rasad's normalizer: a changed normalizer changes this hash.
        "training_set_sha256": _digest(train),
        "clusters": {"words": len(word_clusters), "sizes": list(CLUSTER_SIZES) if clusters else []},
        "crfsuite": {"algorithm": "lbfgs", **params},
        "seed": seed,
        "limit": limit,
        "holdout": holdout,
        "command": _command(
            out,
            {
                "limit": limit,
                "seed": seed,
                "c1": c1,
                "c2": c2,
                "iterations": max_iterations,
                "holdout": holdout,
                "clusters": clusters,
                "gazetteer": gazetteer,
                "min_ratio": min_ratio,
            },
        ),
        "model_bytes": len(model_bytes),
        "model_sha256": hashlib.sha256(model_bytes).hexdigest(),
    }
    if dev:
        model = NerModel(out)
        gold = [s.labels for s in dev]
        pred = model.tag_many(s.tokens for s in dev)
        meta["holdout_scores"] = strict_scores(gold, pred, CORE_LABELS)
        meta["holdout_set"] = ner_data.count(dev)
    (out / META_FILE).write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return {**meta, "seconds": round(time.perf_counter() - start, 1)}


_FEATURES = (
    "word form; prefixes and suffixes of 1-4 characters; shape; length; digits; ZWNJ with "
    "the parts before the first and after the last ZWNJ; membership of title/honorific, "
    "organization-head and location-cue lists; gazetteer matches (names seen in training, "
    "5-fold jackknifed while training) at -1..+1; word clusters (32/128/512, k-means over "
    "context vectors of the training text); the same word, shape, cue and cluster "
    "features for the words at -2..+2 (suffixes 2-3 at -1/+1); word bigrams -1|0 and 0|+1; "
    "sentence start and end"
)


PhraseCounts = tuple[Counter[tuple[tuple[str, ...], str]], Counter[tuple[str, ...]]]


def _phrase_counts(sentences: Sequence[Sentence]) -> PhraseCounts:
    """(how often each phrase was each kind of entity, how often it occurs at all)."""
    named: Counter[tuple[tuple[str, ...], str]] = Counter()
    for s in sentences:
        for a, b, label in entity_spans(s.tokens, s.labels):
            if b - a <= Gazetteer.MAX_TOKENS:
                named[(s.tokens[a:b], label)] += 1
    longest: dict[str, int] = {}
    for phrase, _ in named:
        longest[phrase[0]] = max(longest.get(phrase[0], 0), len(phrase))
    seen: Counter[tuple[str, ...]] = Counter()
    for s in sentences:
        t = s.tokens
        for i, token in enumerate(t):
            for j in range(i + 1, min(len(t), i + longest.get(token, 0)) + 1):
                seen[t[i:j]] += 1
    return named, seen


def _sum_counts(parts: Sequence[PhraseCounts], minus: PhraseCounts | None = None) -> PhraseCounts:
    named: Counter[tuple[tuple[str, ...], str]] = Counter()
    seen: Counter[tuple[str, ...]] = Counter()
    for n, s in parts:
        named.update(n)
        seen.update(s)
    if minus:
        named.subtract(minus[0])
        seen.subtract(minus[1])
    return named, seen


def _gazetteer(counts: PhraseCounts, min_ratio: float) -> dict[tuple[str, ...], list[str]]:
    """Phrases named as a label in at least `min_ratio` of the places they occur."""
    named, seen = counts
    entries: dict[tuple[str, ...], list[str]] = {}
    for (phrase, label), n in named.items():
        if n > 0 and n >= min_ratio * seen[phrase]:
            entries.setdefault(phrase, []).append(label)
    return entries


def _write_attributes(out: Path) -> None:
    """The attributes the model gives weight to, so tagging can skip the rest."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out / MODEL_FILE))
    names = sorted({attr for attr, _ in tagger.info().state_features})
    tagger.close()
    with (
        (out / ATTRIBUTES_FILE).open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f,
    ):
        f.write("".join(x + "\n" for x in names).encode("utf-8"))


def _write_gazetteer(path: Path, entries: dict[tuple[str, ...], list[str]]) -> None:
    lines = sorted(f"{label}\t{' '.join(p)}\n" for p, labels in entries.items() for label in labels)
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write("".join(lines).encode("utf-8"))


def _digest(sentences: Sequence[Sentence]) -> str:
    h = hashlib.sha256()
    for s in sentences:
        h.update(("\t".join(s.tokens) + "\n" + "\t".join(s.labels) + "\n\n").encode("utf-8"))
    return h.hexdigest()


def _split(sentences: list[Sentence], holdout: float) -> tuple[list[Sentence], list[Sentence]]:
    if holdout <= 0:
        return sentences, []
    train: list[Sentence] = []
    dev: list[Sentence] = []
    for s in sentences:
        h = int.from_bytes(hashlib.sha256("\n".join(s.tokens).encode()).digest()[:4], "big")
        (dev if h % 10_000 < holdout * 10_000 else train).append(s)
    return train, dev


def build_clusters(
    sentences: Sequence[Sequence[str]],
    seed: int = 0,
    min_count: int = 3,
    max_words: int = 20_000,
    contexts: int = 1_000,
    dims: int = 80,
) -> dict[str, tuple[str, ...]]:
    """Word -> cluster ids, one per size in `CLUSTER_SIZES`.

    Each frequent word is described by positive PMI with the most frequent
    words just before and just after it, reduced to `dims` dimensions, and
    grouped by k-means (k-means++ seeded with `seed`).
    """
    counts = Counter(w for s in sentences for w in s)
    vocab = [w for w, c in sorted(counts.items(), key=lambda x: (-x[1], x[0])) if c >= min_count]
    vocab = vocab[:max_words]
    if len(vocab) < max(CLUSTER_SIZES):
        return {}
    index = {w: i for i, w in enumerate(vocab)}
    rows, cols = [], []
    for s in sentences:
        ids = [index.get(w, -1) for w in s]
        for i, w in enumerate(ids):
            if w < 0:
                continue
            if i > 0 and 0 <= ids[i - 1] < contexts:
                rows.append(w)
                cols.append(ids[i - 1])
            if i + 1 < len(ids) and 0 <= ids[i + 1] < contexts:
                rows.append(w)
                cols.append(contexts + ids[i + 1])
    m = np.bincount(
        np.array(rows, dtype=np.int64) * (2 * contexts) + np.array(cols, dtype=np.int64),
        minlength=len(vocab) * 2 * contexts,
    ).reshape(len(vocab), 2 * contexts)
    total = m.sum()
    with np.errstate(divide="ignore"):
        pmi = np.log(m * total / np.outer(m.sum(1) + 1, m.sum(0) + 1))
    ppmi = np.where(m > 0, np.maximum(pmi, 0.0), 0.0)
    _, vectors = np.linalg.eigh(ppmi.T @ ppmi)
    emb = ppmi @ vectors[:, ::-1][:, :dims]
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    groups = [_kmeans(emb, k, seed) for k in CLUSTER_SIZES]
    return {w: tuple(str(int(g[i])) for g in groups) for i, w in enumerate(vocab)}


def _kmeans(x: np.ndarray, k: int, seed: int, iterations: int = 20) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centers = [x[rng.integers(len(x))]]
    dist = ((x - centers[0]) ** 2).sum(1)
    for _ in range(1, k):
        centers.append(x[rng.choice(len(x), p=dist / dist.sum())])
        dist = np.minimum(dist, ((x - centers[-1]) ** 2).sum(1))
    c = np.array(centers)
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iterations):
        assign = np.argmax(x @ c.T - 0.5 * (c * c).sum(1), axis=1)
        for j in range(k):
            members = x[assign == j]
            if len(members):
                c[j] = members.mean(0)
    return assign


def _write_clusters(path: Path, clusters: dict[str, tuple[str, ...]]) -> None:
    # mtime=0: the same clusters give the same bytes.
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        for word, ids in clusters.items():
            f.write(("\t".join((word, *ids)) + "\n").encode("utf-8"))


def _command(out: Path, options: dict[str, Any]) -> str:
    """The command line that reproduces a model with these options."""
    args = ["python", "-m", "rasad.extract.ner_train", "--out", str(out)]
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        if value is None or value is True:
            continue
        args += [f"--no-{name}"] if value is False else [flag, str(value)]
    return shlex.join(args)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m rasad.extract.ner_train", description=__doc__)
    p.add_argument("--out", required=True, type=Path, help="folder for the model")
    p.add_argument("--limit", type=int, help="train on this many sentences only")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--c1", type=float, default=0.05, help="L1 weight")
    p.add_argument("--c2", type=float, default=0.01, help="L2 weight")
    p.add_argument("--iterations", type=int, default=150)
    p.add_argument("--holdout", type=float, default=0.0, help="share of training data to score")
    p.add_argument("--no-clusters", action="store_true", help="no word-cluster features")
    p.add_argument("--no-gazetteer", action="store_true", help="no gazetteer features")
    p.add_argument("--min-ratio", type=float, default=0.3, help="gazetteer: share named")
    p.add_argument("--data", type=Path, help="data folder (default: ../shared/data)")
    a = p.parse_args(argv)
    meta = train_ner(
        a.out,
        a.limit,
        a.seed,
        a.c1,
        a.c2,
        a.iterations,
        a.holdout,
        clusters=not a.no_clusters,
        gazetteer=not a.no_gazetteer,
        min_ratio=a.min_ratio,
        data=a.data,
    )
    summary = {k: meta[k] for k in ("training_set", "model_bytes", "seconds")}
    if "holdout_scores" in meta:
        summary["holdout"] = {
            k: round(v["f1"], 4) for k, v in meta["holdout_scores"].items() if isinstance(v, dict)
        }
    json.dump(summary, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
