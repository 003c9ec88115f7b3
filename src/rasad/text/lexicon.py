"""The Persian lexicon shipped in `rasad/resources/lexicon/` (built by scripts/build_lexicon.py)."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from importlib import resources

ZWNJ = "\u200c"
# Stems the source lists lack: بودن's present باش (می‌باشد), بایستن (می‌بایست).
EXTRA_PRESENT_STEMS = ("باش", "بای")
EXTRA_PAST_STEMS = ("بایست",)


@dataclass(frozen=True, slots=True)
class Lexicon:
    plain: dict[str, float]  # correctly written words without ZWNJ -> frequency per million
    zwnj: dict[str, tuple[str, float]]  # form with ZWNJ removed -> (best ZWNJ form, frequency)
    web_only: frozenset[str]  # plain words seen only in web counts: weaker evidence
    edited: frozenset[str]  # ZWNJ forms (ZWNJ removed) seen in edited text: hazm, Hamshahri
    adjectives: frozenset[str]
    nouns: frozenset[str]
    past_stems: frozenset[str]
    present_stems: frozenset[str]

    def known(self, word: str) -> bool:
        return word in self.plain or word.replace(ZWNJ, "") in self.zwnj


@cache
def load_lexicon() -> Lexicon:
    base = resources.files("rasad") / "resources" / "lexicon"
    plain: dict[str, float] = {}
    zwnj: dict[str, tuple[str, float]] = {}
    web_only: set[str] = set()
    edited: set[str] = set()
    adjectives: set[str] = set()
    nouns: set[str] = set()
    with (base / "words.tsv.gz").open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            word, freq_s, tags, sources = line.rstrip("\n").split("\t")
            freq = float(freq_s)
            if ZWNJ in word:
                key = word.replace(ZWNJ, "")
                old = zwnj.get(key)
                if old is None or freq > old[1]:
                    zwnj[key] = (word, freq)
                if "hazm" in sources or "hamshahri" in sources:
                    edited.add(key)
            else:
                plain[word] = freq
                if sources == "shekar":
                    web_only.add(word)
            if tags:
                tag_set = tags.split(",")
                if "AJ" in tag_set:
                    adjectives.add(word)
                if "N" in tag_set:
                    nouns.add(word)
    past: set[str] = set(EXTRA_PAST_STEMS)
    present: set[str] = set(EXTRA_PRESENT_STEMS)
    for line in (base / "verbs.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            p, s = line.split("\t")
            past.add(p)
            present.add(s)
    return Lexicon(
        plain=plain,
        zwnj=zwnj,
        web_only=frozenset(web_only),
        edited=frozenset(edited),
        adjectives=frozenset(adjectives),
        nouns=frozenset(nouns),
        past_stems=frozenset(past),
        present_stems=frozenset(present),
    )
