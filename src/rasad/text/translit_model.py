"""A joint-sequence (graphone) model of Tajik and Persian spellings of one word.

A word pair is cut into small aligned pieces, each a few Tajik letters with
the Persian letters that spell them (`ҳ|ه`, `а|`, `о|ا`, `|ع`). An n-gram
model over these pieces gives the probability of a pair, so one model serves
both directions: decoding keeps the pieces whose Tajik side (or Persian side)
spells the input and ranks the other side's spellings. The cuts are learned
by expectation maximization over all possible cuts (as in m2m-aligner and
Phonetisaurus), the n-grams are smoothed with interpolated Kneser-Ney, and
the whole model is a table of n-grams with log probabilities and back-off
weights.
"""

from __future__ import annotations

import gzip
import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

Unit = tuple[str, str]  # (Tajik letters, Persian letters)
TAJIK, PERSIAN = 0, 1
BOUNDARY = 0  # unit id of the word edge (start as history, end as last event)
PRUNE = 3.0  # log10 distance from the best piece beyond which decoding drops a piece
NO_GRAM = -math.inf  # log probability of an entry that is only a history (it has a back-off)
# Piece shapes (Tajik letters, Persian letters) the aligner may use.
SHAPES = ((1, 0), (0, 1), (1, 1), (1, 2), (2, 1), (2, 2))


Step = tuple[int, int, Unit]  # (from, to, unit) over flattened lattice positions


def _steps(a: str, b: str) -> list[Step]:
    """Every step of every cut of the pair (a, b), in an order that respects the lattice.

    Position (i, j), i letters of `a` and j of `b` read, is i * (len(b) + 1) + j.
    """
    width = len(b) + 1
    out: list[Step] = []
    for i in range(len(a) + 1):
        for j in range(width):
            for di, dj in SHAPES:
                if i + di <= len(a) and j + dj <= len(b):
                    unit = (a[i : i + di], b[j : j + dj])
                    out.append((i * width + j, (i + di) * width + j + dj, unit))
    return out


def align(pairs: Sequence[tuple[str, str]], iterations: int = 8) -> list[list[Unit]]:
    """The most probable cut of each pair, after EM over every possible cut."""
    lattices = [_steps(a, b) for a, b in pairs]
    sizes = [(len(a) + 1) * (len(b) + 1) for a, b in pairs]
    prob: dict[Unit, float] = {}
    floor = 1e-3  # every piece alike before the first iteration
    for _ in range(iterations):
        counts: dict[Unit, float] = defaultdict(float)
        for steps, size in zip(lattices, sizes, strict=True):
            _expect(steps, size, prob, floor, counts)
        total = sum(counts.values())
        prob = {u: c / total for u, c in counts.items() if c > 1e-4}
        floor = 1e-9
    return [_viterbi(steps, size, prob, floor) for steps, size in zip(lattices, sizes, strict=True)]


def _expect(
    steps: list[Step],
    size: int,
    prob: dict[Unit, float],
    floor: float,
    counts: dict[Unit, float],
) -> None:
    fwd = [0.0] * size
    fwd[0] = 1.0
    get = prob.get
    for src, dst, unit in steps:
        if fwd[src]:
            fwd[dst] += fwd[src] * get(unit, floor)
    total = fwd[-1]
    if total <= 0.0:
        return
    bwd = [0.0] * size
    bwd[-1] = 1.0
    for src, dst, unit in reversed(steps):
        p = get(unit, floor) * bwd[dst]
        if p:
            bwd[src] += p
            counts[unit] += fwd[src] * p / total


def _viterbi(steps: list[Step], size: int, prob: dict[Unit, float], floor: float) -> list[Unit]:
    best = [-math.inf] * size
    back: list[Step | None] = [None] * size
    best[0] = 0.0
    for step in steps:
        src, dst, unit = step
        if best[src] == -math.inf:
            continue
        score = best[src] + math.log(prob.get(unit, floor))
        if score > best[dst]:
            best[dst] = score
            back[dst] = step
    units: list[Unit] = []
    at = size - 1
    while at:
        came = back[at]
        assert came is not None
        units.append(came[2])
        at = came[0]
    units.reverse()
    return units


@dataclass(slots=True)
class JointModel:
    """N-grams over units: `table[ids] = (log10 probability, log10 back-off weight)`.

    A history that never occurs as an n-gram itself (the padded word start)
    has the probability NO_GRAM and only its back-off weight counts.
    """

    units: list[Unit]
    order: int
    table: dict[tuple[int, ...], tuple[float, float]]
    _index: dict[int, dict[str, list[int]]] = field(default_factory=dict, repr=False)
    _cache: dict[tuple[int, ...], float] = field(default_factory=dict, repr=False)
    _next: dict[tuple[int, ...], dict[int, float]] = field(default_factory=dict, repr=False)
    _bow: dict[tuple[int, ...], float] = field(default_factory=dict, repr=False)
    _scored: dict[tuple[tuple[int, ...], int, str], list[tuple[int, float]]] = field(
        default_factory=dict, repr=False
    )

    def logp(self, history: tuple[int, ...], unit: int) -> float:
        """log10 P(unit | history), backing off to shorter histories."""
        key = history + (unit,)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        acc = 0.0
        table = self.table
        for k in range(len(history), -1, -1):
            hist = history[len(history) - k :]
            hit = table.get(hist + (unit,))
            if hit is not None and hit[0] != NO_GRAM:
                acc += hit[0]
                break
            bow = table.get(hist)
            if bow is not None:
                acc += bow[1]
        else:
            acc += -7.0  # a unit the model never saw
        if len(self._cache) > 2_000_000:
            self._cache.clear()
        self._cache[key] = acc
        return acc

    def scores(self, history: tuple[int, ...], side: int, key: str) -> list[tuple[int, float]]:
        """(unit, log10 P(unit | history)) for every unit whose `side` spells `key`.

        The same as `logp` for each unit, but one walk down the histories
        serves them all, and the answer is kept: decoding asks the same
        questions at every word start.
        """
        memo = (history, side, key)
        found = self._scored.get(memo)
        if found is not None:
            return found
        if not self._next:
            self._split_table()
        pending = self._by_input(side).get(key, [])
        out: list[tuple[int, float]] = []
        acc = 0.0
        for k in range(len(history), -1, -1):
            if not pending:
                break
            hist = history[len(history) - k :]
            nexts = self._next.get(hist)
            if nexts is not None:
                rest = []
                for uid in pending:
                    lp = nexts.get(uid)
                    if lp is None:
                        rest.append(uid)
                    else:
                        out.append((uid, acc + lp))
                pending = rest
            acc += self._bow.get(hist, 0.0)
        out += [(uid, acc - 7.0) for uid in pending]  # units the model never saw
        if out:
            # Pieces a thousand times less likely than the best never win a beam slot.
            top = max(lp for _, lp in out)
            out = [(uid, lp) for uid, lp in out if lp > top - PRUNE]
        if len(self._scored) > 1_000_000:
            self._scored.clear()
        self._scored[memo] = out
        return out

    def _split_table(self) -> None:
        for ids, (lp, bow) in self.table.items():
            if lp != NO_GRAM:
                self._next.setdefault(ids[:-1], {})[ids[-1]] = lp
            if bow:
                self._bow[ids] = bow

    def _by_input(self, side: int) -> dict[str, list[int]]:
        index = self._index.get(side)
        if index is None:
            index = defaultdict(list)
            for uid, unit in enumerate(self.units):
                if uid != BOUNDARY:
                    index[unit[side]].append(uid)
            index = dict(index)
            self._index[side] = index
        return index

    def nbest(self, word: str, side: int, n: int = 8, beam: int = 24) -> list[tuple[str, float]]:
        """The `n` likeliest spellings of `word` (written on `side`), with log10 scores.

        A beam search over input positions; each position first takes pieces
        that add output letters without reading input (at most one in a row).
        Hypotheses that end in the same spelling add up their probabilities.
        """
        units = self.units
        other = 1 - side
        ctx = self.order - 1
        start = (BOUNDARY,) * ctx
        stacks: list[dict[tuple[tuple[int, ...], str], float]] = [{} for _ in range(len(word) + 1)]
        stacks[0][(start, "")] = 0.0
        finals: dict[str, float] = {}
        for pos in range(len(word) + 1):
            stack = stacks[pos]
            if not stack:
                continue
            hyps = heapq.nlargest(beam, stack.items(), key=lambda kv: kv[1])
            grown: list[tuple[tuple[tuple[int, ...], str], float]] = []
            for (hist, out), score in hyps:
                if hist and hist[-1] != BOUNDARY and not self.units[hist[-1]][side]:
                    continue  # no two insertions in a row
                for uid, lp in self.scores(hist, side, ""):
                    grown.append((((hist + (uid,))[-ctx:], out + units[uid][other]), score + lp))
            hyps += heapq.nlargest(beam, grown, key=lambda kv: kv[1])
            for (hist, out), score in hyps:
                if pos == len(word):
                    s = score + self.logp(hist, BOUNDARY)
                    old = finals.get(out)
                    finals[out] = s if old is None else _log10_add(old, s)
                    continue
                for width in (1, 2):
                    if pos + width > len(word):
                        break
                    target = stacks[pos + width]
                    for uid, lp in self.scores(hist, side, word[pos : pos + width]):
                        s = score + lp
                        key = ((hist + (uid,))[-ctx:], out + units[uid][other])
                        old = target.get(key)
                        if old is None or s > old:
                            target[key] = s
        return heapq.nlargest(n, finals.items(), key=lambda kv: kv[1])

    def save(self, path: Path) -> None:
        """Write the model as gzip text; the same model gives the same bytes."""
        lines = [f"# order\t{self.order}\n"]
        lines += [f"unit\t{tg}\t{fa}\n" for tg, fa in self.units]
        for ids, (lp, bow) in sorted(self.table.items(), key=lambda kv: (len(kv[0]), kv[0])):
            lines.append(f"{' '.join(map(str, ids))}\t{lp:.4f}\t{bow:.4f}\n")
        with gzip.GzipFile(path, "wb", mtime=0) as raw:
            raw.write("".join(lines).encode("utf-8"))

    @classmethod
    def load(cls, lines: Iterable[str]) -> JointModel:
        """The model from the lines `save` wrote."""
        order = 0
        units: list[Unit] = []
        table: dict[tuple[int, ...], tuple[float, float]] = {}
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if parts[0] == "# order":
                order = int(parts[1])
            elif parts[0] == "unit":
                units.append((parts[1], parts[2]))
            elif parts[0]:
                ids = tuple(int(x) for x in parts[0].split(" "))
                table[ids] = (float(parts[1]), float(parts[2]))
        return cls(units=units, order=order, table=table)


def gzip_lines(raw: BinaryIO) -> list[str]:
    """The text lines of a gzip stream (a resource file opened in binary)."""
    with gzip.open(raw, "rt", encoding="utf-8") as f:
        return f.read().splitlines()


def _log10_add(a: float, b: float) -> float:
    hi, lo = (a, b) if a > b else (b, a)
    return hi + math.log10(1.0 + 10.0 ** (lo - hi))


def train(cuts: Sequence[Sequence[Unit]], order: int = 5, discount: float = 0.75) -> JointModel:
    """An interpolated Kneser-Ney n-gram model over cut word pairs, in back-off form."""
    units: list[Unit] = [("", "")]  # BOUNDARY
    ids: dict[Unit, int] = {units[0]: BOUNDARY}
    seqs: list[list[int]] = []
    for cut in cuts:
        seq = [BOUNDARY] * (order - 1)
        for unit in cut:
            if unit not in ids:
                ids[unit] = len(units)
                units.append(unit)
            seq.append(ids[unit])
        seq.append(BOUNDARY)
        seqs.append(seq)
    # counts[k][(hist, w)]: raw counts for the top order, continuation counts below.
    counts: list[dict[tuple[int, ...], float]] = [defaultdict(float) for _ in range(order + 1)]
    for seq in seqs:
        for end in range(order - 1, len(seq)):
            counts[order][tuple(seq[end - order + 1 : end + 1])] += 1
    for k in range(order - 1, 0, -1):
        for gram in counts[k + 1]:
            counts[k][gram[1:]] += 1  # distinct left extensions
    probs: list[dict[tuple[int, ...], float]] = [{} for _ in range(order + 1)]
    vocab = len(units)
    for k in range(1, order + 1):
        totals: dict[tuple[int, ...], float] = defaultdict(float)
        types: dict[tuple[int, ...], int] = defaultdict(int)
        for gram, c in counts[k].items():
            totals[gram[:-1]] += c
            types[gram[:-1]] += 1
        for gram, c in counts[k].items():
            hist = gram[:-1]
            lam = discount * types[hist] / totals[hist]
            lower = probs[k - 1].get(gram[1:]) if k > 1 else 1.0 / vocab
            if lower is None:
                lower = _interpolated(probs, gram[1:], vocab)
            probs[k][gram] = max(c - discount, 0.0) / totals[hist] + lam * lower
    table: dict[tuple[int, ...], tuple[float, float]] = {}
    for k in range(1, order + 1):
        for gram, p in probs[k].items():
            table[gram] = (math.log10(p), 0.0)
    # Back-off weights make unseen continuations sum with seen ones to one.
    followers: dict[tuple[int, ...], list[tuple[int, ...]]] = defaultdict(list)
    for gram in table:
        if len(gram) > 1:
            followers[gram[:-1]].append(gram)
    for hist, grams in followers.items():
        seen = sum(10.0 ** table[g][0] for g in grams)
        lower = sum(_interpolated(probs, g[1:], vocab) for g in grams)
        weight = max(1.0 - seen, 1e-9) / max(1.0 - lower, 1e-9)
        lp, _ = table.get(hist, (NO_GRAM, 0.0))
        table[hist] = (lp, math.log10(weight))
    return JointModel(units=units, order=order, table=table)


def _interpolated(
    probs: list[dict[tuple[int, ...], float]], gram: tuple[int, ...], vocab: int
) -> float:
    """P(gram) from the longest stored suffix, for back-off weight sums."""
    for start in range(len(gram)):
        p = probs[len(gram) - start].get(gram[start:])
        if p is not None:
            return p
    return 1.0 / vocab
