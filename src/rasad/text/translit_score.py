"""Scores for transliteration against references: chrF++ and character error rate.

chrF++ follows Popović (2017) as sacrebleu computes it at corpus level:
character n-grams of orders 1-6 (spaces removed) and word n-grams of orders
1-2, their counts summed over all sentences, precision and recall averaged
over the orders that occur, and an F-score with beta = 2.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Sequence

CHAR_ORDER = 6
WORD_ORDER = 2
BETA = 2.0
_PUNCT = frozenset(string.punctuation)


def _words(sentence: str) -> list[str]:
    """Whitespace words with one punctuation mark split off an end (as sacrebleu does)."""
    out: list[str] = []
    for w in sentence.split():
        if len(w) > 1 and w[-1] in _PUNCT:
            out += [w[:-1], w[-1]]
        elif len(w) > 1 and w[0] in _PUNCT:
            out += [w[0], w[1:]]
        else:
            out.append(w)
    return out


def _ngrams(sentence: str) -> list[Counter[str]]:
    chars = "".join(sentence.split())
    grams = [
        Counter(chars[i : i + n] for i in range(len(chars) - n + 1))
        for n in range(1, CHAR_ORDER + 1)
    ]
    tokens = _words(sentence)
    for n in range(1, WORD_ORDER + 1):
        grams.append(Counter(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)))
    return grams


def chrf_statistics(hypothesis: str, reference: str) -> list[int]:
    """Per order: n-grams in the hypothesis, in the reference, and matched."""
    stats: list[int] = []
    for hyp, ref in zip(_ngrams(hypothesis), _ngrams(reference), strict=True):
        matched = sum(min(c, ref[g]) for g, c in hyp.items() if g in ref)
        stats += [sum(hyp.values()), sum(ref.values()), matched]
    return stats


def chrf_from_statistics(stats: Sequence[int]) -> float:
    prec = rec = 0.0
    orders = 0
    for i in range(0, len(stats), 3):
        n_hyp, n_ref, matched = stats[i : i + 3]
        if n_hyp > 0 and n_ref > 0:
            prec += matched / n_hyp
            rec += matched / n_ref
            orders += 1
    if not orders:
        return 0.0
    prec, rec = prec / orders, rec / orders
    if prec + rec == 0:
        return 0.0
    factor = BETA * BETA
    return 100.0 * (1 + factor) * prec * rec / (factor * prec + rec)


def corpus_chrf(hypotheses: Sequence[str], references: Sequence[str]) -> float:
    """chrF++ of a whole test set, 0-100."""
    total = [0] * (3 * (CHAR_ORDER + WORD_ORDER))
    for hyp, ref in zip(hypotheses, references, strict=True):
        for i, v in enumerate(chrf_statistics(hyp, ref)):
            total[i] += v
    return chrf_from_statistics(total)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two strings."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def corpus_cer(hypotheses: Sequence[str], references: Sequence[str]) -> float:
    """Character error rate: edits over reference characters, summed over sentences (0-1)."""
    edits = sum(edit_distance(h, r) for h, r in zip(hypotheses, references, strict=True))
    return edits / max(1, sum(len(r) for r in references))
