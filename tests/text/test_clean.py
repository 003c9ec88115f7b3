from pathlib import Path

import pytest

from rasad.text.clean import clean_text

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "tajikistan-france-2021.txt"
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
    for word in (
        "رئیس|جمهور",
        "می|ایستد",
        "کشورهایی|اند",
        "نداشته|اند",
        "گفت|وگو",
        "بین|المللی",
        "مسلمان|نشین",
        "بی|ثباتی",
        "شرکت|کنندگان",
        "رسانه|ها",
        "می|کند",
    ):
        assert word.replace("|", Z) in cleaned.text, word
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
