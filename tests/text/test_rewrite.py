import re

import pytest

from rasad.model import OffsetMap
from rasad.text.rewrite import apply_edits, sub_tracked


@pytest.mark.parametrize(
    ("pattern", "repl", "text", "expected"),
    [
        ("ـ+", "", "ســـلام", "سلام"),
        ("a", "bb", "xax", "xbbx"),
        ("z", "y", "abc", "abc"),
        (" {2,}", " ", "a   b  c", "a b c"),
    ],
)
def test_sub_tracked_matches_re_sub(pattern: str, repl: str, text: str, expected: str) -> None:
    out, layer = sub_tracked(re.compile(pattern), repl, text)
    assert out == expected == re.sub(pattern, repl, text)
    m = OffsetMap((layer,))
    assert all(0 <= m.to_raw(i) <= len(text) for i in range(len(out) + 1))


def test_unchanged_matches_make_no_edits() -> None:
    out, layer = sub_tracked(re.compile("a"), lambda m: m.group(), "banana")
    assert out == "banana" and layer.edits == ()


def test_apply_edits_and_map_back() -> None:
    text = "ab cd ef"
    out, layer = apply_edits(text, [(2, 3, "\u200c"), (5, 6, "")])
    assert out == "ab\u200ccdef"
    m = OffsetMap((layer,))
    assert text[m.to_raw(out.index("e"))] == "e"
    assert text[m.to_raw(out.index("c"))] == "c"
