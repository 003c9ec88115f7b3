"""Would a learned sentence classifier add events the trigger rules miss?

    python bench/events_learned.py

A one-vs-rest logistic regression over sentence features (words, word
bigrams, prefixes and suffixes, trigger-table hits, entity labels, inside a
quotation) predicts which event families (02, 04, 19 ...) a sentence holds.
Where it is confident and the rules found nothing of that family in the
sentence, an event is added with the sentence's subjects as actors and its
objects as targets, as the rules would name them. Each tuning set is held
out in turn (the classifier is trained on the others) and scored with
bench/extract.py's event scorer, rules alone against rules plus the
classifier, at three thresholds and with positives weighted 1 or 6.

Only the tuning sets are read (docs/annotation.md); the gold set is not.
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from extract import _inside, analyze, fold, gold_articles, score_events
from rasad.extract.parties import Names
from rasad.extract.triggers import triggers_in
from rasad.model import Article, Event, Span

ROOT = Path(__file__).resolve().parents[1]
SETS = ("dev", "train", "dev2", "dev3", "train2")
FAMILIES = ("02", "03", "04", "05", "06", "07", "10", "11", "12", "13", "14", "15", "16", "17", "18",
            "19", "20")  # fmt: skip
Example = tuple[set[str], set[str]]


def features(
    a: Article, sentence: Span, quoted: list[tuple[int, int]], hits: list[Any]
) -> set[str]:
    words = fold(a.text[sentence.start : sentence.end]).split()
    out = {"bias"}
    for w in words:
        out.add("w=" + w)
        if len(w) > 4:
            out |= {"p=" + w[:4], "s=" + w[-3:]}
    out |= {f"b={x}_{y}" for x, y in zip(words, words[1:], strict=False)}
    for t, m in hits:
        if sentence.start <= m.start() < sentence.end:
            out |= {"trigger=" + t.code[:2], "type=" + t.type}
    labels = Counter(m.label for m in a.mentions if sentence.start <= m.start < sentence.end)
    out |= {f"label={k}>{min(v, 3)}" for k, v in labels.items()} | {f"label={k}" for k in labels}
    if any(s < sentence.end and sentence.start < e for s, e in quoted):
        out.add("quoted")
    return out


def examples(records: Sequence[dict[str, Any]], articles: Sequence[Article]) -> list[Example]:
    out = []
    for r, a in zip(records, articles, strict=True):
        hits, quoted = triggers_in(a.text), [(q.start, q.end) for q in a.quotes]
        for s in a.sentences:
            text = a.text[s.start : s.end]
            families = {g["code"][:2] for g in r["events"] if _inside(g["evidence"], text)}
            out.append((features(a, s, quoted, hits), families))
    return out


Model = tuple[dict[str, int], np.ndarray]


def train(data: list[Example], positive: float, epochs: int = 15, rate: float = 0.2) -> Model:
    counts = Counter(f for fs, _ in data for f in fs)
    vocab = {f: i for i, f in enumerate(f for f, c in counts.items() if c >= 2)}
    weights = np.zeros((len(vocab), len(FAMILIES)))
    rows = [np.array([vocab[f] for f in fs if f in vocab], dtype=np.int64) for fs, _ in data]
    gold = np.array([[f in labels for f in FAMILIES] for _, labels in data], dtype=np.float64)
    rng = np.random.default_rng(0)
    for _ in range(epochs):
        for i in rng.permutation(len(rows)):
            p = 1 / (1 + np.exp(-weights[rows[i]].sum(0)))
            step = (gold[i] - p) * np.where(gold[i] > 0, positive, 1.0)
            weights[rows[i]] += rate * step - rate * 1e-4 * weights[rows[i]]
    return vocab, weights


def predict(model: Model, fs: set[str]) -> np.ndarray:
    vocab, weights = model
    idx = np.array([vocab[f] for f in fs if f in vocab], dtype=np.int64)
    return 1 / (1 + np.exp(-weights[idx].sum(0)))


def with_learned(articles: Sequence[Article], model: Model, threshold: float) -> list[Article]:
    out = []
    for a in articles:
        names, hits = Names.of(a), triggers_in(a.text)
        quoted = [(q.start, q.end) for q in a.quotes]
        events = list(a.events)
        for s in a.sentences:
            have = {e.code[:2] for e in events if s.start <= e.trigger_start < s.end}
            p = predict(model, features(a, s, quoted, hits))
            subjects = names.subjects(s.start, s.end)
            actors = tuple(names.party(x) for x in subjects)
            targets = tuple(
                names.party(x) for x in names.objects(s.start, s.end) if x not in subjects
            )
            for k, family in enumerate(FAMILIES):
                if p[k] >= threshold and family not in have and (actors or targets):
                    events.append(Event("learned", family + "0", s.start, s.end, "", s.start,
                                        s.start, actors=actors, targets=targets))  # fmt: skip
        out.append(a.evolve(events=tuple(events)))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = p.parse_args(argv)
    data = {}
    for name in SETS:
        records = gold_articles(
            sorted(glob.glob(str(ROOT / "bench" / "gold" / f"extract-{name}" / "*.jsonl")))
        )
        articles = analyze(records)
        data[name] = (records, articles, examples(records, articles))
    result: dict[str, Any] = {}
    for held in SETS:
        records, articles, _ = data[held]
        rules = score_events(records, articles)["type_and_actors"]
        row: dict[str, Any] = {"rules": rules}
        for positive in (1.0, 6.0):
            model = train([x for s in SETS if s != held for x in data[s][2]], positive)
            for threshold in (0.3, 0.5, 0.7):
                scored = score_events(records, with_learned(articles, model, threshold))
                row[f"weight {positive:g}, threshold {threshold}"] = scored["type_and_actors"]
        result[held] = row
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
