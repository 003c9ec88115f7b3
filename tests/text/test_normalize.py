import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.text.normalize import normalize, normalize_tracked

Z = "\u200c"

CASES = [
    ("رئيسجمهور", f"رئیس{Z}جمهور"),  # Arabic yeh and a lost ZWNJ together
    ("مي كند", f"می{Z}کند"),
    ("كشورهايياند", f"کشورهایی{Z}اند"),
    ("رســانه ها ، گفتند", f"رسانه{Z}ها، گفتند"),
    ("سال ١٤٠٠", "سال ۱۴۰۰"),
    ("", ""),
    ("\n\n", "\n\n"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_one_line_out_for_each_line_in() -> None:
    raw = "خط اول میکند\n\nRead More\nخط آخر"
    assert normalize(raw).count("\n") == raw.count("\n")


PERSIANISH = st.text(
    alphabet=st.sampled_from(list("میکنداهایتبرسگوشلزپچجخعفقصطظ يكة ،.؟«»\n\u200c٤5ًَ")),
    max_size=120,
)


@settings(max_examples=300)
@given(PERSIANISH)
def test_idempotent(raw: str) -> None:
    once = normalize(raw)
    assert normalize(once) == once


@settings(max_examples=200)
@given(st.text(max_size=100))
def test_offsets_stay_inside_the_raw_text(raw: str) -> None:
    text, offsets = normalize_tracked(raw)
    for i in range(len(text) + 1):
        assert 0 <= offsets.to_raw(i) <= len(raw)
