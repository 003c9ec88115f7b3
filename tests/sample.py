"""The shared sample article and what rasad must repair in it."""

from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "tajikistan-france-2021.txt"

# Words the crawler delivered without their ZWNJ (written here with |).
REPAIRED_WORDS = tuple(
    w.replace("|", "\u200c")
    for w in (
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
    )
)
