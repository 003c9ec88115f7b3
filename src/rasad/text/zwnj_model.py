"""A learned guess for compounds the lexicon does not know (تحلیل‌گران، تهران‌پارس).

For each place inside an unknown word where a ZWNJ could stand (after a
joining letter), a logistic model scores the letters on both sides and
whether each side is a known word. It is trained by scripts/train_zwnj.py on
the shipped lexicon alone and stored as a table of feature weights.
"""

from __future__ import annotations

import math
from functools import cache
from importlib import resources

from rasad.text.lexicon import Lexicon

JOINING = frozenset("بپتثجچحخسشصضطظعغفقکگلمنهیئ")
MIN_PART = 2


def _bucket(freq: float | None) -> str:
    if freq is None:
        return "u"
    return str(max(-2, min(4, round(math.log10(freq + 1e-3)))))


def boundary_features(word: str, i: int, lex: Lexicon) -> list[str]:
    """Features of a ZWNJ between `word[:i]` and `word[i:]` (word has no ZWNJ)."""
    left, right = word[:i], word[i:]
    lk = _bucket(lex.plain.get(left))
    rk = _bucket(lex.plain.get(right))
    feats = ["bias", f"lk={lk}", f"rk={rk}", f"lk,rk={lk},{rk}"]
    for n in (1, 2, 3, 4):
        if len(left) >= n:
            feats.append(f"l{n}={left[-n:]}")
        if len(right) >= n:
            feats.append(f"r{n}={right[:n]}")
    feats.append(f"l2r2={left[-2:]}|{right[:2]}")
    feats.append(f"ll={min(len(left), 6)},rl={min(len(right), 6)}")
    if right in lex.plain:
        feats.append(f"rw={right}")
    if left in lex.plain:
        feats.append(f"lw={left}")
    return feats


def candidate_cuts(word: str) -> list[int]:
    return [i for i in range(MIN_PART, len(word) - MIN_PART + 1) if word[i - 1] in JOINING]


@cache
def load_weights() -> dict[str, float]:
    path = resources.files("rasad") / "resources" / "lexicon" / "zwnj_boundaries.tsv"
    weights: dict[str, float] = {}
    if not path.is_file():
        return weights
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            feat, w = line.rsplit("\t", 1)
            weights[feat] = float(w)
    return weights


def boundary_probability(word: str, i: int, lex: Lexicon, weights: dict[str, float]) -> float:
    z = sum(weights.get(f, 0.0) for f in boundary_features(word, i, lex))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def guess_compound(word: str, lex: Lexicon, threshold: float) -> str | None:
    """The word with a ZWNJ at every cut the model is confident of, or None."""
    weights = load_weights()
    if not weights:
        return None
    cuts = [
        i for i in candidate_cuts(word) if boundary_probability(word, i, lex, weights) >= threshold
    ]
    if not cuts:
        return None
    out, prev = [], 0
    for i in cuts:
        out.append(word[prev:i])
        prev = i
    out.append(word[prev:])
    return "\u200c".join(out)
