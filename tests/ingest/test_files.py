import io
import json
import os
import random
import time
import tracemalloc
from pathlib import Path

import pytest

from rasad.errors import InputError
from rasad.ingest.files import InputDoc, InputFailure, iter_inputs, read_lines

FA = "سلام دنیا"  # "hello world"
RANDOM = random.Random(0).randbytes(4096) + b"\0"


def one(
    path: Path | str, max_bytes: int = 20_000_000, stdin: io.BytesIO | None = None
) -> InputDoc | InputFailure:
    items = list(iter_inputs([str(path)], max_bytes=max_bytes, stdin=stdin))
    assert len(items) == 1, items
    return items[0]


def outcome(item: InputDoc | InputFailure) -> tuple[str, str]:
    """(path, text) for a document, (path, "!reason") for a failure; tests compare these."""
    if isinstance(item, InputFailure):
        return item.path, "!" + item.reason
    return item.path, item.text


def message(item: InputDoc | InputFailure) -> str:
    assert isinstance(item, InputFailure), item
    return item.message


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.txt", FA.encode(), FA),
        ("a.md", f"# {FA}\n".encode(), f"# {FA}\n"),
        ("README", FA.encode(), FA),  # no extension: one article
        ("bom.txt", b"\xef\xbb\xbf" + FA.encode(), FA),
        ("le.txt", FA.encode("utf-16"), FA),  # Python writes a BOM for "utf-16"
        ("be.txt", b"\xfe\xff" + FA.encode("utf-16-be"), FA),
        ("crlf.txt", f"{FA}\r\n{FA}".encode(), f"{FA}\r\n{FA}"),
        ("random.txt", RANDOM, "!binary"),
        ("png.txt", b"\x89PNG\r\n\x1a\n" + FA.encode(), "!binary"),
        ("pdf.txt", b"%PDF-1.7\n" + FA.encode(), "!binary"),
        ("zip.txt", b"PK\x03\x04" + FA.encode(), "!binary"),
        ("gz.txt", b"\x1f\x8b\x08" + FA.encode(), "!binary"),
        ("jpeg.txt", b"\xff\xd8\xff\xe0" + FA.encode(), "!binary"),
        ("controls.txt", b"\x01\x02\x03\x04abcd" * 100, "!binary"),
        ("empty.txt", b"", "!empty"),
        ("blank.txt", b" \n\t\r\n  ", "!empty"),
        ("bom-only.txt", b"\xef\xbb\xbf\n", "!empty"),
        ("utf16-blank.txt", " \n ".encode("utf-16"), "!empty"),
        ("data.csv", b"a,b\n1,2\n", "!unsupported"),
        ("photo.png", b"\x89PNG\r\n\x1a\n", "!unsupported"),
    ],
)
def test_one_file(tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    item = one(path)
    assert outcome(item) == (str(path), expected)
    if isinstance(item, InputFailure):
        code = {"binary": "E002", "empty": "E003", "unsupported": "E008"}[item.reason]
        assert item.message.startswith(f"[{code}] {path}: ")
        assert "\n" not in item.message
    else:
        assert item.warnings == ()


@pytest.mark.parametrize(
    ("data", "text", "bad"),
    [
        (FA.encode() + b"\xff" + FA.encode(), f"{FA}\ufffd{FA}", 1),
        (FA.encode()[:-1], FA[:-1] + "\ufffd", 1),  # cut inside the last letter
        (b"\xc0\xaf" + FA.encode(), "\ufffd\ufffd" + FA, 2),  # overlong "/"
        ("\ufffd".encode() + b"\xfe" + FA.encode(), "\ufffd\ufffd" + FA, 1),  # a real U+FFFD
    ],
)
def test_invalid_utf8_is_replaced_and_reported(
    tmp_path: Path, data: bytes, text: str, bad: int
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    doc = one(path)
    assert isinstance(doc, InputDoc)
    assert doc.text == text
    assert doc.warnings == (
        f"[E005] {path}: invalid UTF-8 ({bad} bad byte sequences replaced with U+FFFD)",
    )


def test_too_large_by_small_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(FA.encode())
    assert isinstance(one(path, max_bytes=len(FA.encode())), InputDoc)
    failure = one(path, max_bytes=5)
    assert isinstance(failure, InputFailure)
    assert failure.reason == "too_large"
    assert failure.message.startswith(f"[E004] {path}: 17 bytes is over the limit of 5 bytes")


def test_real_50_mb_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as f:
        for _ in range(50):
            f.write(b"x" * 1_000_000)
    start = time.perf_counter()
    failure = one(path, max_bytes=20_000_000)
    assert time.perf_counter() - start < 0.5
    assert isinstance(failure, InputFailure)
    assert failure.reason == "too_large"
    assert "50000000 bytes is over the limit of 20000000 bytes" in failure.message


def test_missing_and_unreadable_paths(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text(FA)
    missing, inside_file = tmp_path / "gone.txt", tmp_path / "file.txt" / "x.txt"
    items = list(iter_inputs([str(missing), str(inside_file), str(tmp_path / "gone.csv")]))
    assert [outcome(i) for i in items] == [
        (str(missing), "!not_found"),
        (str(inside_file), "!unreadable"),
        (str(tmp_path / "gone.csv"), "!not_found"),
    ]
    assert message(items[0]) == f"[E001] {missing}: file not found"
    assert message(items[1]).startswith("[E006] ")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(FA)
    path.chmod(0)
    assert outcome(one(path)) == (str(path), "!unreadable")


def test_directory_of_mixed_files(tmp_path: Path) -> None:
    files = {
        "a.txt": FA.encode(),
        "b.txt": RANDOM,
        "c.md": b"",
        "d.jsonl": b'{"text": "one"}\n{not json\n\n{"body": "three", "link": "u"}\n',
        "e.png": b"\x89PNG\r\n\x1a\n",  # not a text type: skipped in a directory
        "notes": b"no extension",
        "sub/deeper/f.txt": b"nested",
        "sub/g.html": b"<p>page</p>",
        ".hidden.txt": b"hidden",
        ".git/HEAD.txt": b"hidden dir",
    }
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    items = list(iter_inputs([str(tmp_path)]))
    p = f"{tmp_path}/"
    assert [outcome(i) for i in items] == [
        (p + "a.txt", FA),
        (p + "b.txt", "!binary"),
        (p + "c.md", "!empty"),
        (p + "d.jsonl:1", "one"),
        (p + "d.jsonl:2", "!bad_json"),
        (p + "d.jsonl:4", "three"),
        (p + "notes", "no extension"),
        (p + "sub/deeper/f.txt", "nested"),
        (p + "sub/g.html", "page"),
    ]
    assert message(items[4]).startswith(f"[E007] {p}d.jsonl:2: not a usable JSON record (")
    assert items[5] == InputDoc(p + "d.jsonl:4", "three", url="u")


def test_empty_directory_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("a,b")
    assert outcome(one(tmp_path)) == (str(tmp_path), "!no_inputs")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (FA.encode(), FA),
        (b"\xef\xbb\xbf" + FA.encode(), FA),
        (FA.encode("utf-16"), FA),
        (b"", "!empty"),
        (b"\0\0\0text", "!binary"),
        (b"x" * 41, "!too_large"),
    ],
)
def test_stdin(data: bytes, expected: str) -> None:
    assert outcome(one("-", stdin=io.BytesIO(data), max_bytes=40)) == ("-", expected)


def test_stdin_reads_at_most_one_byte_over_the_limit() -> None:
    stdin = io.BytesIO(b"x" * 1000)
    assert outcome(one("-", stdin=stdin, max_bytes=10)) == ("-", "!too_large")
    assert stdin.tell() == 11


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"text": "t", "title": "T", "url": "u", "published": "2024-01-02"}, ("t", "T", "u")),
        ({"body": "b", "link": "l", "published_at": "x"}, ("b", "", "l")),
        ({"content": "c"}, ("c", "", "")),
        ({"article": "a"}, ("a", "", "")),
        ({"text": "", "body": "second"}, ("second", "", "")),  # the first with a value
        ({"text": ["p1", "p2"]}, ("p1\np2", "", "")),
        ({"title": "only"}, "!bad_json"),
        ({"text": "  "}, "!empty"),
        (["not", "an", "object"], "!bad_json"),
        (
            {"title": "T", "abstract": "A", "paragraphs": ["P1", "", "P2"], "link": "L"},
            ("A\nP1\nP2", "T", "L"),
        ),
    ],
)
def test_json_lines_records(tmp_path: Path, record: object, expected: object) -> None:
    path = tmp_path / "feed.ndjson"
    path.write_text("\n" + json.dumps(record, ensure_ascii=False) + "\n")
    item = one(path)
    if isinstance(item, InputFailure):
        assert (item.path, "!" + item.reason) == (f"{path}:2", expected)
    else:
        assert (item.text, item.title, item.url) == expected
        assert item.path == f"{path}:2"


def test_json_line_with_invalid_utf8_warns_for_that_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good, bad = json.dumps({"text": FA}, ensure_ascii=False).encode(), b'{"text": "a\xffb"}'
    path.write_bytes(good + b"\n" + bad + b"\n")
    first, second = iter_inputs([str(path)])
    assert isinstance(first, InputDoc) and isinstance(second, InputDoc)
    assert (first.text, first.warnings) == (FA, ())
    assert second.text == "a\ufffdb"
    assert second.warnings == (
        f"[E005] {path}:2: invalid UTF-8 (1 bad byte sequences replaced with U+FFFD)",
    )


FARS = [
    {
        "title": "عنوان خبر",
        "abstract": "خبرگزاری فارس: خلاصه",
        "paragraphs": ["بند اول", "بند دوم"],
        "cat": "اقتصادی",
        "tags": [],
        "link": "https://www.farsnews.ir/news/8707060255",
    },
    {"title": "دومی", "abstract": "", "paragraphs": ["تنها بند"], "link": "l2"},
]


def test_fars_news_json(tmp_path: Path) -> None:
    path = tmp_path / "fars.json"
    path.write_text(json.dumps(FARS, ensure_ascii=False))
    assert list(iter_inputs([str(path)])) == [
        InputDoc(
            f"{path}:1",
            "خبرگزاری فارس: خلاصه\nبند اول\nبند دوم",
            title="عنوان خبر",
            url="https://www.farsnews.ir/news/8707060255",
        ),
        InputDoc(f"{path}:2", "تنها بند", title="دومی", url="l2"),
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ('{"text": "one"}', ["one"]),  # one object: one article at the file's path
        ('[{"text": "x"}, 3]', ["x", "!bad_json"]),
        ("[]", ["!empty"]),
        ("[{", ["!bad_json"]),
    ],
)
def test_json_shapes(tmp_path: Path, data: str, expected: list[str]) -> None:
    path = tmp_path / "a.json"
    path.write_text(data)
    assert [outcome(i)[1] for i in iter_inputs([str(path)])] == expected


def test_real_fars_news_dump() -> None:
    path = Path("/work/shared/data/farsnews-2008/fars-news-1.json")
    if not path.exists():
        pytest.skip("shared Fars News data not present")
    docs = list(iter_inputs([str(path)]))
    assert len(docs) == 300
    assert all(isinstance(d, InputDoc) and d.title and d.text and d.url for d in docs)


HTML = """<!doctype html><html><head><title> Site | عنوان </title>
<meta property="og:url" content="https://x.ir/1">
<meta property="article:published_time" content="2024-03-01T10:00:00+03:30">
<style>p { color: red }</style><script>var s = "<p>not text</p>";</script></head>
<body><nav><a href="/">خانه</a></nav><header>سربرگ</header>
<h1>تیتر</h1><p>بند   اول &amp; <b>مهم</b></p><ul><li>یک</li><li>دو</li></ul>
<script type="application/ld+json">{"a": 1}</script><footer>پانویس</footer></body></html>"""


def test_html_visible_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML)
    assert one(path) == InputDoc(
        str(path),
        "تیتر\nبند اول & مهم\nیک\nدو",
        title="Site | عنوان",
        url="https://x.ir/1",
        published="2024-03-01T10:00:00+03:30",
    )


def test_html_og_title_and_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "old.htm"
    head = '<meta charset="windows-1256"><meta property="og:title" content="OG">'
    arabic_yeh = FA.replace("ی", "ي")  # windows-1256 has no Persian yeh
    path.write_bytes(f"{head}<title>T</title><p>{arabic_yeh}</p>".encode("cp1256"))
    doc = one(path)
    assert isinstance(doc, InputDoc)
    assert (doc.text, doc.title, doc.warnings) == (arabic_yeh, "OG", ())
    path.write_bytes(f"{head}<p>{FA}</p>".encode())  # the declaration is wrong: UTF-8 wins
    assert one(path) == InputDoc(str(path), FA, title="OG")
    (tmp_path / "bare.html").write_text("<script>x()</script><nav>menu</nav>")
    assert outcome(one(tmp_path / "bare.html"))[1] == "!empty"


# read_lines: the streaming reader behind `rasad normalize`


@pytest.mark.parametrize(
    ("data", "lines"),
    [
        (f"{FA}\n\n{FA}".encode(), [f"{FA}\n", "\n", FA]),
        (b"\xef\xbb\xbfa\r\nb\n", ["a\r\n", "b\n"]),
        ("a\nب\n".encode("utf-16"), ["a\n", "ب\n"]),
        (b"", []),
    ],
)
def test_read_lines(tmp_path: Path, data: bytes, lines: list[str]) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    reader = read_lines(str(path))
    assert list(reader) == lines
    assert reader.warnings == []
    assert list(read_lines("-", stdin=io.BytesIO(data))) == lines


def test_read_lines_reports_invalid_utf8_after_iteration(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(FA.encode() + b"\xff\n" + b"ok\n\xfe")
    reader = read_lines(str(path))
    assert list(reader) == [FA + "\ufffd\n", "ok\n", "\ufffd"]
    assert reader.warnings == [
        f"[E005] {path}: invalid UTF-8 (2 bad byte sequences replaced with U+FFFD)"
    ]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("gone.txt", None, "E001"),
        ("bin.txt", RANDOM, "E002"),
        ("big.txt", b"x" * 10_001, "E004"),
        ("dir", "dir", "E006"),
    ],
)
def test_read_lines_refuses_up_front(
    tmp_path: Path, name: str, data: bytes | str | None, code: str
) -> None:
    path = tmp_path / name
    if data == "dir":
        path.mkdir()
    elif isinstance(data, bytes):
        path.write_bytes(data)
    with pytest.raises(InputError, match=rf"^\[{code}\] {path}: "):
        read_lines(str(path), max_bytes=10_000)


def test_read_lines_stops_a_stream_over_the_limit() -> None:
    reader = read_lines("-", max_bytes=100_000, stdin=io.BytesIO(b"line\n" * 50_000))
    with pytest.raises(InputError, match="E004"):
        list(reader)


def test_read_lines_streams_50_mb_in_bounded_memory(tmp_path: Path) -> None:
    line = (FA + " ") * 50 + "\n"  # about 850 bytes, so lines straddle every chunk boundary
    n = 50_000_000 // len(line.encode())
    path = tmp_path / "big.txt"
    with path.open("w", encoding="utf-8") as f:
        for _ in range(n // 1000):
            f.write(line * 1000)
    assert path.stat().st_size > 49_000_000
    tracemalloc.start()
    try:
        count = 0
        for got in read_lines(str(path)):
            assert got == line
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == n // 1000 * 1000
    assert peak < 20_000_000


# additions for the ingest readers: more record fields, the run summary


def test_json_lines_with_dates_and_outlet_fields(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    records = [
        {"content": "c", "title": "T", "url": "u", "date": "2024-05-01", "author": "A"},
        {"body": "b", "source": "Pajhwok", "lang": "prs"},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text(lines[0] + "\n{broken\n" + lines[1] + "\n")
    first, bad, second = iter_inputs([str(path)])
    assert first == InputDoc(
        f"{path}:1", "c", title="T", url="u", published="2024-05-01", author="A"
    )
    assert isinstance(bad, InputFailure) and (bad.path, bad.reason) == (f"{path}:2", "bad_json")
    assert second == InputDoc(f"{path}:3", "b", source="Pajhwok", language="prs")


def test_summary_counts_and_reads_as_one_line() -> None:
    from collections import Counter

    from rasad.ingest.files import Summary

    total = Summary(read=3, new=2, failed=Counter({"http_404": 1}))
    total.add(Summary(read=2, duplicate=1, failed=Counter({"http_404": 1, "timeout": 1})))
    assert total.line() == "read 5, new 2, duplicate 1, failed 3 (http_404 2, timeout 1)"
    assert total.as_dict() == {
        "read": 5,
        "new": 2,
        "duplicate": 1,
        "failed": {"http_404": 2, "timeout": 1},
        "skipped": {},
        "fallback": {},
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-12T09:30:00+03:30", "2024-03-12T09:30:00+03:30"),
        ("2024-03-12T06:00:00Z", "2024-03-12T06:00:00+00:00"),
        ("2024-03-12", "2024-03-12T00:00:00+00:00"),
        ("2024-03-12 10:00:00", "2024-03-12T10:00:00+00:00"),
        ("Tue, 12 Mar 2024 06:00:00 GMT", "2024-03-12T06:00:00+00:00"),
        ("Tue, 12 Mar 2024 09:30:00 +0330", "2024-03-12T09:30:00+03:30"),
        ("۲۲ اسفند ۱۴۰۲", None),
        ("", None),
    ],
)
def test_parse_published(value: str, expected: str | None) -> None:
    from rasad.ingest.files import parse_published

    when = parse_published(value)
    assert (when.isoformat() if when else None) == expected
