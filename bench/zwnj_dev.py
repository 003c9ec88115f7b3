"""Tuning set for the ZWNJ restorer: Hamshahri items held out of the lexicon.

scripts/build_lexicon.py counts words only from Hamshahri items whose index
is not a multiple of 5; this script measures restoration on the others. It
is the set rules were tuned on, so its figures are not the held-out ones:
bench/zwnj.py on UD PerDT is.

Usage: python bench/zwnj_dev.py [--errors N]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from rasad.text.chars import normalize_chars
from rasad.text.zwnj import restore_zwnj

ZWNJ = "\u200c"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def positions(text: str) -> set[int]:
    """Indexes (in the text without ZWNJ and spaces) after which a ZWNJ stands."""
    out: set[int] = set()
    i = 0
    for ch in text:
        if ch == ZWNJ:
            out.add(i)
        elif not ch.isspace():
            i += 1
    return out


def breaks(text: str) -> set[int]:
    """Indexes (as in `positions`) after which a space stands."""
    out: set[int] = set()
    i = 0
    for ch in text:
        if ch.isspace():
            out.add(i)
        elif ch != ZWNJ:
            i += 1
    return out


def sentences() -> list[str]:
    items = json.loads((SHARED / "data/hamshahri-rss/hamshahri.json").read_text("utf-8"))
    out = []
    for i, item in enumerate(items):
        if i % 5 == 0:
            for field in ("title", "summary"):
                text = normalize_chars(item.get(field) or "")
                text = re.sub(f" ?{ZWNJ} ?", ZWNJ, text)
                if text.strip():
                    out.append(text)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args()
    gold = sentences()
    tp = fp = fn = 0
    spaced = [0, 0, 0]
    harm_words = total_words = 0
    errors: Counter[tuple[str, str]] = Counter()
    for sent in gold:
        for mode, corrupt in (
            ("stripped", sent.replace(ZWNJ, "")),
            ("spaced", sent.replace(ZWNJ, " ")),
        ):
            out = restore_zwnj(corrupt)
            if mode == "spaced":
                g, o = positions(sent), positions(out)
                spaced[0] += len(g & o)
                spaced[1] += len(o - g)
                spaced[2] += len(g - o)
                continue
            g, o = positions(sent), positions(out)
            tp += len(g & o)
            fp += len(o - g)
            fn += len(g - o)
            for gw, ow in zip(sent.split(), out.split(), strict=False):
                if gw != ow:
                    errors[(gw, ow)] += 1
        same = restore_zwnj(sent)
        changed = positions(sent) ^ positions(same) | breaks(sent) ^ breaks(same)
        i = 0
        for gw in sent.split():
            n = len(gw.replace(ZWNJ, ""))
            total_words += 1
            if any(i <= c < i + n for c in changed):
                harm_words += 1
                errors[(gw, "HARM")] += 1
            i += n
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    f = 2 * p * r / max(p + r, 1e-9)
    print(f"sentences {len(gold)}  P {p:.4f}  R {r:.4f}  F1 {f:.4f}")
    sp = spaced[0] / max(spaced[0] + spaced[1], 1)
    sr = spaced[0] / max(spaced[0] + spaced[2], 1)
    print(f"spaced input: P {sp:.4f}  R {sr:.4f}  F1 {2 * sp * sr / max(sp + sr, 1e-9):.4f}")
    print(f"harm on correct text: {harm_words}/{total_words} = {harm_words / total_words:.4%}")
    for (gw, ow), n in errors.most_common(args.errors):
        print(n, gw.replace(ZWNJ, "|"), "->", ow.replace(ZWNJ, "|"))


if __name__ == "__main__":
    main()
