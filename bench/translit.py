"""Tajik (Cyrillic) <-> Persian transliteration: chrF++ and character error rate.

Data: the test part of ParsText (../shared/data/parstext/json), split by a
hash of each sentence pair (rasad.text.translit_data.split_of); the shipped
model was trained on the train part and tuned on the dev part only, so the
test sentences are held out. References are cleaned as the training pairs
are: Persian with Persian ی/ک and no diacritics, Tajik in lower case (the
corpus has no capitals, so Tajik output is written in lower case too).

Systems: `rules` (the letter rules alone, the baseline) and `rasad` (word
tables, joint-sequence model, Persian lexicon, ezafe model).

Scores, corpus level: chrF++ (character 6-grams and word 1-2-grams, beta 2,
as sacrebleu's CHRF(word_order=2)), CER (character edits over reference
characters), and words: share of sentences' words right where hypothesis and
reference have the same number of words. Speed: source words per second of
CPU time in one process (the machine is shared, so wall time varies), from a
cold start (word caches empty), and the time to load the model and lexicon.

Published figures on ParsText (their own split, so not the same sentences):
ParsTranslit chrF++ 92.3 Tajik to Persian, 87.9 back; a transformer G2P
baseline 74.2 and 58.7.

Writes bench/results/translit.json.

Examples:
  .venv/bin/python bench/translit.py
  .venv/bin/python bench/translit.py --split dev --errors 20
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rasad.text.lexicon import load_lexicon
from rasad.text.translit import Transliterator, fa_to_tg, tg_to_fa
from rasad.text.translit_data import Pair, clean_farsi, load_pairs
from rasad.text.translit_score import corpus_cer, corpus_chrf, edit_distance

RESULTS = Path(__file__).resolve().parent / "results" / "translit.json"
PUBLISHED = {
    "tg-fa": {"ParsTranslit (2025)": 92.3, "transformer G2P baseline": 74.2},
    "fa-tg": {"ParsTranslit (2025)": 87.9, "transformer G2P baseline": 58.7},
}
GOAL = "chrF++ >= 85 Tajik to Persian"


def systems(model_dir: Path | None) -> dict[str, dict[str, Callable[[str], str]]]:
    """Per system, a converter per direction; the model loads when first called."""
    loaded: dict[str, Transliterator] = {}

    def model() -> Transliterator:
        if "m" not in loaded:
            loaded["m"] = Transliterator.load(model_dir)
        return loaded["m"]

    return {
        "rules": {
            "tg-fa": lambda s: tg_to_fa(s, rules_only=True),
            "fa-tg": lambda s: fa_to_tg(s, rules_only=True, capitalize=False),
        },
        "rasad": {
            "tg-fa": lambda s: model().tg_to_fa(s),
            "fa-tg": lambda s: model().fa_to_tg(s, capitalize=False),
        },
    }


def word_accuracy(hyps: Sequence[str], refs: Sequence[str]) -> float:
    right = total = 0
    for h, r in zip(hyps, refs, strict=True):
        hw, rw = h.split(), r.split()
        if len(hw) == len(rw):
            right += sum(a == b for a, b in zip(hw, rw, strict=True))
            total += len(rw)
    return right / max(1, total)


def evaluate(
    convert: Callable[[str], str], pairs: Sequence[Pair], direction: str
) -> tuple[dict[str, Any], list[str]]:
    sources = [p.tajik if direction == "tg-fa" else p.farsi for p in pairs]
    refs = [p.farsi if direction == "tg-fa" else p.tajik for p in pairs]
    start = time.process_time()
    hyps = [convert(s) for s in sources]
    seconds = time.process_time() - start
    if direction == "tg-fa":
        hyps = [clean_farsi(h) for h in hyps]
    words = sum(len(s.split()) for s in sources)
    return {
        "chrf++": round(corpus_chrf(hyps, refs), 2),
        "cer": round(corpus_cer(hyps, refs), 4),
        "word_accuracy": round(word_accuracy(hyps, refs), 4),
        "sentences": len(pairs),
        "words": words,
        "seconds": round(seconds, 3),
        "words_per_second": round(words / seconds),
    }, hyps


def run(split: str, model_dir: Path | None, errors: int) -> dict[str, Any]:
    pairs = load_pairs()[split]
    start = time.process_time()
    meta = Transliterator.load(model_dir).meta
    load_lexicon()  # the Persian lexicon re-ranks Persian spellings
    load_seconds = time.process_time() - start
    results: dict[str, Any] = {}
    for name, converters in systems(model_dir).items():
        results[name] = {}
        for direction, convert in converters.items():
            convert("")  # load outside the timing
            scores, hyps = evaluate(convert, pairs, direction)
            results[name][direction] = scores
            if errors and name == "rasad":
                show_errors(pairs, hyps, direction, errors)
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} python {platform.python_version()}",
        "split": split,
        "model": str(model_dir or "shipped"),
        "model_meta": {k: meta.get(k) for k in ("version", "data", "settings", "dev_chrf")},
        "load_seconds": round(load_seconds, 2),
        "goal": GOAL,
        "published": PUBLISHED,
        "results": results,
    }


def show_errors(pairs: Sequence[Pair], hyps: Sequence[str], direction: str, n: int) -> None:
    refs = [p.farsi if direction == "tg-fa" else p.tajik for p in pairs]
    worst = sorted(range(len(refs)), key=lambda i: -edit_distance(hyps[i], refs[i]))[:n]
    print(f"-- {direction}: {n} sentences with the most edits")
    for i in worst:
        print(f"   ref {refs[i]}\n   hyp {hyps[i]}")


def table(report: dict[str, Any]) -> str:
    lines = [
        f"ParsText {report['split']} split, {report['results']['rasad']['tg-fa']['sentences']} "
        "sentence pairs",
        f"{'direction':<10} {'system':<8} {'chrF++':>7} {'CER':>7} {'words':>7} {'words/s':>8}",
    ]
    for direction in ("tg-fa", "fa-tg"):
        for name, res in report["results"].items():
            r = res[direction]
            lines.append(
                f"{direction:<10} {name:<8} {r['chrf++']:7.2f} {r['cer'] * 100:6.2f}% "
                f"{r['word_accuracy'] * 100:6.2f}% {r['words_per_second']:8,}"
            )
        published = ", ".join(f"{k} {v}" for k, v in PUBLISHED[direction].items())
        lines.append(f"{'':<10} published (other split): {published}")
    lines.append(f"model load: {report['load_seconds']} s; goal: {GOAL}")
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--split", default="test", choices=("test", "dev"))
    p.add_argument("--model", type=Path, default=None, help="a model folder (default: shipped)")
    p.add_argument("--errors", type=int, default=0, help="print the N worst sentences")
    p.add_argument("--out", type=Path, default=None)
    a = p.parse_args()
    report = run(a.split, a.model, a.errors)
    print(table(report))
    out = a.out or (RESULTS if a.split == "test" and a.model is None else None)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
