"""From raw article text to clean text: drop furniture, then normalize."""

from __future__ import annotations

from dataclasses import dataclass

from rasad.model import Dropped, OffsetMap
from rasad.text.boilerplate import find_boilerplate
from rasad.text.chars import CharOptions
from rasad.text.normalize import normalize_tracked
from rasad.text.rewrite import apply_edits


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    dropped: tuple[Dropped, ...]
    offsets: OffsetMap


def clean_text(raw: str, options: CharOptions = CharOptions()) -> Cleaned:
    """Drop boilerplate and blank lines, then repair characters and ZWNJs.

    `offsets` maps every position of the clean text back to `raw`.
    """
    dropped = find_boilerplate(raw)
    drop_starts = {d.start for d in dropped}
    removals: list[tuple[int, int, str]] = []
    pos = 0
    for line in raw.split("\n"):
        end = pos + len(line)
        if pos in drop_starts or not line.strip():
            # Remove the line with its newline so no blank line is left behind.
            removals.append((pos, min(end + 1, len(raw)), ""))
        pos = end + 1
    kept, layer = apply_edits(raw, _merge(removals))
    text, offsets = normalize_tracked(kept.rstrip("\n"), options)
    return Cleaned(text, tuple(dropped), OffsetMap((layer,)).extend(offsets))


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    merged: list[tuple[int, int, str]] = []
    for s, e, new in spans:
        if merged and merged[-1][1] >= s:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e), "")
        else:
            merged.append((s, e, new))
    return merged
