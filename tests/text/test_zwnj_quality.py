"""Quality gate: ZWNJ restoration on held-out UD PerDT must not fall below pinned floors.

PerDT is never used to build the lexicon or train the compound model; the
full comparison with hazm, shekar and parsivar is bench/zwnj.py.
"""

from pathlib import Path

import pytest

from rasad.text.zwnj import restore_zwnj

PERDT = Path(__file__).resolve().parents[3] / "shared" / "data" / "ud-perdt"
Z = "\u200c"
FLOOR_F1_STRIPPED = 0.94
FLOOR_F1_SPACED = 0.86
CEILING_HARM = 0.002  # share of correct words changed


def sentences() -> list[str]:
    out = []
    for name in ("fa_perdt-ud-dev.conllu", "fa_perdt-ud-test.conllu"):
        for line in (PERDT / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                out.append(line[len("# text = ") :])
    return out


def positions(text: str) -> set[int]:
    """Indexes (ignoring spaces and ZWNJs) after which a ZWNJ stands."""
    out, i = set(), 0
    for ch in text:
        if ch == Z:
            out.add(i)
        elif not ch.isspace():
            i += 1
    return out


def f1(pairs: list[tuple[str, str]]) -> float:
    tp = fp = fn = 0
    for gold, out in pairs:
        g, o = positions(gold), positions(out)
        tp, fp, fn = tp + len(g & o), fp + len(o - g), fn + len(g - o)
    p, r = tp / (tp + fp), tp / (tp + fn)
    return 2 * p * r / (p + r)


@pytest.mark.skipif(not PERDT.exists(), reason="shared UD PerDT not present")
def test_zwnj_quality_floors() -> None:
    gold = sentences()
    stripped = f1([(s, restore_zwnj(s.replace(Z, ""))) for s in gold])
    spaced = f1([(s, restore_zwnj(s.replace(Z, " "))) for s in gold])
    changed = sum(
        a != b for s in gold for a, b in zip(s.split(), restore_zwnj(s).split(), strict=False)
    )
    words = sum(len(s.split()) for s in gold)
    assert stripped >= FLOOR_F1_STRIPPED
    assert spaced >= FLOOR_F1_SPACED
    assert changed / words <= CEILING_HARM
