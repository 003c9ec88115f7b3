"""Named-entity corpora read into rasad's labels and rasad's normalized tokens.

Three public corpora under `../shared/data/` (see its README):

  PEYMA       `word|B_PER` lines; news; types PER ORG LOC DAT TIM MON PCT;
              no ZWNJ: a token may hold a space instead (`روش های`).
  Arman       `token B-pers` lines; fold 1 only (`train_fold1`, `test_fold1`).
  ParsTwiNER  `token<TAB>B-PER` lines; tweets; types PER ORG LOC EVE POG NAT.

Their types map onto rasad's PER ORG LOC FAC EVENT PRODUCT (`LABEL_MAPS`);
dates, times, money and percentages become O because rasad's date parser finds
them, and nationalities become O. Every token goes through
`rasad.text.normalize` (PEYMA's spaced parts joined by a space first, which
restores the ZWNJ where one belongs) and then rasad's tokenizer, so training
text looks like what rasad tags at run time; a token that comes apart keeps
its label as B then I. Labels are repaired to valid IOB2 (an I- that follows
another type or O starts an entity).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rasad.text.normalize import normalize
from rasad.text.tokens import tokenize

LABELS = ("PER", "ORG", "LOC", "FAC", "EVENT", "PRODUCT")

LABEL_MAPS: Mapping[str, Mapping[str, str]] = {
    "peyma": {"PER": "PER", "ORG": "ORG", "LOC": "LOC"},
    "arman": {
        "pers": "PER",
        "org": "ORG",
        "loc": "LOC",
        "fac": "FAC",
        "pro": "PRODUCT",
        "event": "EVENT",
    },
    "parstwiner": {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "EVE": "EVENT", "POG": "ORG"},
}

# corpus -> (training files, evaluation file), relative to the data folder.
SPLITS: Mapping[str, tuple[tuple[str, ...], str]] = {
    "peyma": (("peyma/train.txt",), "peyma/dev.txt"),
    "arman": (("arman/train_fold1.txt",), "arman/test_fold1.txt"),
    "parstwiner": (("parstwiner/train.txt",), "parstwiner/dev.txt"),
}
_SEPARATORS = {"peyma": "|", "arman": " ", "parstwiner": "\t"}


@dataclass(frozen=True, slots=True)
class Sentence:
    tokens: tuple[str, ...]
    labels: tuple[str, ...]  # IOB2: B-PER, I-PER, O
    corpus: str = ""


def data_dir() -> Path:
    """`$RASAD_DATA`, else `../shared/data` beside the project checkout."""
    env = os.environ.get("RASAD_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


def map_tag(tag: str, mapping: Mapping[str, str]) -> str:
    """`B_PER`, `I-pers`, `O` -> `B-PER`, `I-PER`, `O`; unmapped types -> `O`."""
    if tag in ("O", "") or len(tag) < 3 or tag[1] not in "-_" or tag[0] not in "BI":
        return "O"
    kind = mapping.get(tag[2:])
    return f"{tag[0]}-{kind}" if kind else "O"


def repair_iob(labels: Iterable[str]) -> list[str]:
    """Valid IOB2: an `I-X` not preceded by `B-X`/`I-X` becomes `B-X`."""
    out: list[str] = []
    prev = "O"
    for label in labels:
        if label.startswith("I-") and prev[2:] != label[2:]:
            label = "B-" + label[2:]
        out.append(label)
        prev = label
    return out


@lru_cache(maxsize=200_000)
def normalize_token(token: str) -> tuple[str, ...]:
    """A corpus token as rasad's tokens: normalized, then split where rasad would."""
    return tuple(t.text for t in tokenize(normalize(token)))


def read_corpus(path: Path | str, corpus: str) -> list[Sentence]:
    """Sentences of one file of `corpus` ("peyma", "arman" or "parstwiner")."""
    sep, mapping = _SEPARATORS[corpus], LABEL_MAPS[corpus]
    sentences = []
    for rows in _blocks(Path(path), sep):
        tokens: list[str] = []
        labels: list[str] = []
        for word, tag in rows:
            label = map_tag(tag, mapping)
            for i, part in enumerate(normalize_token(word)):
                tokens.append(part)
                labels.append("I" + label[1:] if i and label != "O" else label)
        if tokens:
            sentences.append(Sentence(tuple(tokens), tuple(repair_iob(labels)), corpus))
    return sentences


def _blocks(path: Path, sep: str) -> Iterator[list[tuple[str, str]]]:
    """Rows `(word, tag)` of each blank-line-separated sentence."""
    rows: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                if rows:
                    yield rows
                rows = []
                continue
            word, _, tag = line.rpartition(sep)
            rows.append((word, tag.strip()))
    if rows:
        yield rows


def dedupe(
    sentences: Iterable[Sentence], exclude: Iterable[tuple[str, ...]] = ()
) -> list[Sentence]:
    """The first sentence of each token sequence, in order, minus any in `exclude`."""
    seen = set(exclude)
    out = []
    for s in sentences:
        if s.tokens not in seen:
            seen.add(s.tokens)
            out.append(s)
    return out


def load_evaluation(base: Path | None = None) -> dict[str, list[Sentence]]:
    """The held-out split of each corpus: PEYMA dev, Arman test_fold1, ParsTwiNER dev."""
    base = base or data_dir()
    return {name: read_corpus(base / split[1], name) for name, split in SPLITS.items()}


def load_training(
    base: Path | None = None,
    evaluation: Mapping[str, list[Sentence]] | None = None,
    stats: dict[str, dict[str, int]] | None = None,
) -> list[Sentence]:
    """Training sentences of all corpora, de-duplicated, with evaluation sentences removed.

    Order is fixed (PEYMA, Arman, ParsTwiNER, file order within each), so the
    first copy of a repeated sentence is always the same one. `stats`, if
    given, receives per corpus how many sentences were read, dropped because
    an evaluation split holds them, dropped as duplicates, and kept.
    """
    base = base or data_dir()
    if evaluation is None:
        evaluation = load_evaluation(base)
    held_out = {s.tokens for sents in evaluation.values() for s in sents}
    read = [
        s
        for name, (files, _) in SPLITS.items()
        for file in files
        for s in read_corpus(base / file, name)
    ]
    kept = dedupe(read, exclude=held_out)
    if stats is not None:
        for name in SPLITS:
            n_read = sum(s.corpus == name for s in read)
            n_eval = sum(s.corpus == name and s.tokens in held_out for s in read)
            n_kept = sum(s.corpus == name for s in kept)
            stats[name] = {
                "read": n_read,
                "in_evaluation": n_eval,
                "duplicates": n_read - n_eval - n_kept,
                "kept": n_kept,
            }
    return kept


def count(sentences: Iterable[Sentence]) -> dict[str, int]:
    """Sentences, tokens and entities (by label) in `sentences`."""
    out = {"sentences": 0, "tokens": 0}
    for s in sentences:
        out["sentences"] += 1
        out["tokens"] += len(s.tokens)
        for label in s.labels:
            if label.startswith("B-"):
                out[label[2:]] = out.get(label[2:], 0) + 1
    return out
