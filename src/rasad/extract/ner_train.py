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
import platform
import random
import shlex
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite

from rasad.extract import ner_data
from rasad.extract.ner import (
    ATTRIBUTES_FILE,
    CLUSTERS_FILE,
    FEATURE_SET,
    META_FILE,
    MODEL_FILE,
    Featurizer,
    NerModel,
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
CORE_LABELS = {"PER+ORG+LOC": ("PER", "ORG", "LOC")}


def train_ner(
    output_dir: Path | str,
    limit: int | None = None,
    seed: int = 0,
    c1: float = 0.1,
    c2: float = 0.1,
    max_iterations: int = 300,
    holdout: float = 0.0,
    clusters: bool = True,
    data: Path | None = None,
) -> dict[str, Any]:
    """Train and save a model in `output_dir`; returns its metadata.

    `limit` trains on that many sentences drawn with `seed` (for CI);
    `holdout` keeps that share of the training sentences out (chosen by a
    hash of their tokens) and scores the model on them, for tuning without
    touching the evaluation splits.
    """
    start = time.perf_counter()
    options = {
        "limit": limit,
        "seed": seed,
        "c1": c1,
        "c2": c2,
        "iterations": max_iterations,
        "holdout": holdout,
        "clusters": clusters,
    }
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    evaluation = ner_data.load_evaluation(data)
    sources: dict[str, dict[str, int]] = {}
    sentences = ner_data.load_training(data, evaluation, sources)
    train, dev = _split(sentences, holdout)
    if limit is not None and limit < len(train):
        keep = sorted(random.Random(seed).sample(range(len(train)), limit))
        train = [train[i] for i in keep]

    word_clusters = build_clusters([s.tokens for s in train], seed) if clusters else {}
    _write_lines(out / CLUSTERS_FILE, ("\t".join((w, *ids)) for w, ids in word_clusters.items()))
    featurizer = Featurizer(word_clusters)
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for s in train:
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
        "versions": {
            "python": platform.python_version(),
            "python-crfsuite": version("python-crfsuite"),
            "numpy": np.__version__,
            "rasad": version("rasad"),
        },
        "labels": sorted({x for s in train for x in s.labels}),
        "training_data": [
            {"corpus": name, **info, **ner_data.count(s for s in train if s.corpus == name)}
            for name, info in CORPORA.items()
        ],
        "excluded": "sentences of PEYMA dev, Arman test_fold1 and ParsTwiNER dev; duplicates",
        "sentences_read": sources,
        "training_set": ner_data.count(train),
        # Tokens come from rasad's normalizer: a changed normalizer changes this hash.
        "training_set_sha256": _digest(train),
        "clusters": {"words": len(word_clusters), "sizes": list(CLUSTER_SIZES) if clusters else []},
        "crfsuite": {"algorithm": "lbfgs", **params},
        "options": options,
        "command": reproduce_command("rasad.extract.ner_train", out, options),
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
    "organization-head and location-cue lists; word clusters (32/128/512, k-means over "
    "context vectors of the training text); the same word, shape, cue and cluster "
    "features for the words at -2..+2 (suffixes 2-3 at -1/+1); word bigrams -1|0 and 0|+1; "
    "sentence start and end"
)


def _write_attributes(out: Path) -> None:
    """The attributes the model gives weight to, so tagging can skip the rest."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out / MODEL_FILE))
    names = sorted({attr for attr, _ in tagger.info().state_features})
    tagger.close()
    _write_lines(out / ATTRIBUTES_FILE, names)


def _digest(sentences: Sequence[Sentence]) -> str:
    h = hashlib.sha256()
    for s in sentences:
        h.update(("\t".join(s.tokens) + "\n" + "\t".join(s.labels) + "\n\n").encode("utf-8"))
    return h.hexdigest()


def _split(sentences: list[Sentence], holdout: float) -> tuple[list[Sentence], list[Sentence]]:
    """Every k-th block of 100 consecutive sentences held out (k = 1 / holdout).

    Whole blocks, not single sentences: neighbouring sentences come from one
    article and repeat its names, which would make a held-out sentence easy.
    """
    if holdout <= 0:
        return sentences, []
    every = max(2, round(1 / holdout))
    train: list[Sentence] = []
    dev: list[Sentence] = []
    for i, s in enumerate(sentences):
        (dev if (i // 100) % every == every // 2 else train).append(s)
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


def _write_lines(path: Path, lines: Iterable[str]) -> None:
    """Lines to a gzip file; mtime=0, so the same lines give the same bytes."""
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write("".join(x + "\n" for x in lines).encode("utf-8"))


def reproduce_command(module: str, out: Path, options: dict[str, Any]) -> str:
    """The command line that reproduces a model trained by `module` with these options."""
    args = ["python", "-m", module, "--out", str(out)]
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        if value is None or value is True:
            continue
        args += [f"--no-{name.replace('_', '-')}"] if value is False else [flag, str(value)]
    return shlex.join(args)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m rasad.extract.ner_train", description=__doc__)
    p.add_argument("--out", required=True, type=Path, help="folder for the model")
    p.add_argument("--limit", type=int, help="train on this many sentences only")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--c1", type=float, default=0.1, help="L1 weight")
    p.add_argument("--c2", type=float, default=0.1, help="L2 weight")
    p.add_argument("--iterations", type=int, default=300, help="most L-BFGS iterations")
    p.add_argument("--holdout", type=float, default=0.0, help="share of training data to score")
    p.add_argument("--no-clusters", action="store_true", help="no word-cluster features")
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
