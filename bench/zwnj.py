"""ZWNJ (U+200C) restoration: rasad against hazm, shekar and parsivar.

Reference: the `# text =` sentences of UD Persian PerDT dev and test (2,911
hand-checked sentences written with consistent ZWNJ), read from
../shared/data/ud-perdt/. Each system gets three inputs:

  stripped  every ZWNJ deleted            (task: put them back)
  spaced    every ZWNJ turned into space  (task: turn the right spaces back)
  gold      the correct text unchanged    (task: leave it alone; measures harm)

Scoring. Competitors also rewrite characters (ي to ی, digits, punctuation,
spacing), so output and gold are both folded to a canonical sequence of letters
and digits (Arabic forms to Persian, digits to Latin, diacritics, kashida,
punctuation, whitespace and ZWNJ dropped). A ZWNJ position is "a ZWNJ stands
after the first k canonical characters". Where the two canonical sequences
differ, difflib.SequenceMatcher aligns them and a predicted position counts
only if both of its neighbours fall in one matching block; the rest are false
positives, and gold positions not matched are misses.

Columns:
  P, R, F1   precision, recall, F1 of ZWNJ positions
  add-wrong  share of gold words without a ZWNJ to which the system added one
             (inside the word or joining it to a neighbour)
  words-off  share of gold words whose ZWNJ placement differs from gold (on the
             gold input: the share of correct words the system damaged)
  +zwnj      ZWNJ positions added that gold lacks; -zwnj  gold ones lost
  ms/sent    mean time per sentence (competitors timed inside their process)

Words are the whitespace tokens of the gold sentence that hold at least one
letter or digit.

Competitors run in their own venvs (bench/setup_others.sh builds them) through
bench/_others_zwnj.py. rasad is `rasad.text.zwnj.restore_zwnj`; `--restorer`
swaps in any `module:function` (str -> str), e.g. `--restorer builtins:str`
scores the identity as a stand-in while rasad's restorer is missing.

Writes bench/results/zwnj.json.

Examples:
  .venv/bin/python bench/zwnj.py
  .venv/bin/python bench/zwnj.py --only rasad --errors 30 --limit 500
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
import traceback
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path

from _others_zwnj import SYSTEMS as OTHER_SYSTEMS
from _others_zwnj import WorkerError, run_worker

ZWNJ = "\u200c"
ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "ud-perdt"
FILES = ("fa_perdt-ud-dev.conllu", "fa_perdt-ud-test.conllu")
RESULTS = ROOT / "bench" / "results" / "zwnj.json"
INPUTS = ("stripped", "spaced", "gold")
ALL_SYSTEMS = ("rasad", *OTHER_SYSTEMS)
PUBLISHED_F1_STRIPPED = {"hazm": 0.31, "shekar": 0.48, "parsivar": 0.12}

_FOLD = {
    **dict.fromkeys("يىیئ", "ی"),
    **dict.fromkeys("كک", "ک"),
    **dict.fromkeys("ةۀهە", "ه"),
    **dict.fromkeys("أإٱآا", "ا"),
    "ؤ": "و",
}


def fold_char(ch: str) -> str:
    """The canonical form of one character: '' for anything but a letter or digit."""
    if ch in _FOLD:
        return _FOLD[ch]
    cat = unicodedata.category(ch)
    if cat == "Nd":
        return str(unicodedata.digit(ch))
    if cat[0] != "L" or ch == "\u0640":  # kashida is Lm
        return ""
    # Presentation forms (U+FB50-FEFF) become plain letters under NFKC.
    folded = unicodedata.normalize("NFKC", ch)
    return "".join(_FOLD.get(c, c) for c in folded if unicodedata.category(c)[0] == "L")


@dataclass
class Canon:
    """A text seen through its canonical letters: the letters, where each sits, and ZWNJs."""

    chars: str
    at: list[int]  # index in the original text of each canonical char
    zwnj: set[int]  # k: a ZWNJ stands after the first k canonical chars


def canon(text: str) -> Canon:
    chars: list[str] = []
    at: list[int] = []
    zwnj: set[int] = set()
    for i, ch in enumerate(text):
        if ch == ZWNJ:
            zwnj.add(len(chars))
            continue
        for c in fold_char(ch):
            chars.append(c)
            at.append(i)
    return Canon("".join(chars), at, zwnj)


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) in canonical indexes for each whitespace token with a letter."""
    spans = []
    k = 0
    for token in text.split():
        n = len(canon(token).chars)
        if n:
            spans.append((k, k + n, token))
        k += n
    return spans


@dataclass
class Alignment:
    """Output positions mapped into gold coordinates."""

    hits: set[int]  # predicted positions that land on the same gold position
    wrong: list[int]  # predicted positions not in gold, as (approximate) gold positions
    missed: list[int]  # gold positions the output lacks
    o2g: list[int] | None  # output canonical index -> gold index (-1: unaligned); None: identity
    same: bool


def align(gold: Canon, out: Canon) -> Alignment:
    if gold.chars == out.chars:
        hits = gold.zwnj & out.zwnj
        return Alignment(hits, sorted(out.zwnj - hits), sorted(gold.zwnj - hits), None, True)
    o2g = [-1] * len(out.chars)
    sm = SequenceMatcher(None, gold.chars, out.chars, autojunk=False)
    for a, b, size in sm.get_matching_blocks():
        for d in range(size):
            o2g[b + d] = a + d
    n_out, n_gold = len(out.chars), len(gold.chars)
    hits = set()
    wrong: list[int] = []
    for p in sorted(out.zwnj):
        left = o2g[p - 1] if p > 0 else -1
        right = o2g[p] if p < n_out else -1
        exact = (
            (p == 0 and right == 0)
            or (p == n_out and left == n_gold - 1)
            or (left >= 0 and right == left + 1)
        )
        if exact:
            q = right if p == 0 else left + 1
            if q in gold.zwnj:
                hits.add(q)
                continue
            wrong.append(q)
        else:
            wrong.append(_nearest(o2g, p))
    return Alignment(hits, wrong, sorted(gold.zwnj - hits), o2g, False)


def _nearest(o2g: list[int], p: int) -> int:
    """A gold position near output position p, for telling which word a stray ZWNJ hit."""
    for d in range(len(o2g) + 1):
        if 0 <= p - 1 - d < len(o2g) and o2g[p - 1 - d] >= 0:
            return o2g[p - 1 - d] + 1 + d
        if 0 <= p + d < len(o2g) and o2g[p + d] >= 0:
            return max(o2g[p + d] - d, 0)
    return 0


@dataclass
class Score:
    sentences: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    words: int = 0
    words_off: int = 0
    words_no_zwnj: int = 0
    words_wrong_add: int = 0
    canon_mismatch: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return {
            **asdict(self),
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "zwnj_added": self.fp,
            "zwnj_removed": self.fn,
            "add_wrong_share": round(self.words_wrong_add / max(self.words_no_zwnj, 1), 4),
            "words_off_share": round(self.words_off / max(self.words, 1), 4),
            "ms_per_sentence": round(1000 * self.seconds / max(self.sentences, 1), 4),
        }


def score_sentence(
    gold_text: str, out_text: str, gold: Canon, spans: list[tuple[int, int, str]], score: Score
) -> list[tuple[str, str]]:
    """Add one sentence to `score`; return its wrong words as (gold token, output text)."""
    out = canon(out_text)
    al = align(gold, out)
    score.sentences += 1
    score.tp += len(al.hits)
    score.fp += len(al.wrong)
    score.fn += len(al.missed)
    score.canon_mismatch += not al.same
    bad: list[tuple[str, str]] = []
    for s, e, token in spans:
        score.words += 1
        has_gold = any(s < q < e for q in gold.zwnj)
        added = any(s <= q <= e for q in al.wrong)
        if not has_gold:
            score.words_no_zwnj += 1
            score.words_wrong_add += added
        if added or any(s <= q <= e for q in al.missed):
            score.words_off += 1
            bad.append((token, _rendering(out_text, out, al, s, e)))
    return bad


def _rendering(out_text: str, out: Canon, al: Alignment, s: int, e: int) -> str:
    """The output's text for gold canonical range [s, e), widened to whole tokens."""
    o2g = al.o2g
    idx = list(range(s, e)) if o2g is None else [j for j, g in enumerate(o2g) if s <= g < e]
    if not idx:
        return "∅"
    lo, hi = out.at[idx[0]], out.at[idx[-1]] + 1
    while lo > 0 and not out_text[lo - 1].isspace():
        lo -= 1
    while hi < len(out_text) and not out_text[hi].isspace():
        hi += 1
    return out_text[lo:hi]


def load_gold(limit: int | None) -> list[str]:
    sents: list[str] = []
    for name in FILES:
        for line in (DATA / name).read_text("utf-8").splitlines():
            if line.startswith("# text = "):
                sents.append(line[len("# text = ") :].strip())
    return sents[:limit] if limit else sents


def corrupt(gold: list[str], mode: str) -> list[str]:
    if mode == "stripped":
        return [s.replace(ZWNJ, "") for s in gold]
    if mode == "spaced":
        return [s.replace(ZWNJ, " ") for s in gold]
    return list(gold)


def load_restorer(spec: str) -> Callable[[str], str]:
    module, _, name = spec.partition(":")
    fn = getattr(importlib.import_module(module), name or "restore_zwnj")
    if not callable(fn):
        raise TypeError(f"{spec} is not callable")
    return fn  # type: ignore[no-any-return]


def run_system(
    system: str, inputs: dict[str, list[str]], restorer: str
) -> tuple[dict[str, list[str]], dict[str, list[float]], dict[str, object]]:
    """Outputs and per-sentence seconds for each input, plus facts about the system."""
    outputs: dict[str, list[str]] = {}
    seconds: dict[str, list[float]] = {}
    if system == "rasad":
        t0 = time.perf_counter()
        restore = load_restorer(restorer)
        restore("می خواهم")  # loads lexicons lazily held behind the first call
        info: dict[str, object] = {
            "restorer": restorer,
            "load_s": round(time.perf_counter() - t0, 4),
        }
        clock = time.perf_counter
        for mode, texts in inputs.items():
            outs, secs = [], []
            for text in texts:
                t = clock()
                outs.append(restore(text))
                secs.append(clock() - t)
            outputs[mode], seconds[mode] = outs, secs
        return outputs, seconds, info
    # One worker call for all inputs, so the model loads once.
    flat = [t for texts in inputs.values() for t in texts]
    res = run_worker(system, flat)
    info = {"version": res.version, "python": res.python, "load_s": round(res.load_s, 4)}
    i = 0
    for mode, texts in inputs.items():
        outputs[mode] = res.outputs[i : i + len(texts)]
        seconds[mode] = res.seconds[i : i + len(texts)]
        i += len(texts)
    return outputs, seconds, info


def evaluate(
    gold: list[str], outputs: dict[str, list[str]], seconds: dict[str, list[float]]
) -> tuple[dict[str, Score], dict[str, Counter[tuple[str, str]]]]:
    canons = [canon(g) for g in gold]
    spans = [word_spans(g) for g in gold]
    scores: dict[str, Score] = {}
    errors: dict[str, Counter[tuple[str, str]]] = {}
    for mode, outs in outputs.items():
        score, errs = Score(), Counter[tuple[str, str]]()
        for g, o, c, sp in zip(gold, outs, canons, spans, strict=True):
            errs.update(score_sentence(g, o, c, sp, score))
        score.seconds = sum(seconds[mode])
        scores[mode], errors[mode] = score, errs
    return scores, errors


def print_table(results: dict[str, dict[str, object]]) -> None:
    head = f"{'system':<9} {'input':<9} {'P':>6} {'R':>6} {'F1':>6} {'add-wrong':>9} {'words-off':>9} {'+zwnj':>6} {'-zwnj':>6} {'ms/sent':>8}"
    print(head)
    print("-" * len(head))
    for system, res in results.items():
        if not res["available"]:
            print(f"{system:<9} unavailable: {res['error']}")
            continue
        inputs = res["inputs"]
        assert isinstance(inputs, dict)
        for mode, m in inputs.items():
            print(
                f"{system:<9} {mode:<9} {m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f}"
                f" {100 * m['add_wrong_share']:>8.2f}% {100 * m['words_off_share']:>8.2f}%"
                f" {m['zwnj_added']:>6} {m['zwnj_removed']:>6} {m['ms_per_sentence']:>8.3f}"
            )


def print_errors(system: str, errors: dict[str, Counter[tuple[str, str]]], n: int) -> None:
    for mode, errs in errors.items():
        total = sum(errs.values())
        print(
            f"\n{system}, {mode} input: {total} wrong words; the {n} most frequent (gold => output)"
        )
        for (g, o), c in errs.most_common(n):
            print(f"  {c:>4}  {_show(g)}  =>  {_show(o)}")


def _show(s: str) -> str:
    """Make ZWNJ visible in a terminal."""
    return s.replace(ZWNJ, "‹z›")


def parse_args(argv: Iterable[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="bench/zwnj.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--limit", type=int, default=None, help="use only the first N sentences")
    ap.add_argument(
        "--only",
        default=",".join(ALL_SYSTEMS),
        help=f"comma-separated systems to run (default: {','.join(ALL_SYSTEMS)})",
    )
    ap.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print the N most frequent wrong words"
    )
    ap.add_argument(
        "--errors-for", default="rasad", metavar="SYSTEM", help="whose errors --errors prints"
    )
    ap.add_argument(
        "--restorer",
        default="rasad.text.zwnj:restore_zwnj",
        metavar="MODULE:FUNC",
        help="the function scored as 'rasad' (default: rasad.text.zwnj:restore_zwnj)",
    )
    ap.add_argument("--out", type=Path, default=RESULTS, help=f"JSON output (default: {RESULTS})")
    return ap.parse_args(list(argv) if argv is not None else None)


def main(argv: Iterable[str] | None = None) -> int:
    args = parse_args(argv)
    systems = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(systems) - set(ALL_SYSTEMS)
    if unknown:
        raise SystemExit(f"unknown systems: {', '.join(sorted(unknown))}")
    gold = load_gold(args.limit)
    inputs = {mode: corrupt(gold, mode) for mode in INPUTS}
    n_zwnj = sum(len(canon(g).zwnj) for g in gold)
    print(f"{len(gold)} sentences, {n_zwnj} gold ZWNJ, from {DATA}\n")
    results: dict[str, dict[str, object]] = {}
    for system in systems:
        try:
            outputs, seconds, info = run_system(system, inputs, args.restorer)
        except (ImportError, AttributeError, TypeError, WorkerError) as exc:
            results[system] = {"available": False, "error": f"{type(exc).__name__}: {exc}"}
            continue
        except Exception as exc:  # a crash inside a system still leaves the others' figures
            traceback.print_exc()
            results[system] = {"available": False, "error": f"crashed: {type(exc).__name__}: {exc}"}
            continue
        scores, errors = evaluate(gold, outputs, seconds)
        results[system] = {
            "available": True,
            **info,
            "inputs": {mode: s.as_dict() for mode, s in scores.items()},
        }
        if args.errors and system == args.errors_for:
            print_errors(system, errors, args.errors)
            print()
    print_table(results)
    print(
        "\npublished F1 on stripped news text (data README): "
        + ", ".join(f"{k} {v}" for k, v in PUBLISHED_F1_STRIPPED.items())
    )
    report = {
        "benchmark": "zwnj",
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join(["bench/zwnj.py", *sys.argv[1:]]),
        "python": platform.python_version(),
        "data": [f"../shared/data/ud-perdt/{f}" for f in FILES],
        "sentences": len(gold),
        "gold_zwnj": n_zwnj,
        "limit": args.limit,
        "published_f1_stripped": PUBLISHED_F1_STRIPPED,
        "systems": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
    tmp.replace(args.out)
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
