"""Sentence pairs of Tajik and Persian (ParsText), their fixed split and their word pairs.

The split depends only on each pair's text (a hash), so every build and every
benchmark sees the same held-out sentences; the test part is read by
`bench/translit.py` alone. Word pairs come from lining up the words of a
sentence pair by their consonants, which both scripts write.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rasad.text.chars import CharOptions, normalize_chars
from rasad.text.translit_rules import fa_skeleton, tg_skeleton

FILES = ("bbc.json", "dr.json")
SPLITS = ("train", "dev", "test")
_FA_OPTIONS = CharOptions(spacing=False)
_PUNCT = re.compile(r"[^\w\u200c\-]+")


@dataclass(frozen=True, slots=True)
class Pair:
    tajik: str
    farsi: str


def default_data_dir() -> Path:
    """`$RASAD_DATA/parstext/json`, else ../shared/data/parstext/json beside the checkout."""
    env = os.environ.get("RASAD_DATA")
    root = Path(env) if env else Path(__file__).resolve().parents[3].parent / "shared" / "data"
    return root / "parstext" / "json"


def clean_farsi(text: str) -> str:
    """Persian letters, no diacritics, single spaces: the form references are scored in."""
    return " ".join(normalize_chars(text, _FA_OPTIONS).split())


def clean_tajik(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def split_of(pair: Pair) -> str:
    """train (80%), dev (10%) or test (10%), from a hash of the pair's text."""
    digest = hashlib.sha1(f"{pair.tajik}\t{pair.farsi}".encode()).digest()
    bucket = int.from_bytes(digest[:4], "big") % 10
    return "test" if bucket == 0 else "dev" if bucket == 1 else "train"


def load_pairs(data_dir: Path | None = None) -> dict[str, list[Pair]]:
    """The de-duplicated, cleaned sentence pairs of each split, in file order."""
    folder = data_dir or default_data_dir()
    seen: set[Pair] = set()
    out: dict[str, list[Pair]] = {name: [] for name in SPLITS}
    for name in FILES:
        for record in json.loads((folder / name).read_text(encoding="utf-8")):
            pair = Pair(clean_tajik(record["tajik"]), clean_farsi(record["farsi"]))
            if not pair.tajik or not pair.farsi or pair in seen:
                continue
            seen.add(pair)
            out[split_of(pair)].append(pair)
    return out


def words(text: str) -> list[str]:
    """Whitespace words with punctuation at their edges removed."""
    out = []
    for token in text.split():
        token = _PUNCT.sub("", token).strip("-\u200c")
        if token:
            out.append(token)
    return out


def _distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def similarity(tajik: str, farsi: str) -> float:
    """1 for the same consonants, 0 for nothing in common."""
    a, b = tg_skeleton(tajik), fa_skeleton(farsi)
    if not a and not b:
        return 0.75
    return 1.0 - _distance(a, b) / max(len(a), len(b))


MIN_SIMILARITY = 0.6


def _can_take_two(tajik: str, first: str, second: str) -> bool:
    """Two Persian words for one Tajik word: a fused verb (хостааст) or a final -у (and)."""
    if not fa_skeleton(first):
        return False
    return bool(fa_skeleton(second)) or (second == "و" and tajik[-1] in "уӯю")


@dataclass(frozen=True, slots=True)
class Link:
    """Tajik word `tajik` spelled by Persian words `farsi[start:end]` of its sentence."""

    tajik: str
    start: int
    end: int


def align_words(tajik: Sequence[str], farsi: Sequence[str]) -> list[Link]:
    """Links between the words of one sentence pair: a Tajik word to one Persian word or two.

    A dynamic programme lines the words up by consonant similarity, letting
    either side skip words (translations are not always word for word) and
    letting one Tajik word take two Persian ones (доштааст: داشته است).
    """
    n, m = len(tajik), len(farsi)
    neg = float("-inf")
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = best[i][j]
            if here == neg:
                continue
            steps = [(1, 0, -0.1), (0, 1, -0.1)]
            if i < n and j < m:
                steps.append((1, 1, similarity(tajik[i], farsi[j]) - 0.5))
            if i < n and j + 1 < m and _can_take_two(tajik[i], farsi[j], farsi[j + 1]):
                two = farsi[j] + " " + farsi[j + 1]
                # A final -у and the Persian و it stands for cost no more than one word.
                cost = 0.55 if farsi[j + 1] == "و" else 0.6
                steps.append((1, 2, similarity(tajik[i], two) - cost))
            for di, dj, gain in steps:
                a, b = i + di, j + dj
                if a <= n and b <= m and here + gain > best[a][b]:
                    best[a][b] = here + gain
                    back[a][b] = (di, dj)
    links: list[Link] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        if di == 1 and dj >= 1:
            fa = " ".join(farsi[j - dj : j])
            if similarity(tajik[i - 1], fa) >= MIN_SIMILARITY:
                links.append(Link(tajik[i - 1], j - dj, j))
        i, j = i - di, j - dj
    links.reverse()
    return links


def linked_sentences(pairs: Sequence[Pair]) -> list[tuple[list[str], list[Link]]]:
    """Each sentence pair as its Persian words and the Tajik words linked to them."""
    out = []
    for pair in pairs:
        farsi = words(pair.farsi)
        out.append((farsi, align_words(words(pair.tajik), farsi)))
    return out


def word_pairs(pairs: Sequence[Pair]) -> list[tuple[str, str]]:
    """Every linked (Tajik, Persian) word pair of the sentence pairs, repeats kept."""
    return [
        (link.tajik, " ".join(farsi[link.start : link.end]))
        for farsi, links in linked_sentences(pairs)
        for link in links
    ]
