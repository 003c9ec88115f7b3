"""Rewriting text while recording where every character went.

Each pass returns the new text and an `OffsetLayer` of its edits; stacking
the layers in an `OffsetMap` maps clean-text offsets back to the raw input.
Passes only touch what they match, so an article with nothing to fix costs
one regex scan.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rasad.model import Edit, OffsetLayer

Replacement = str | Callable[[re.Match[str]], str]


def sub_tracked(pattern: re.Pattern[str], repl: Replacement, text: str) -> tuple[str, OffsetLayer]:
    """`pattern.sub(repl, text)` that also returns the edits it made."""
    replacements = []
    for m in pattern.finditer(text):
        new = repl(m) if callable(repl) else m.expand(repl)
        if new != m.group(0):
            replacements.append((m.start(), m.end(), new))
    return apply_edits(text, replacements)


def apply_edits(text: str, replacements: list[tuple[int, int, str]]) -> tuple[str, OffsetLayer]:
    """Apply sorted, non-overlapping `(start, end, new)` replacements."""
    parts: list[str] = []
    edits: list[Edit] = []
    pos = 0
    shift = 0
    for s, e, new in replacements:
        parts.append(text[pos:s])
        parts.append(new)
        edits.append(Edit(s, e, s + shift, s + shift + len(new)))
        shift += len(new) - (e - s)
        pos = e
    if not edits:
        return text, OffsetLayer()
    parts.append(text[pos:])
    return "".join(parts), OffsetLayer(tuple(edits))
