"""Crawl files (WARC, as Common Crawl's CC-NEWS ships them) to articles.

Each `response` record whose HTTP status is 2xx and whose payload is HTML
becomes one article: its URL is the record's `WARC-Target-URI`, `fetched_at`
its `WARC-Date`, and the page itself says the rest (`rasad.ingest.html`).
Every other record is skipped and counted by why: other record types
(`warcinfo`, `request`, `revisit`, `metadata`), other payloads
(`not_html`), other statuses (`http_404`...), payloads over the size
limit (`too_large`) and records whose payload cannot be decoded (`broken`).

The file is streamed, so its size does not matter; the size limit holds
per record. Damage ends that file with one `bad_warc` failure and keeps the
articles read before it: a record header that is not WARC or lacks its type
or length, a record the file ends inside, bytes after the last whole record,
a gzip member cut short (warcio itself reads a cut file as far as it goes
without a word, so these are checked here).
"""

from __future__ import annotations

import os
import zlib
from collections import Counter
from collections.abc import Iterator
from typing import Any

from rasad.ingest.files import MAX_BYTES, Result, fail
from rasad.ingest.html import read_page

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_HTML_START = (b"<!doctype html", b"<html")


def iter_warc(
    path: str, max_record_bytes: int = MAX_BYTES, skipped: Counter[str] | None = None
) -> Iterator[Result]:
    """Articles and failures from one WARC file; `skipped` counts the other records."""
    from warcio.archiveiterator import ArchiveIterator

    skipped = Counter() if skipped is None else skipped
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below, after the records
    except FileNotFoundError:
        yield fail(path, "not_found")
        return
    except OSError as e:
        yield fail(path, "unreadable", why=e.strerror or type(e).__name__)
        return
    with f:
        stream = _GzipCheck(f) if f.read(2) == b"\x1f\x8b" else f
        f.seek(0)
        records = ArchiveIterator(stream)
        n, why = 0, ""
        while True:
            try:
                record = next(records, None)  # warcio fails in many ways on damaged input
            except Exception as e:  # noqa: BLE001 - any of them ends this file alone
                why = f"record {n + 1} cannot be read: {_why(e)}"
                break
            if record is None:
                why = _unread_tail(records, f, stream)
                break
            n += 1
            if not record.rec_type or record.rec_headers.get_header("Content-Length") is None:
                n, why = n - 1, f"record {n} has no WARC-Type or Content-Length"
                break  # a header cut short, most likely
            try:
                item = _record(f"{path}:{n}", record, max_record_bytes, skipped)
                _drain(record)
            except _CutShort as e:
                n, why = n - 1, str(e)  # a record cut short is not kept
                break
            if item is not None:
                yield item
        if why:
            yield fail(path, "bad_warc", why=why, count=n)


def _unread_tail(records: Any, f: Any, stream: Any) -> str:
    """Why the file is damaged after its last whole record, else ""."""
    end, size = records.offset, os.fstat(f.fileno()).st_size
    if end < size:
        return f"{size - end} bytes at the end are not a whole record"
    if isinstance(stream, _GzipCheck) and not stream.whole:
        return "the file ends inside a gzip member"
    return ""


def _drain(record: Any) -> None:
    """Read the rest of a record; `_CutShort` if the file ends before it does."""
    stream = record.raw_stream
    while stream.read(1 << 16):
        pass
    if getattr(stream, "limit", 0) > 0:
        raise _CutShort("the file ends inside a record")


class _GzipCheck:
    """A gzip file's bytes, passed through while checking each member ends whole.

    warcio reads a cut gzip member as far as it goes without a word; the
    members are inflated a second time here (output discarded), which costs
    little next to extracting the pages.
    """

    def __init__(self, f: Any) -> None:
        self.f = f
        self.inflater = zlib.decompressobj(31)
        self.whole = True  # at a member boundary

    def read(self, size: int = -1) -> bytes:
        data = self.f.read(size)
        rest = data
        while rest:
            self.inflater.decompress(rest)
            if self.inflater.eof:
                rest = self.inflater.unused_data
                self.inflater = zlib.decompressobj(31)
                self.whole = True
            else:
                rest, self.whole = b"", False
        return data

    def tell(self) -> int:
        return int(self.f.tell())


def _record(where: str, record: Any, max_bytes: int, skipped: Counter[str]) -> Result | None:
    """The article in one record, a failure for a page that is not one, else None (skipped)."""
    if record.rec_type != "response":
        skipped[record.rec_type] += 1
        return None
    http = record.http_headers
    if http is None:
        skipped["no_http_headers"] += 1
        return None
    status = http.get_statuscode() or ""
    if not status.startswith("2"):
        skipped[f"http_{status or 'unknown'}"] += 1
        return None
    content_type = http.get_header("Content-Type") or ""
    data = _payload(record, http, max_bytes)
    if data is None:
        skipped["broken"] += 1
        return None
    if len(data) > max_bytes:
        skipped["too_large"] += 1
        return None
    if not _is_html(content_type, record, data):
        skipped["not_html"] += 1
        return None
    return read_page(
        where,
        data,
        url=record.rec_headers.get_header("WARC-Target-URI") or "",
        content_type=content_type,
        fetched_at=record.rec_headers.get_header("WARC-Date") or "",
    )


def _payload(record: Any, http: Any, max_bytes: int) -> bytes | None:
    """The HTTP body as the server meant it (de-chunked, decompressed), or None if broken.

    warcio's own decoding falls back to the raw bytes, or stops without a word,
    when the payload does not match its headers; here such a record is broken.
    Raises `_CutShort` when the file ends inside the record.
    """
    data = record.raw_stream.read(max_bytes + 1)
    _drain(record)
    if len(data) > max_bytes:
        return data  # too large already, before any decoding
    try:
        if "chunked" in (http.get_header("Transfer-Encoding") or "").lower():
            data = _dechunk(data)
        encoding = (http.get_header("Content-Encoding") or "identity").strip().lower()
        if encoding in ("gzip", "x-gzip", "deflate"):
            wbits = 47 if "gzip" in encoding else 15  # 47: gzip or zlib header
            inflater = zlib.decompressobj(wbits)
            data = inflater.decompress(data, max_bytes + 1)
            if not inflater.eof and len(data) <= max_bytes:
                return None  # a cut or garbled stream
        elif encoding not in ("identity", ""):
            return None  # br, zstd: not decoded here
    except (zlib.error, ValueError):
        return None
    return data


def _dechunk(data: bytes) -> bytes:
    """The body of a chunked transfer; ValueError if the chunk framing is wrong."""
    out, pos = bytearray(), 0
    while True:
        end = data.index(b"\r\n", pos)
        size = int(data[pos:end].split(b";")[0].strip() or b"x", 16)
        if size == 0:
            return bytes(out)
        out += data[end + 2 : end + 2 + size]
        if len(data) < end + 2 + size:
            raise ValueError("chunk cut short")
        pos = end + 4 + size


class _CutShort(Exception):
    pass


def _is_html(content_type: str, record: Any, data: bytes) -> bool:
    declared = content_type or record.rec_headers.get_header("WARC-Identified-Payload-Type") or ""
    if declared:
        return declared.split(";")[0].strip().lower() in _HTML_TYPES
    return data[:512].lstrip().lower().startswith(_HTML_START)


def _why(e: Exception) -> str:
    text = " ".join(str(e).split())[:200]
    return f"{type(e).__name__}: {text}" if text else type(e).__name__
