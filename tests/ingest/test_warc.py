"""Crawl files written with warcio the way CC-NEWS is: gzip, response records with HTTP headers."""

import gzip
import io
from collections import Counter
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rasad.ingest.files import InputDoc, InputFailure, iter_inputs
from rasad.ingest.warc import iter_warc

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = (FIXTURES / "article.html").read_bytes()
WHEAT = (FIXTURES / "article_jsonld.html").read_bytes()
INDEX = (FIXTURES / "index.html").read_bytes()
DATE = "2024-03-12T10:00:00Z"


def chunked(body: bytes) -> bytes:
    pieces = [body[i : i + 700] for i in range(0, len(body), 700)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"


# (target URI, HTTP status, headers, payload); record 1 is warcinfo, record 2 a request
RESPONSES = [
    ("https://news.example/fa/world-1001", "200 OK", {}, ARTICLE),  # 3
    ("https://news.example/logo.png", "200 OK", {"Content-Type": "image/png"}, b"\x89PNG\r\n"),  # 4
    ("https://news.example/gone", "404 Not Found", {}, b"<html>gone</html>"),  # 5
    ("https://news.example/fa/latest", "200 OK", {}, INDEX),  # 6: no article
    ("https://news.example/broken-gzip", "200 OK", {"Content-Encoding": "gzip"}, b"not gzip"),  # 7
    (
        "https://news.example/broken-chunks",
        "200 OK",
        {"Transfer-Encoding": "chunked"},
        b"zz\r\nab",
    ),  # 8
    (
        "https://media.example/wheat-gz",
        "200 OK",
        {"Content-Encoding": "gzip"},
        gzip.compress(WHEAT),
    ),  # 9
    (
        "https://media.example/wheat-chunked",
        "200 OK",
        {"Transfer-Encoding": "chunked"},
        chunked(WHEAT),
    ),  # 10
    ("https://media.example/no-type", "200 OK", {"Content-Type": ""}, WHEAT),  # 11: sniffed
]


def write_warc(path: Path, compress: bool = True) -> None:
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "rasad tests"}))
        request = StatusAndHeaders(
            "GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True
        )
        writer.write_record(
            writer.create_warc_record("https://news.example/", "request", http_headers=request)
        )
        for uri, status, extra, body in RESPONSES:
            headers = {"Content-Type": "text/html; charset=utf-8"} | extra
            http = StatusAndHeaders(
                status, [(k, v) for k, v in headers.items() if v], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": DATE},
            )
            writer.write_record(record)


def outcome(item: InputDoc | InputFailure) -> tuple[str, str]:
    if isinstance(item, InputFailure):
        return item.path.rsplit(":", 1)[-1], "!" + item.reason
    return item.path.rsplit(":", 1)[-1], item.url


EXPECTED = [
    ("3", "https://news.example/fa/world-1001"),
    ("6", "!no_article"),
    ("9", "https://media.example/wheat-gz"),  # the target URI, not the URL the page declares
    ("10", "https://media.example/wheat-chunked"),
    ("11", "https://media.example/no-type"),
]
SKIPPED = {"warcinfo": 1, "request": 1, "not_html": 1, "http_404": 1, "broken": 2}


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_html_responses_become_articles(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(path, compress=name.endswith(".gz"))
    skipped: Counter[str] = Counter()
    items = list(iter_warc(str(path), skipped=skipped))
    assert [outcome(i) for i in items] == EXPECTED
    assert skipped == SKIPPED
    first = items[0]
    assert isinstance(first, InputDoc)
    assert first.path == f"{path}:3"
    assert first.fetched_at == DATE
    assert first.title.startswith("تاجیکستان و ازبکستان")
    assert "\u200c" in first.text
    same = [(d.text, d.title, d.published, d.author) for d in items[2:] if isinstance(d, InputDoc)]
    assert len(same) == 3 and len(set(same)) == 1  # gzip, chunked and untyped payloads alike


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
@pytest.mark.parametrize("fraction", [0.25, 0.5, 0.75, 0.97])
def test_a_truncated_file_keeps_what_was_read(tmp_path: Path, name: str, fraction: float) -> None:
    whole = tmp_path / name
    write_warc(whole, compress=name.endswith(".gz"))
    data = whole.read_bytes()
    cut = tmp_path / f"cut-{name}"
    cut.write_bytes(data[: int(len(data) * fraction)])
    items = list(iter_warc(str(cut)))
    *kept, last = items
    assert isinstance(last, InputFailure) and last.reason == "bad_warc"
    assert last.path == str(cut)
    assert last.message.startswith(f"[E031] {cut}: damaged crawl file (")
    assert [outcome(i) for i in kept] == EXPECTED[: len(kept)]
    assert len(kept) < len(EXPECTED)


@pytest.mark.parametrize(
    "data",
    [
        gzip.compress(b"hello world\n" * 20),
        b"WARC/1.0\r\nWARC-Type: response\r\n\r\n",
        b"\x1f\x8b\x08\x00garbage",
    ],
)
def test_a_file_that_is_not_warc(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "x.warc.gz"
    path.write_bytes(data)
    items = list(iter_warc(str(path)))
    assert [i.reason for i in items if isinstance(i, InputFailure)] == ["bad_warc"]


def test_records_over_the_size_limit_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    skipped: Counter[str] = Counter()
    items = list(iter_warc(str(path), max_record_bytes=1500, skipped=skipped))
    assert items == []
    assert skipped["too_large"] == 5  # every page; the tiny payloads are skipped for other reasons


def test_iter_inputs_reads_crawl_files_in_a_directory(tmp_path: Path) -> None:
    write_warc(tmp_path / "a.warc.gz")
    write_warc(tmp_path / "b.warc")
    (tmp_path / "c.gz").write_bytes(gzip.compress(b"x"))  # not a crawl file: skipped
    skipped: Counter[str] = Counter()
    assert min((tmp_path / n).stat().st_size for n in ("a.warc.gz", "b.warc")) > 4000
    items = list(iter_inputs([str(tmp_path)], max_bytes=4000, skipped=skipped))
    assert len(items) == 2 * len(EXPECTED)  # the limit holds per record, not per crawl file
    assert skipped == Counter({k: 2 * v for k, v in SKIPPED.items()})
    missing = list(iter_inputs([str(tmp_path / "gone.warc.gz")]))
    assert [(i.path, i.reason) for i in missing if isinstance(i, InputFailure)] == [
        (str(tmp_path / "gone.warc.gz"), "not_found")
    ]
