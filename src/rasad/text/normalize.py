"""Normalization of Persian text: characters and spacing, then ZWNJ restoration.

`normalize` never drops a line: one line in, one line out. Removing page
furniture is `boilerplate`'s job.
"""

from __future__ import annotations

from rasad.model import OffsetMap
from rasad.text.chars import CharOptions, normalize_chars_tracked
from rasad.text.zwnj import restore_zwnj_tracked


def normalize_tracked(
    text: str, options: CharOptions = CharOptions(), zwnj: bool = True
) -> tuple[str, OffsetMap]:
    text, offsets = normalize_chars_tracked(text, options)
    if zwnj:
        text, layer = restore_zwnj_tracked(text)
        offsets = offsets.then(layer)
    return text, offsets


def normalize(text: str, options: CharOptions = CharOptions(), zwnj: bool = True) -> str:
    """Normalized text; `normalize(normalize(x)) == normalize(x)`."""
    return normalize_tracked(text, options, zwnj)[0]
