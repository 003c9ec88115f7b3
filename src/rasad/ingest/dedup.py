"""Exact duplicates by content hash, near-duplicates grouped into stories.

Both work on one key per text: the text folded for search (Persian letters
for Arabic ي/ك, Latin digits, no diacritics, kashida or ZWNJ, lower case)
with everything that is not a letter or a digit removed. Two copies of an
article that differ only in orthography, spacing, ZWNJ-or-space or
punctuation have the same key, hence the same `content_hash`.

A rewrite of the same wire story (sentences dropped or reordered, an
outlet's boilerplate added) shares most of its character shingles with the
original; a lead-only version shares the original's opening. So an
article's signature is two MinHashes (datasketch's scheme, computed in
numpy): one of its whole key (the body) and one of the key's first
`LEAD_CHARS` characters (the lead). `StoryIndex` keeps both in LSH indexes
and puts a new article into the story of the most similar earlier article
when body or lead similarity reaches the threshold; otherwise the article
starts a story of its own (its id is the story's id). `bench/dedup.py`
chose `THRESHOLD`, `SHINGLE` and `LEAD_CHARS`.

A text with fewer than `MIN_KEY_CHARS` letters (a caption, an agency's name
alone) gets the empty signature, which matches nothing, and its title joins
its content hash: such texts are alike without being the same story.

Signatures serialize to `8 * num_perm` bytes (`signature_bytes`), so a store
can keep them and rebuild the index (`StoryIndex.rebuild`) without the texts.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from rasad.text.chars import fold_for_search

NUM_PERM = 128  # per half: body and lead
SHINGLE = 5  # characters of the key (which has no spaces)
LEAD_CHARS = 300
THRESHOLD = 0.3
MIN_KEY_CHARS = 100
SEED = 1
_MAX = np.iinfo(np.uint32).max
_NOT_WORD = re.compile(r"[\W_]+")
_CHUNK = 4096  # shingles per numpy pass: bounds memory for very long texts
_MIX = np.uint64(0x9E3779B97F4A7C15)
_PRIME = np.uint64(1_000_003)


def dedup_key(text: str) -> str:
    """Letters and digits of the folded text, nothing else."""
    return _NOT_WORD.sub("", fold_for_search(text))


def content_hash(text: str, title: str = "") -> str:
    """32 hex digits that two copies of one article share whatever their orthography.

    A text under `MIN_KEY_CHARS` letters (a photo page whose whole text is
    the agency's name) does not tell articles apart, so its title counts too.
    """
    return _digest(_hash_key(dedup_key(text), title))


def signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray:
    """Body and lead MinHashes of a text: `2 * num_perm` uint32 values."""
    return key_signature(dedup_key(text), num_perm)


def fingerprint(text: str, title: str = "", num_perm: int = NUM_PERM) -> tuple[str, np.ndarray]:
    """`content_hash` and `signature` of a text, folding it once."""
    key = dedup_key(text)
    return _digest(_hash_key(key, title)), key_signature(key, num_perm)


def key_signature(
    key: str, num_perm: int = NUM_PERM, k: int = SHINGLE, lead_chars: int = LEAD_CHARS
) -> np.ndarray:
    """The signature of a `dedup_key`; `lead_chars=0` makes the lead a copy of the body."""
    if len(key) < MIN_KEY_CHARS:
        return empty_signature(num_perm)
    body = minhash_values(shingle_hashes(key, k), num_perm)
    if not lead_chars or len(key) <= lead_chars:
        return np.concatenate([body, body])
    return np.concatenate([body, minhash_values(shingle_hashes(key[:lead_chars], k), num_perm)])


def empty_signature(num_perm: int = NUM_PERM) -> np.ndarray:
    """The signature of no shingles: it matches nothing."""
    return np.full(2 * num_perm, _MAX, dtype=np.uint32)


def shingle_hashes(key: str, k: int = SHINGLE) -> np.ndarray:
    """The distinct 32-bit hashes of the key's `k`-character substrings (one for a shorter key)."""
    codes = np.frombuffer(key.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    codes = codes.astype(np.uint64)
    if len(codes) == 0:
        return np.zeros(0, dtype=np.uint32)
    n = max(len(codes) - k + 1, 1)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(min(k, len(codes))):  # polynomial hash; uint64 wraps around on purpose
        h = h * _PRIME + codes[j : j + n]
    h = (h ^ (h >> np.uint64(29))) * _MIX
    return np.unique((h >> np.uint64(32)).astype(np.uint32))


def minhash_values(hashes: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """The values of datasketch's `MinHash(num_perm, seed=1).update_batch(hashes)`.

    The same values (a test holds it to that), computed in numpy without a
    Python call per shingle.
    """
    a, b = _permutations(num_perm)
    values = np.full(num_perm, _MAX, dtype=np.uint32)
    for start in range(0, len(hashes), _CHUNK):
        hv = _fmix32(hashes[start : start + _CHUNK].astype(np.uint32)).reshape(-1, 1)
        values = np.minimum(values, (hv * a + b).min(axis=0))
    return values


def signature_bytes(values: np.ndarray) -> bytes:
    return values.astype("<u4").tobytes()


def signature_from_bytes(data: bytes, num_perm: int = NUM_PERM) -> np.ndarray:
    if len(data) != 8 * num_perm:
        raise ValueError(
            f"a signature of 2 x {num_perm} values has {8 * num_perm} bytes, not {len(data)}"
        )
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two texts: of their bodies or of their leads, the higher."""
    half = len(a) // 2
    if _is_empty(a) or _is_empty(b):
        return 0.0
    return max(_agreement(a[:half], b[:half]), _agreement(a[half:], b[half:]))


@dataclass(frozen=True, slots=True)
class StoryMatch:
    """Where an article went: its story, and the earlier article it matched (if any)."""

    story_id: str
    similar_to: str = ""
    similarity: float = 0.0


class StoryIndex:
    """Articles grouped into stories by near-duplicate text, in memory.

    Not thread-safe: one writer adds articles in order, as the store does.
    """

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        from datasketch import MinHashLSH

        self.threshold, self.num_perm = threshold, num_perm
        self._body = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._lead = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[str, np.ndarray] = {}
        self._stories: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._signatures

    def story_of(self, doc_id: str) -> str:
        return self._stories[doc_id]

    def signature_of(self, doc_id: str) -> np.ndarray:
        return self._signatures[doc_id]

    def assign(self, doc_id: str, text: str) -> StoryMatch:
        """Add an article by its text; see `add`."""
        return self.add(doc_id, signature(text, self.num_perm))

    def add(self, doc_id: str, values: np.ndarray, story_id: str = "") -> StoryMatch:
        """Add an article and return its story.

        With `story_id` (a rebuild from stored rows) the article joins that
        story as recorded; else it joins the story of the most similar article
        at or above the threshold, or starts its own. Adding an id twice
        returns its story and changes nothing.
        """
        if doc_id in self._stories:
            return StoryMatch(self._stories[doc_id])
        match = StoryMatch(story_id) if story_id else self.best_match(values, doc_id)
        self._signatures[doc_id] = values
        self._stories[doc_id] = match.story_id
        if not _is_empty(values):
            body, lead = self._halves(values)
            self._body.insert(doc_id, body, check_duplication=False)
            self._lead.insert(doc_id, lead, check_duplication=False)
        return match

    def best_match(self, values: np.ndarray, doc_id: str = "") -> StoryMatch:
        """The story a text with these values would join (nothing is added)."""
        if _is_empty(values):
            return StoryMatch(doc_id)
        body, lead = self._halves(values)
        candidates = set(self._body.query(body)) | set(self._lead.query(lead))
        best, best_sim = "", 0.0
        for other in sorted(candidates):  # sorted: ties go the same way every time
            sim = similarity(values, self._signatures[other])
            if sim >= self.threshold and sim > best_sim:
                best, best_sim = other, sim
        if not best:
            return StoryMatch(doc_id)
        return StoryMatch(self._stories[best], best, best_sim)

    @classmethod
    def rebuild(
        cls,
        rows: Iterable[tuple[str, str, bytes]],
        threshold: float = THRESHOLD,
        num_perm: int = NUM_PERM,
    ) -> StoryIndex:
        """An index from stored `(doc_id, story_id, signature bytes)` rows."""
        index = cls(threshold, num_perm)
        for doc_id, story_id, data in rows:
            index.add(doc_id, signature_from_bytes(data, num_perm), story_id or doc_id)
        return index

    def _halves(self, values: np.ndarray) -> tuple[Any, Any]:
        from datasketch import LeanMinHash

        if len(values) != 2 * self.num_perm:
            raise ValueError(f"expected {2 * self.num_perm} signature values, got {len(values)}")
        half = self.num_perm
        return (
            LeanMinHash(seed=SEED, hashvalues=values[:half], scheme="affine32"),
            LeanMinHash(seed=SEED, hashvalues=values[half:], scheme="affine32"),
        )


def _hash_key(key: str, title: str) -> str:
    if len(key) >= MIN_KEY_CHARS or not title:
        return key
    return dedup_key(title) + "\n" + key


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _agreement(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


def _is_empty(values: np.ndarray) -> bool:
    return bool((values == _MAX).all())


_PERMUTATIONS: dict[int, Any] = {}


def _permutations(num_perm: int) -> Any:
    """datasketch's affine32 permutations for (num_perm, SEED), made once."""
    if num_perm not in _PERMUTATIONS:
        from datasketch import MinHash

        _PERMUTATIONS[num_perm] = MinHash(num_perm=num_perm, seed=SEED).permutations
    return _PERMUTATIONS[num_perm]


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer, as datasketch applies it before its permutations."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))
