"""Train the compound-boundary model of the ZWNJ restorer from the shipped lexicon.

Positive examples are the ZWNJ positions of lexicon words written with a
ZWNJ; negative examples are every other place after a joining letter in
those words and in the plain words. No corpus text is read, so the model
never sees the evaluation text of bench/zwnj.py.

Output: src/rasad/resources/lexicon/zwnj_boundaries.tsv (feature, weight).
Usage: python scripts/train_zwnj.py [--epochs 6] [--l2 1e-6]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import numpy as np

from rasad.text.lexicon import ZWNJ, load_lexicon
from rasad.text.zwnj_model import boundary_features, candidate_cuts

OUT = Path(__file__).resolve().parents[1] / "src/rasad/resources/lexicon/zwnj_boundaries.tsv"


def examples() -> list[tuple[list[str], int]]:
    lex = load_lexicon()
    out: list[tuple[list[str], int]] = []
    words: list[tuple[str, set[int]]] = []
    for form, _ in lex.zwnj.values():
        bare, cuts, i = "", set(), 0
        for ch in form:
            if ch == ZWNJ:
                cuts.add(i)
            else:
                bare += ch
                i += 1
        words.append((bare, cuts))
    words += [(w, set()) for w in lex.plain if w not in lex.web_only]
    for bare, cuts in words:
        for i in candidate_cuts(bare):
            out.append((boundary_features(bare, i, lex), int(i in cuts)))
    return out


def train(
    data: list[tuple[list[str], int]], epochs: int, l2: float, seed: int = 0
) -> dict[str, float]:
    index: dict[str, int] = {}
    rows = [[index.setdefault(f, len(index)) for f in feats] for feats, _ in data]
    y = np.array([label for _, label in data], dtype=np.float64)
    w = np.zeros(len(index))
    g2 = np.full(len(index), 1e-8)
    order = list(range(len(rows)))
    rng = random.Random(seed)
    lr = 0.5
    for _ in range(epochs):
        rng.shuffle(order)
        for j in order:
            idx = rows[j]
            z = w[idx].sum()
            p = 1.0 / (1.0 + np.exp(-max(-30.0, min(30.0, z))))
            grad = (p - y[j]) + l2 * w[idx]
            g2[idx] += grad * grad
            w[idx] -= lr * grad / np.sqrt(g2[idx])
    names = [""] * len(index)
    for f, i in index.items():
        names[i] = f
    return {names[i]: float(w[i]) for i in range(len(w)) if abs(w[i]) >= 1e-3}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--l2", type=float, default=1e-5)
    args = ap.parse_args()
    data = examples()
    positives = sum(label for _, label in data)
    print(f"{len(data)} places, {positives} with a ZWNJ")
    weights = train(data, args.epochs, args.l2)
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        f.write("# feature\tweight  (scripts/train_zwnj.py, trained on the lexicon only)\n")
        for feat in sorted(weights):
            f.write(f"{feat}\t{weights[feat]:.4f}\n")
    print(f"wrote {len(weights)} weights to {OUT}")


if __name__ == "__main__":
    main()
