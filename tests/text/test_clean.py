import pytest

from rasad.text.clean import clean_text
from tests.sample import REPAIRED_WORDS, SAMPLE

Z = "\u200c"


def test_dropped_lines_leave_no_gap_and_offsets_map_back() -> None:
    raw = "خط اول میکند.\n\nRead More\nخط دوم رسانهها."
    cleaned = clean_text(raw)
    assert cleaned.text == f"خط اول می{Z}کند.\nخط دوم رسانه{Z}ها."
    start = cleaned.text.index("خط دوم")
    s, e = cleaned.offsets.span_to_raw(start, len(cleaned.text))
    assert raw[s:e] == "خط دوم رسانهها."


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample not present")
def test_sample_article() -> None:
    raw = SAMPLE.read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    for word in REPAIRED_WORDS:
        assert word in cleaned.text, word
    assert "میانجی" not in cleaned.text  # not in the sample; nothing invented
    assert "آسیای میانه" in cleaned.text
    # Every Persian line of the raw article is still there.
    persian_lines = [line for line in raw.splitlines() if line and not line.isascii()]
    assert len(cleaned.text.split("\n")) == len(persian_lines)
    # Every ZWNJ-free word of the clean text maps back to the same word in the raw text.
    for word in ("پاریس", "مسکو", "طالبان"):
        i = cleaned.text.index(word)
        s, e = cleaned.offsets.span_to_raw(i, i + len(word))
        assert raw[s:e] == word
