"""The ezafe: the -и that links a Persian noun to what follows, which Persian does not write.

Tajik writes it (ҳизби халқ, маъмурияти ноту) and Persian mostly does not
(حزب خلق، ماموریت ناتو), so Persian to Tajik needs a guess from context: a
small logistic model over the word, its ending and its neighbours, trained
on the Persian sentences of the training pairs with the ezafe read off their
Tajik side. Where Persian does write it (آسیای میانه، مایۀ) the letters carry
it and no guess is made.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from rasad.text.lexicon import load_lexicon
from rasad.text.translit_rules import ZWNJ

END = "</s>"
BREAK = "<p>"  # punctuation between two words


def split_ezafe(tajik: str, farsi: str) -> tuple[str, bool]:
    """The Tajik word without an ezafe Persian does not write, and whether it had one."""
    bare = farsi.replace(ZWNJ, "")
    if len(tajik) < 3 or tajik[-1] != "и" or " " in farsi:
        return tajik, False
    if tajik.endswith("ии") and bare.endswith("ی"):
        return tajik[:-2] + "ӣ", True  # سیاسی: сиёсӣ + и
    if bare.endswith(("ی", "ۀ", "ئ")):
        return tajik, False  # Persian writes it (آسیای) or the word ends in ی itself
    if bare.endswith("ه") and tajik[-2] not in "ая":
        return tajik, False  # که ки, چه чи
    return tajik[:-1], True


def add_ezafe(base: str) -> str:
    """A Tajik word with an ezafe added."""
    if base.endswith("ӣ"):
        return base[:-1] + "ии"
    return base + "и"


def can_take_ezafe(farsi: str, base: str) -> bool:
    """Whether an unwritten ezafe could follow: not after a written one, nor after -и."""
    bare = farsi.replace(ZWNJ, "")
    return len(base) > 1 and base[-1] != "и" and not bare.endswith(("ۀ", "ای", "وی"))


def features(words: Sequence[str], i: int) -> list[str]:
    """Features of an ezafe after `words[i]` (a Persian sentence, BREAK between clauses)."""
    lex = load_lexicon()
    w = words[i]
    bare = w.replace(ZWNJ, "")
    nxt = words[i + 1] if i + 1 < len(words) else END
    prev = words[i - 1] if i > 0 else END
    feats = ["bias", f"w={w}", f"n={nxt}", f"p={prev}", f"w,n={w}|{nxt}"]
    for k in (1, 2, 3):
        feats.append(f"s{k}={bare[-k:]}")
    if ZWNJ in w:
        feats.append(f"z={w.rsplit(ZWNJ, 1)[1]}")
    if nxt not in (END, BREAK):
        feats.append(f"ns2={nxt.replace(ZWNJ, '')[-2:]}")
        feats.append(f"np2={nxt[:2]}")
    for name, word in (("w", bare), ("n", nxt)):
        if word in lex.nouns:
            feats.append(f"{name}:N")
        if word in lex.adjectives:
            feats.append(f"{name}:AJ")
        if word not in lex.plain and word not in lex.zwnj:
            feats.append(f"{name}:?")
    return feats


def probability(feats: Sequence[str], weights: dict[str, float]) -> float:
    z = sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def train_weights(
    examples: Sequence[tuple[list[str], int]], epochs: int = 8, l2: float = 1e-4, seed: int = 0
) -> dict[str, float]:
    """Logistic regression by AdaGrad, features as strings."""
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    order = list(range(len(examples)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for k in order:
            feats, label = examples[k]
            p = probability(feats, weights)
            for f in feats:
                w = weights.get(f, 0.0)
                grad = (p - label) + l2 * w
                sq = squares.get(f, 1e-8) + grad * grad
                squares[f] = sq
                weights[f] = w - 0.5 * grad / math.sqrt(sq)
    return {f: round(w, 4) for f, w in weights.items() if abs(w) >= 1e-3}
