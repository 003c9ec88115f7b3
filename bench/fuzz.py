"""Coverage-guided fuzzing (atheris, libFuzzer) of the readers of hostile input.

Targets: normalize, clean, sentences, tokens, dates, boilerplate (text);
html, feed, warc (bytes as a site or a crawl serves them); query (what a
user types into search). A text target reads its input two ways, chosen by
the first byte: as UTF-8, or one byte per piece of a Persian-heavy table
(letters, Arabic forms, ZWNJ, diacritics, digits, «», words, tags), so that
mutations move through Persian text rather than random code points. The
byte targets start from the test fixtures (a real article page, RSS and Atom
feeds, a WARC record) and mutate them.

Each target checks what tests/reliability/test_properties.py checks: no
exception but the module's documented one, offsets inside the text and
consistent with it, `normalize` idempotent; libFuzzer's `-timeout` bounds
the time per input. `all` spreads one run over every target (the first
byte picks one), which is what the quick test runs.

Each target runs in a process of its own (libFuzzer ends the process when
its time is up); this script runs them, reads how many inputs each tried,
and prints a table and writes bench/results/fuzz.json. A crash leaves its
input under bench/results/fuzz-crashes/ and the script exits non-zero.

Examples:
  .venv/bin/python bench/fuzz.py --seconds 600              # every target, 10 minutes each
  .venv/bin/python bench/fuzz.py --target html --seconds 60
  .venv/bin/python bench/fuzz.py --target all --seconds 5   # the quick run
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
FIXTURES = ROOT / "tests" / "ingest" / "fixtures"
TEXT_TARGETS = ("normalize", "clean", "sentences", "tokens", "dates", "boilerplate")
BYTE_TARGETS = ("html", "feed", "warc")
TARGETS = (*TEXT_TARGETS, *BYTE_TARGETS, "query")
PER_INPUT_TIMEOUT = 10  # seconds: an input that takes longer is reported as a hang
MAX_LEN = 8192

# Pieces of Persian news text, one per byte value (the table wraps around).
_WORDS = (
    "رئیس جمهور رئیسجمهور رييس‌جمهور مي كند می‌کند رسانه ها کشورهاییاند گفتوگو تاجیکستان"
    " گفت اظهار داشت روز چهارشنبه سه‌شنبه هفته آینده دیروز ۲۱ مهر ۱۴۰۰ مهرماه بیست و یکم"
    " ۱۴ اکتبر ۲۰۲۱ ۲۲ اسد ۱۰ محرم ۱۴۴۳ ۱۴۰۰/۷/۲۱ 2021-10-14 14/10/2021 ۳٫۵ می مه آ."
    " ج.ا.ا. U.S. Dr. www.example.com https://a.example/x info@example.org #خبر سؤال هیأت"
    " <p> </p> <br> <article> <script> </script> <!-- --> &amp; &#1740; <![CDATA[ ]]>"
).split()
_CHARS = (
    "ءآأؤإئابتثجحخدذرزسشصضطظعغفقلمنهوپچژکگی" + "يكةىەٱ" + "\u064b\u064e\u0650\u0651\u0652\u0670"
    "\u200c\u200d\u200f\u202b\u202c\ufeff\u0640" + "۰۱۲۴۹٠٣0179" + "«»“”\"'()،؛؟?!.…:-/٫"
    " \u00a0\t\n\r\u2028" + "abcXYZабвҷ\x00\ufffd"
)
TABLE = tuple(_CHARS) + tuple(f" {w} " for w in _WORDS) + tuple(_WORDS)


def text_of(data: bytes) -> str:
    """An input's text: UTF-8 when the first byte is even, else one table piece per byte."""
    if not data:
        return ""
    if data[0] % 2 == 0:
        return data[1:].decode("utf-8", "replace")
    return "".join(TABLE[b % len(TABLE)] for b in data[1:])


# --- what each target checks ---------------------------------------------


def check_normalize(text: str) -> None:
    from rasad.text.normalize import normalize, normalize_tracked

    out, offsets = normalize_tracked(text)
    assert normalize(out) == out, "normalize is not idempotent"
    mapped = [offsets.to_raw(i) for i in range(len(out) + 1)]
    assert all(0 <= m <= len(text) for m in mapped), "offset outside the raw text"
    assert mapped == sorted(mapped), "offsets out of order"


def check_clean(text: str) -> None:
    from rasad.text.clean import clean_text
    from rasad.text.normalize import normalize

    cleaned = clean_text(text)
    assert normalize(cleaned.text) == cleaned.text, "clean text is not normalized"
    for i in range(len(cleaned.text) + 1):
        assert 0 <= cleaned.offsets.to_raw(i) <= len(text), "offset outside the raw text"


def check_sentences(text: str) -> None:
    from rasad.text.sentences import split_sentences

    end = 0
    for s, e in split_sentences(text):
        assert end <= s < e <= len(text), "sentence span out of place"
        assert text[s:e] == text[s:e].strip() and not text[end:s].strip(), "text left out"
        end = e
    assert not text[end:].strip(), "text left out at the end"


def check_tokens(text: str) -> None:
    from rasad.text.tokens import tokenize

    end = 0
    for t in tokenize(text):
        assert end <= t.start < t.end <= len(text) and text[t.start : t.end] == t.text
        assert not text[end : t.start].replace("\u200c", "").strip(), "text left out"
        end = t.end
    assert not text[end:].replace("\u200c", "").strip(), "text left out at the end"


def check_dates(text: str) -> None:
    from rasad.text.dates import find_dates

    for published in (None, date(2021, 10, 14)):
        end = 0
        for d in find_dates(text, published):
            assert end <= d.start < d.end <= len(text) and text[d.start : d.end] == d.text
            if d.value.count("-") == 2:
                date.fromisoformat(d.value)
            end = d.end


def check_boilerplate(text: str) -> None:
    from rasad.text.boilerplate import find_boilerplate

    for d in find_boilerplate(text):
        assert 0 <= d.start <= d.end <= len(text) and text[d.start : d.end].strip() == d.text


def check_result(result: Any) -> None:
    from rasad.ingest.files import InputDoc, InputFailure

    if isinstance(result, InputFailure):
        assert result.message.startswith("[E0"), result.message
    else:
        assert isinstance(result, InputDoc) and result.text.strip(), "an empty article"


def check_html(data: bytes) -> None:
    from rasad.ingest.html import read_page

    check_result(read_page("fuzz.html", data, url="https://news.example/fa/1"))


def check_feed(data: bytes) -> None:
    from rasad.ingest.feeds import parse_feed

    items, damage = parse_feed(data, "https://news.example/rss.xml")
    assert damage is None or damage.message.startswith("[E033]")
    assert all(item.keys for item in items)


_WARC_PATH = Path(tempfile.gettempdir()) / f"rasad-fuzz-{os.getpid()}.warc"


def check_warc(data: bytes) -> None:
    from rasad.ingest.warc import iter_warc

    _WARC_PATH.write_bytes(data)
    results = list(iter_warc(str(_WARC_PATH)))
    for result in results:
        check_result(result)
    damaged = [r for r in results if getattr(r, "reason", "") == "bad_warc"]
    assert len(damaged) <= 1 and (not damaged or results[-1] is damaged[0])


_FTS: list[sqlite3.Connection] = []


def check_query(text: str) -> None:
    from rasad.search.highlight import highlights
    from rasad.search.query import QueryError, candidates, parse, plan

    try:
        parts = parse(text)
        known = candidates(parts)
        known |= candidates(parts, known)
        found = plan(parts, known)
    except QueryError:
        return  # the documented refusal: no words, too long, too many
    if not _FTS:
        _FTS.append(sqlite3.connect(":memory:"))
        _FTS[0].execute("CREATE VIRTUAL TABLE t USING fts5 (title, body, tokenize = 'ascii')")
    _FTS[0].execute("SELECT rowid FROM t WHERE t MATCH ?", (found.to_fts5(),)).fetchall()
    end = 0
    for s, e in highlights(text, found):
        assert end <= s < e <= len(text), "highlight out of place"
        end = e


CHECKS: dict[str, Callable[[Any], None]] = {
    "normalize": check_normalize,
    "clean": check_clean,
    "sentences": check_sentences,
    "tokens": check_tokens,
    "dates": check_dates,
    "boilerplate": check_boilerplate,
    "html": check_html,
    "feed": check_feed,
    "warc": check_warc,
    "query": check_query,
}


def run_one(target: str, data: bytes) -> str:
    """Check one input against a target (`all`: the first byte picks); the target used."""
    if target == "all":
        if not data:
            return "all"
        target, data = TARGETS[data[0] % len(TARGETS)], data[1:]
    CHECKS[target](data if target in BYTE_TARGETS else text_of(data))
    return target


# --- seeds -----------------------------------------------------------------


def seeds() -> dict[str, list[bytes]]:
    """Starting inputs: the test fixtures for the byte targets, a sample line for text."""
    page = (FIXTURES / "article.html").read_bytes()
    feeds = [(FIXTURES / n).read_bytes() for n in ("rss.xml", "atom.xml", "malformed.xml")]
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
    warc = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/fa/1\r\n"
        b"WARC-Date: 2024-03-12T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        b"Content-Length: %d\r\n\r\n%s\r\n\r\n" % (len(http), http)
    )
    line = "امامعلی رحمان، رئیسجمهور تاجیکستان، روز چهارشنبه ۲۱ مهر ۱۴۰۰ گفت: «میکند.»"
    text = [b"\x00" + line.encode(), bytes([1]) + bytes(range(256))]
    by_target = {t: text for t in (*TEXT_TARGETS, "query")}
    by_target |= {"html": [page], "feed": feeds, "warc": [warc]}
    index = {t: i for i, t in enumerate(TARGETS)}
    by_target["all"] = [bytes([index[t]]) + s for t, ss in by_target.items() for s in ss]
    return by_target


# --- the fuzzing process ---------------------------------------------------

_STATS = Counter[str]()
_LAST_WRITE = [0.0]


def child(target: str, stats_path: str, libfuzzer_args: list[str]) -> None:
    """Fuzz one target in this process until libFuzzer's time is up (it ends the process)."""
    import atheris

    with atheris.instrument_imports(include=["rasad"]):
        import rasad.ingest.feeds
        import rasad.ingest.html
        import rasad.ingest.warc
        import rasad.search.highlight
        import rasad.search.query
        import rasad.text.boilerplate
        import rasad.text.clean
        import rasad.text.dates
        import rasad.text.normalize
        import rasad.text.sentences
        import rasad.text.tokens  # noqa: F401 - instrumented for coverage

    for data in seeds()[target]:  # load the lexicons before the clock starts
        run_one(target, data)

    def one_input(data: bytes) -> None:
        _STATS[run_one(target, data)] += 1
        now = time.monotonic()
        if now - _LAST_WRITE[0] > 0.5:  # libFuzzer exits without running Python's atexit
            _LAST_WRITE[0] = now
            Path(stats_path).write_text(json.dumps(_STATS))

    atheris.Setup([sys.argv[0], *libfuzzer_args], one_input)
    atheris.Fuzz()


_DONE = re.compile(r"Done (\d+) runs in (\d+) second")


def fuzz(target: str, seconds: int, crashes: Path) -> dict[str, Any]:
    """Run one target in a child process; its figures."""
    crashes.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f"rasad-fuzz-{target}-") as work:
        corpus = Path(work) / "corpus"
        corpus.mkdir()
        for i, data in enumerate(seeds()[target]):
            (corpus / f"seed-{i}").write_bytes(data)
        stats = Path(work) / "stats.json"
        args = [
            f"-max_total_time={seconds}",
            f"-timeout={PER_INPUT_TIMEOUT}",
            f"-max_len={MAX_LEN}",
            "-rss_limit_mb=4096",
            f"-artifact_prefix={crashes}/{target}-",
            "-print_final_stats=1",
            str(corpus),
        ]
        cmd = [sys.executable, __file__, "--child", target, "--stats", str(stats), "--", *args]
        started = time.monotonic()
        proc = subprocess.run(
            cmd, capture_output=True, text=True, errors="replace", cwd=ROOT, timeout=seconds + 300
        )
        wall = time.monotonic() - started
        log = proc.stdout + proc.stderr
        done = _DONE.search(log)
        per_target = json.loads(stats.read_text()) if stats.exists() else {}
        runs = int(done.group(1)) if done else sum(per_target.values())
        crashed = proc.returncode != 0
        return {
            "target": target,
            "seconds": seconds,
            "wall_s": round(wall, 1),
            "inputs": runs,
            "per_target": per_target,
            "corpus": len(list(corpus.iterdir())),
            "crashed": crashed,
            "crash": _crash_summary(log) if crashed else "",
        }


def _crash_summary(log: str) -> str:
    """The lines of libFuzzer's report that say what failed."""
    keep = [
        line
        for line in log.splitlines()
        if any(k in line for k in ("Error", "Exception", "assert", "ALARM", "Test unit written"))
    ]
    return "\n".join(keep[-12:]) or log[-2000:]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--child" in argv:
        cut = argv.index("--")
        parser = argparse.ArgumentParser()
        parser.add_argument("--child", required=True)
        parser.add_argument("--stats", required=True)
        known = parser.parse_args(argv[:cut])
        child(known.child, known.stats, argv[cut + 1 :])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", choices=(*TARGETS, "all", "each"), default="each")
    parser.add_argument("--seconds", type=int, default=60, help="per target")
    parser.add_argument("--out", default=str(RESULTS / "fuzz.json"))
    parser.add_argument("--crashes", default=str(RESULTS / "fuzz-crashes"))
    args = parser.parse_args(argv)
    targets = TARGETS if args.target == "each" else (args.target,)
    rows = [fuzz(t, args.seconds, Path(args.crashes)) for t in targets]
    print(f"{'target':<12}{'seconds':>8}{'inputs':>10}{'per s':>8}{'corpus':>8}  result")
    for r in rows:
        rate = r["inputs"] / max(r["seconds"], 1)
        result = "CRASH" if r["crashed"] else "ok"
        print(
            f"{r['target']:<12}{r['seconds']:>8}{r['inputs']:>10}{rate:>8.0f}{r['corpus']:>8}  {result}"
        )
        if r["crashed"]:
            print(r["crash"])
    print(f"{'total':<12}{'':>8}{sum(r['inputs'] for r in rows):>10}")
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "command": "python bench/fuzz.py " + " ".join(argv),
        "targets": rows,
        "inputs": sum(r["inputs"] for r in rows),
        "crashes": sum(r["crashed"] for r in rows),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    if _empty(args.crashes):
        shutil.rmtree(args.crashes)
    return 1 if report["crashes"] else 0


def _empty(folder: str) -> bool:
    path = Path(folder)
    return path.is_dir() and not any(path.iterdir())


if __name__ == "__main__":
    sys.exit(main())
