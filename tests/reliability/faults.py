"""What the fault tests share: distinct articles to ingest, and checks of a store after a fault."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RASAD = [str(Path(sys.executable).parent / "rasad")]  # the installed command

_PLACES = ("دوشنبه", "کابل", "تهران", "هرات", "خجند", "مزار شریف", "اصفهان", "بلخ")
_TOPICS = ("آب", "گندم", "برق", "گاز", "راه‌آهن", "مرز", "بازرگانی", "آموزش")


def article_text(n: int) -> str:
    """A short Persian news article, different for every `n` (so each has its own hash)."""
    place, topic = _PLACES[n % len(_PLACES)], _TOPICS[(n // len(_PLACES)) % len(_TOPICS)]
    return (
        f"گزارش شماره {n}: نشست مقام‌های محلی در {place} درباره {topic} برگزار شد.\n"
        f"به گفته برگزارکنندگان، {n} نماینده از شهرهای مختلف در این نشست حضور داشتند"
        f" و درباره همکاری در زمینه {topic} گفت‌وگو کردند.\n"
        f"قرار است نشست بعدی {n % 28 + 1} روز دیگر در {place} برگزار شود."
    )


def article_page(n: int) -> bytes:
    """An article page as a news site serves it."""
    paragraphs = "".join(f"<p>{line}</p>" for line in article_text(n).split("\n"))
    return (
        '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8">'
        f"<title>گزارش {n}</title>"
        '<meta property="article:published_time" content="2024-03-12T09:30:00+03:30">'
        f"</head><body><nav><a href='/'>خانه</a></nav><article><h1>گزارش {n}</h1>"
        f"{paragraphs}</article><footer>همه حقوق محفوظ است</footer></body></html>"
    ).encode()


def write_articles(folder: Path, numbers: range) -> Path:
    """One text file per article in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        (folder / f"{n:05d}.txt").write_text(article_text(n), encoding="utf-8")
    return folder


def rasad(*args: str, timeout: float = 120, **kw: object) -> subprocess.CompletedProcess[str]:
    """Run the rasad command as a user would, in a process of its own."""
    return subprocess.run(
        [*RASAD, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT, **kw
    )  # type: ignore[call-overload]


def rasad_process(*args: str, **kw: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*RASAD, *args], text=True, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw
    )  # type: ignore[call-overload]


def check_sqlite(path: Path | str) -> dict[str, int]:
    """Assert the file passes SQLite's and FTS5's integrity checks; its row counts."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO article_search (article_search) VALUES ('integrity-check')")
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "mentions", "article_sources", "seen_items")
        }
        hashes = conn.execute("SELECT count(DISTINCT hash) FROM articles").fetchone()[0]
        assert hashes == counts["articles"]
        return counts
    finally:
        conn.close()


def stored_texts(path: Path | str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT raw FROM articles ORDER BY id")]
    finally:
        conn.close()
