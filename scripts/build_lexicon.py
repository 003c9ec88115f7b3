"""Build rasad's Persian lexicon (src/rasad/resources/lexicon/) from public sources.

Sources, all read offline once pip has fetched them:

- hazm 0.10.0 (MIT): `hazm/data/words.dat` (word, corpus frequency, POS tags)
  and `hazm/data/verbs.dat` (past#present stems). Read straight from the
  wheel, so hazm need not be importable here (it pins an old numpy).
- shekar 1.7.0 (MIT): `shekar/data/files/vocab.csv` (web word frequencies),
  `compound_words.csv` and `verbs.csv`.
- Hamshahri Online RSS headlines and leads (../shared/data/hamshahri-rss),
  well-edited text with consistent ZWNJ: only word counts are kept, never
  text. Items whose index is a multiple of 5 are held out (they are the
  tuning set of the ZWNJ restorer, see bench/zwnj_dev.py) and not counted.
- ParsTwiNER training tweets (../shared/data/parstwiner/train.txt, MIT):
  words written with a ZWNJ that occur at least twice (the NER evaluation
  split, dev.txt, is not read).

The evaluation text of bench/zwnj.py (UD PerDT) is never read here.

Usage: python scripts/build_lexicon.py [--hazm-wheel PATH] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from importlib import resources
from pathlib import Path

ZWNJ = "\u200c"
OUT = Path(__file__).resolve().parents[1] / "src" / "rasad" / "resources" / "lexicon"
PERSIAN_WORD = re.compile(
    r"[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u200c]+"
)
# Letters that join the next letter; a ZWNJ is only meaningful after these.
JOINING = set("بپتثجچحخسشصضطظعغفقکگلمنهیئ")
ARABIC_TO_PERSIAN = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})


def clean(word: str) -> str:
    word = word.translate(ARABIC_TO_PERSIAN).strip()
    word = re.sub(f"{ZWNJ}+", ZWNJ, word).strip(ZWNJ)
    return word


def zwnj_ok(word: str) -> bool:
    """A ZWNJ form is trusted only when every ZWNJ follows a joining letter."""
    return all(i > 0 and word[i - 1] in JOINING for i, ch in enumerate(word) if ch == ZWNJ)


def fetch_hazm_wheel() -> Path:
    tmp = Path(tempfile.mkdtemp())
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "hazm==0.10.0", "-d", tmp],
        check=True,
    )
    return next(tmp.glob("hazm-0.10.0-*.whl"))


def read_hazm(wheel: Path) -> tuple[dict[str, tuple[int, str]], list[tuple[str, str]]]:
    words: dict[str, tuple[int, str]] = {}
    verbs: list[tuple[str, str]] = []
    with zipfile.ZipFile(wheel) as z:
        for line in io.TextIOWrapper(z.open("hazm/data/words.dat"), encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            w = clean(parts[0])
            if len(parts) < 3 or (parts[2] == "0" and ZWNJ not in w):
                # Untagged plain entries include web misspellings (میکند);
                # untagged entries written with a ZWNJ are kept.
                continue
            if w:
                words[w] = (int(parts[1]), "" if parts[2] == "0" else parts[2])
        for line in io.TextIOWrapper(z.open("hazm/data/verbs.dat"), encoding="utf-8"):
            line = line.strip()
            if "#" in line and not line.startswith("#"):
                past, present = line.split("#", 1)
                verbs.append((clean(past), clean(present)))
    return words, verbs


def read_shekar() -> tuple[dict[str, int], set[str], list[tuple[str, str]]]:
    files = resources.files("shekar") / "data" / "files"
    vocab: dict[str, int] = {}
    with (files / "vocab.csv").open(encoding="utf-8") as f:
        for row in csv.reader(f):
            if len(row) >= 2:
                vocab[clean(row[0])] = max(vocab.get(clean(row[0]), 0), int(row[1]))
    with (files / "compound_words.csv").open(encoding="utf-8") as f:
        compounds = {clean(line) for line in f if line.strip()}
    verbs: list[tuple[str, str]] = []
    with (files / "verbs.csv").open(encoding="utf-8") as f:
        for row in csv.reader(f):
            if len(row) >= 2 and row[0] and row[1]:
                verbs.append((clean(row[1]), clean(row[0])))
    return vocab, compounds, verbs


def read_hamshahri(shared: Path) -> Counter[str]:
    items = json.loads((shared / "data" / "hamshahri-rss" / "hamshahri.json").read_text("utf-8"))
    counts: Counter[str] = Counter()
    for i, item in enumerate(items):
        if i % 5 == 0:
            continue  # held out for tuning
        text = f"{item.get('title') or ''}\n{item.get('summary') or ''}"
        counts.update(clean(w) for w in PERSIAN_WORD.findall(text.translate(ARABIC_TO_PERSIAN)))
    return counts


def read_parstwiner(shared: Path) -> Counter[str]:
    """Words written with a ZWNJ in ParsTwiNER's training tweets (MIT)."""
    counts: Counter[str] = Counter()
    path = shared / "data" / "parstwiner" / "train.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        token = clean(line.split("\t")[0])
        if ZWNJ in token and PERSIAN_WORD.fullmatch(token):
            counts[token] += 1
    return counts


def build(hazm_wheel: Path, shared: Path) -> dict[str, int]:
    hazm_words, hazm_verbs = read_hazm(hazm_wheel)
    vocab, compounds, shekar_verbs = read_shekar()
    ham = read_hamshahri(shared)

    # Per-million frequencies so the sources can be compared.
    def per_million(counts: dict[str, int]) -> dict[str, float]:
        total = sum(counts.values()) or 1
        return {w: c * 1e6 / total for w, c in counts.items()}

    hz = per_million({w: f for w, (f, _) in hazm_words.items()})
    sk = per_million(vocab)
    hm = per_million(dict(ham))

    entries: dict[str, tuple[float, str, str]] = {}  # word -> (freq, tags, sources)

    def add(word: str, freq: float, tags: str, source: str) -> None:
        if not word or (ZWNJ in word and not zwnj_ok(word)):
            return
        old = entries.get(word)
        if old is None:
            entries[word] = (freq, tags, source)
        else:
            src = old[2] if source in old[2].split(",") else f"{old[2]},{source}"
            entries[word] = (max(old[0], freq), old[1] or tags, src)

    for w, (_, tags) in hazm_words.items():
        add(w, hz[w], tags, "hazm")
    # Web counts hold misspelt forms too: a plain form is kept only when it is
    # clearly more frequent than its ZWNJ twin (میکند loses to می‌کند).
    twins: dict[str, float] = {}
    for w, f in sk.items():
        if ZWNJ in w:
            key = w.replace(ZWNJ, "")
            twins[key] = max(twins.get(key, 0.0), f)
    for w, f in sk.items():
        if ZWNJ not in w and f < 2 * twins.get(w, 0.0):
            continue
        add(w, f, "", "shekar")
    for w in compounds:
        add(w, entries.get(w, (0.0, "", ""))[0], "", "shekar-compounds")
    for w, c in read_parstwiner(shared).items():
        if c >= 2:
            add(w, 0.0, "", "parstwiner")
    for w, c in ham.items():
        # A single occurrence may be a slip; a ZWNJ form is trusted at once.
        if c >= 2 or ZWNJ in w:
            add(w, hm[w], "", "hamshahri")

    OUT.mkdir(parents=True, exist_ok=True)
    with gzip.open(
        OUT / "words.tsv.gz", "wt", encoding="utf-8", compresslevel=9, newline="\n"
    ) as f:
        f.write("# word\tfreq_per_million\ttags\tsources\n")
        for w in sorted(entries):
            freq, tags, src = entries[w]
            f.write(f"{w}\t{freq:.4g}\t{tags}\t{src}\n")
    verbs = sorted({v for v in hazm_verbs + shekar_verbs if v[0] and v[1]})
    with open(OUT / "verbs.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("# past_stem\tpresent_stem\n")
        for past, present in verbs:
            f.write(f"{past}\t{present}\n")
    meta = {
        "version": 1,
        "words": len(entries),
        "zwnj_words": sum(1 for w in entries if ZWNJ in w),
        "verbs": len(verbs),
        "sources": {
            "hazm 0.10.0": "MIT: words.dat (tagged entries and ZWNJ forms), verbs.dat",
            "shekar 1.7.0": "MIT: vocab.csv, compound_words.csv, verbs.csv",
            "hamshahri-rss": "word counts only (items with index % 5 != 0)",
            "parstwiner train (MIT)": "ZWNJ-written words seen at least twice",
        },
    }
    (OUT / "META.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    return meta


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--hazm-wheel", type=Path, help="hazm-0.10.0 wheel (fetched with pip if absent)"
    )
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    args = ap.parse_args()
    wheel = args.hazm_wheel or fetch_hazm_wheel()
    print(json.dumps(build(wheel, args.shared), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
