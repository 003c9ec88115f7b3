"""Read the inputs of `rasad analyze` and `rasad normalize`: files, directories, stdin.

`iter_inputs` turns paths into `InputDoc`s and never raises for one bad input:
it yields an `InputFailure` with a coded message and goes on.

- A directory is walked recursively in sorted order; hidden entries, symlinked
  directories, links to files outside the directory, pipes and devices, and
  files of other types are skipped. A directory with nothing
  to read is a failure (`no_inputs`).
- `.txt`, `.md` and files without an extension are one article each, as is
  stdin (`-`). A file of another type named explicitly fails (`unsupported`).
- `.jsonl`/`.ndjson`: one record per line, its path `file:LINE`; `.json`: one
  record or a list of them, each path `file:N` (N counts from 1). A record
  takes its text from text|body|content|article, else abstract + paragraphs
  (the Fars News dumps), title, url|link, published|published_at|date.
- `.html`/`.htm`: a saved page (`rasad.ingest.html`): the main text, title,
  date and author, the page's own metadata first. A page that is not valid
  UTF-8 is decoded with its declared charset if it has one; a page whose text
  is not an article (a list of links) fails (`no_article`).
- `.warc`/`.warc.gz`: a crawl file (`rasad.ingest.warc`), streamed record by
  record with no size limit on the file; each HTML response is one article.
- Binary data (magic numbers, NUL or control bytes in the first 8 KB), empty
  input, or more than `max_bytes` fails (the limit holds for whole files, JSON
  lines included). Text is UTF-8 (a BOM is dropped) or UTF-16/32 with a BOM;
  invalid bytes are replaced and reported as a warning (E005, E009).

`read_lines` streams one input line by line for `normalize`, in constant memory.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from itertools import chain
from typing import Any, AnyStr, BinaryIO, NoReturn

from rasad.errors import Errors, InputError

MAX_BYTES = 20_000_000
SNIFF_BYTES = 8192
_KINDS = {".txt": "text", ".md": "text", "": "text", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_KINDS |= {".json": "json", ".html": "html", ".htm": "html"}
_KINDS |= {".warc": "warc", ".warc.gz": "warc"}
_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = {b"%PDF-": "PDF", b"PK\x03\x04": "ZIP", b"\x1f\x8b": "gzip"}
_MAGIC |= {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
_CONTROL = bytes(set(range(32)) - set(b"\t\n\v\f\r\x1b") | {127})
_TEXT_KEYS = ("text", "body", "content", "article")
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([\w-]+)""", re.I)


class IngestErrors:
    """Coded messages of the ingest readers (numbered apart from `Errors`)."""

    E030 = "[E030] {path}: no article on this page ({why})"
    E031 = "[E031] {path}: damaged crawl file ({why}); {count} records read before it were kept"
    E032 = "[E032] {path}: cannot fetch ({why})"
    E033 = "[E033] {path}: not a usable RSS or Atom feed ({why})"


_MESSAGES = {
    "not_found": Errors.E001,
    "binary": Errors.E002,
    "empty": Errors.E003,
    "too_large": Errors.E004,
    "unreadable": Errors.E006,
    "bad_json": Errors.E007,
    "unsupported": Errors.E008,
    "no_inputs": Errors.E008,
    "no_article": IngestErrors.E030,
    "bad_warc": IngestErrors.E031,
    "bad_feed": IngestErrors.E033,
}


@dataclass(frozen=True, slots=True)
class InputDoc:
    path: str  # file path, "-" for stdin, "file:LINE" (JSON lines) or "file:N" (JSON list)
    text: str  # the article body; the title is kept apart
    title: str = ""
    url: str = ""
    published: str = ""  # as given in the record, unparsed
    warnings: tuple[str, ...] = ()
    author: str = ""
    source: str = ""  # the outlet: a feed's name or a page's site name
    language: str = ""  # a hint from the page or the feed list (fa, prs, tg...), not detected
    country: str = ""  # the outlet's country from the feed list (ISO 3166 alpha-2)
    fetched_at: str = ""  # ISO 8601 UTC time the page was fetched or crawled


@dataclass(frozen=True, slots=True)
class InputFailure:
    path: str
    message: str  # one coded line from `Errors`
    reason: str  # a key of _MESSAGES: not_found, binary, empty, too_large, ...


def _fail(path: str, reason: str, **fields: object) -> InputFailure:
    return InputFailure(path, _MESSAGES[reason].format(path=path, **fields), reason)


def fail(path: str, reason: str, **fields: object) -> InputFailure:
    """A failure with the coded message for `reason` (the readers of this package share it)."""
    return _fail(path, reason, **fields)


def parse_published(value: str) -> datetime | None:
    """An `InputDoc.published` as an aware datetime: ISO 8601, a bare date or RFC 2822.

    A time without a zone is taken as UTC; anything else (a Jalali date
    written out, free text) gives None.
    """
    value = value.strip()
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


@dataclass(slots=True)
class Summary:
    """What an ingest run did: the end-of-run report.

    `read` counts inputs met (files, records, feed items); `new` and
    `duplicate` are decided by whoever stores the documents; `failed` and
    `skipped` count reasons (a skipped input is not an article and not an
    error: an image in a crawl file, a feed item seen on an earlier poll is
    `duplicate`); `fallback` counts feed items taken from the feed's own
    summary because their page failed, by why.
    """

    read: int = 0
    new: int = 0
    duplicate: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    fallback: Counter[str] = field(default_factory=Counter)

    def add(self, other: Summary) -> None:
        self.read += other.read
        self.new += other.new
        self.duplicate += other.duplicate
        self.failed.update(other.failed)
        self.skipped.update(other.skipped)
        self.fallback.update(other.fallback)

    def as_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "new": self.new,
            "duplicate": self.duplicate,
            "failed": dict(self.failed.most_common()),
            "skipped": dict(self.skipped.most_common()),
            "fallback": dict(self.fallback.most_common()),
        }

    def line(self) -> str:
        """One line for a person: `read 12, new 9, duplicate 2, failed 1 (http_404 1)`."""
        parts = [f"read {self.read}", f"new {self.new}", f"duplicate {self.duplicate}"]
        for name in ("failed", "skipped", "fallback"):
            counts: Counter[str] = getattr(self, name)
            if counts:
                why = ", ".join(f"{k} {v}" for k, v in counts.most_common())
                parts.append(f"{name} {counts.total()} ({why})")
        return ", ".join(parts)


Result = InputDoc | InputFailure


def iter_inputs(
    paths: Sequence[str],
    max_bytes: int = MAX_BYTES,
    stdin: BinaryIO | None = None,
    skipped: Counter[str] | None = None,
) -> Iterator[Result]:
    """Documents and failures from `paths`; `skipped` counts what is neither (by reason)."""
    skipped = Counter() if skipped is None else skipped
    for path in paths:
        if path == "-":
            try:
                data = (stdin if stdin is not None else sys.stdin.buffer).read(max_bytes + 1)
            except OSError as e:
                yield _fail(path, "unreadable", why=_why(e))
                continue
            yield from _parse(path, data, "text", max_bytes)
        elif os.path.isdir(path):
            found = False
            for item in _walk(path, max_bytes, skipped):
                found = True
                yield item
            if not found:
                yield _fail(path, "no_inputs", why="no supported files in this directory")
        else:
            yield from _read_file(path, max_bytes, skipped, explicit=True)


def _walk(
    folder: str, max_bytes: int, skipped: Counter[str], root: str | None = None
) -> Iterator[Result]:
    root = root or os.path.realpath(folder)
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as e:
        yield _fail(folder, "unreadable", why=_why(e))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if _is_dir(entry):
            if not entry.is_symlink():  # a linked directory may loop back
                yield from _walk(entry.path, max_bytes, skipped, root)
        elif _kind(entry.name):
            if reason := _not_walkable(entry, root):
                skipped[reason] += 1
            else:
                yield from _read_file(entry.path, max_bytes, skipped)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link that loops back on itself: `_not_walkable` says why
        return False


def _not_walkable(entry: os.DirEntry[str], root: str) -> str:
    """Why a file met while walking is not read: a link out of the folder, or not a file.

    A folder from elsewhere (an unpacked archive, a crawl dump) may hold a link
    to the analyst's own files; only what lies inside the folder is read. A
    pipe or a device would block or never end.
    """
    if entry.is_symlink():
        target = os.path.realpath(entry.path)
        if os.path.commonpath([root, target]) != root:
            return "link_outside"
    try:
        if not stat.S_ISREG(os.stat(entry.path).st_mode):
            return "not_a_file"
    except OSError:
        return "broken_link"
    return ""


def _kind(path: str) -> str:
    if path.lower().endswith(".warc.gz"):
        return "warc"
    return _KINDS.get(os.path.splitext(path)[1].lower(), "")


def _read_file(
    path: str, max_bytes: int, skipped: Counter[str], explicit: bool = False
) -> Iterator[Result]:
    try:
        st = os.stat(path)
        if not _kind(path):
            if explicit:
                why = f"unsupported file type {os.path.splitext(path)[1]!r}"
                yield _fail(path, "unsupported", why=why)
            return
        if _kind(path) == "warc":  # crawl files run to gigabytes: streamed, never read whole
            from rasad.ingest.warc import iter_warc

            yield from iter_warc(path, max_record_bytes=max_bytes, skipped=skipped)
            return
        if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
            yield _fail(path, "too_large", size=st.st_size, limit=max_bytes)
            return
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)  # a pipe or a growing file has no trustworthy size
    except FileNotFoundError:
        yield _fail(path, "not_found")
        return
    except OSError as e:
        yield _fail(path, "unreadable", why=_why(e))
        return
    yield from _parse(path, data, _kind(path), max_bytes)


def _parse(path: str, data: bytes, kind: str, max_bytes: int) -> Iterator[Result]:
    if len(data) > max_bytes:
        yield _fail(path, "too_large", size=f"more than {max_bytes}", limit=max_bytes)
        return
    encoding, bom, binary = _sniff(data[:SNIFF_BYTES])
    if binary:
        yield _fail(path, "binary", why=binary)
        return
    data = data[bom:]
    if kind == "jsonl":
        yield from _json_lines(path, data, encoding)
        return
    text, bad = _decode(data, encoding)
    if bad and kind == "html" and not bom and (m := _CHARSET.search(data[:4096])):
        with contextlib.suppress(LookupError):  # old Persian sites are windows-1256
            encoding = codecs.lookup(m.group(1).decode("ascii")).name
            text, bad = _decode(data, encoding)
    warnings = _warnings(path, encoding, bad)
    if not text.strip():
        yield _fail(path, "empty")
    elif kind == "json":
        yield from _json(path, text, warnings)
    elif kind == "html":
        from rasad.ingest.html import extract_page  # lazy: the extractor loads lxml and more

        yield extract_page(path, text, warnings=warnings)
    else:
        yield InputDoc(path, text, warnings=warnings)


def _sniff(head: bytes) -> tuple[str, int, str]:
    """(encoding, BOM length, why it is binary or "") from the first bytes."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, len(bom), ""
    for magic, name in _MAGIC.items():
        if head.startswith(magic):
            return "", 0, f"{name} signature"
    if b"\0" in head:
        return "", 0, "NUL bytes"
    controls = len(head) - len(head.translate(None, _CONTROL))
    if controls > len(head) / 10:
        return "", 0, f"{controls} control bytes in the first {len(head)}"
    return "utf-8", 0, ""


def _decode(data: bytes, encoding: str) -> tuple[str, int]:
    """The text and how many bad sequences became U+FFFD (genuine U+FFFD not counted)."""
    try:
        return data.decode(encoding), 0
    except UnicodeDecodeError:
        text = data.decode(encoding, "replace")
        return text, text.count("\ufffd") - data.decode(encoding, "ignore").count("\ufffd")


def _warnings(path: str, encoding: str, bad: int) -> tuple[str, ...]:
    if not bad:
        return ()
    if encoding == "utf-8":
        return (Errors.E005.format(path=path, count=bad),)
    return (Errors.E009.format(path=path, encoding=encoding, count=bad),)


def _json_lines(path: str, data: bytes, encoding: str) -> Iterator[Result]:
    found = False
    for n, (line, bad) in enumerate(_lines([data], encoding), 1):
        if not line.strip():
            continue
        found = True
        where = f"{path}:{n}"
        try:
            record = json.loads(line)
        except ValueError as e:
            yield _fail(where, "bad_json", why=str(e))
            continue
        yield _record(where, record, _warnings(where, encoding, bad))
    if not found:
        yield _fail(path, "empty")


def _json(path: str, text: str, warnings: tuple[str, ...]) -> Iterator[Result]:
    try:
        data = json.loads(text)
    except ValueError as e:
        yield _fail(path, "bad_json", why=str(e))
        return
    if not isinstance(data, list):
        yield _record(path, data, warnings)
    elif not data:
        yield _fail(path, "empty")
    for n, record in enumerate(data if isinstance(data, list) else [], 1):
        yield _record(f"{path}:{n}", record, warnings if n == 1 else ())  # say it once


def _record(where: str, record: Any, warnings: tuple[str, ...]) -> Result:
    if not isinstance(record, dict):
        return _fail(where, "bad_json", why=f"expected an object, got {type(record).__name__}")
    text = _field(record, _TEXT_KEYS)
    if text is None and ("abstract" in record or "paragraphs" in record):
        parts = (_field(record, ("abstract",)), _field(record, ("paragraphs",)))
        text = "\n".join(p for p in parts if p)
    if text is None and not any(key in record for key in _TEXT_KEYS):
        return _fail(where, "bad_json", why="no text, body, content, article or paragraphs")
    if not text or not text.strip():
        return _fail(where, "empty")
    return InputDoc(
        where,
        text,
        title=_field(record, ("title",)) or "",
        url=_field(record, ("url", "link")) or "",
        published=_field(record, ("published", "published_at", "date")) or "",
        warnings=warnings,
        author=_field(record, ("author",)) or "",
        source=_field(record, ("source",)) or "",
        language=_field(record, ("language", "lang")) or "",
    )


def _field(record: dict[str, Any], keys: Sequence[str]) -> str | None:
    """The first of `keys` that holds a value, as text (a list of strings becomes lines)."""
    for key in keys:
        value = record.get(key)
        if isinstance(value, list):
            value = "\n".join(v for v in value if isinstance(v, str) and v.strip())
        if isinstance(value, str | int | float) and str(value).strip():
            return str(value)
    return None


class _Page(HTMLParser):
    """Visible text as lines, one per block; the title and a few meta tags.

    `link_chars` counts the visible characters inside links, so a caller can
    tell a list of links from prose.
    """

    SKIP = frozenset("script style nav header footer noscript template svg".split())
    BLOCK = frozenset(
        "p h1 h2 h3 h4 h5 h6 li div br tr td th blockquote pre article section main"
        " ul ol table dd dt figcaption".split()
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.skip = 0
        self.in_title = False
        self.in_link = 0
        self.link_chars = 0

    @classmethod
    def extract(cls, path: str, html: str, warnings: tuple[str, ...]) -> Result:
        page = cls()
        page.feed(html)
        page.close()
        page.flush()
        if not page.lines:
            return _fail(path, "empty")
        meta = page.meta
        return InputDoc(
            path,
            "\n".join(page.lines),
            title=meta.get("og:title") or " ".join("".join(page.title).split()),
            url=meta.get("og:url") or meta.get("canonical", ""),
            published=meta.get("article:published_time", ""),
            warnings=warnings,
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "a":
            self.in_link += 1
        elif tag == "meta" and (key := a.get("property") or a.get("name")) and a.get("content"):
            self.meta.setdefault(key.lower(), a["content"].strip())
        elif tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta.setdefault("canonical", a["href"])
        if tag in self.BLOCK:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skip = max(self.skip - 1, 0)
        elif tag == "title":
            self.in_title = False
        elif tag == "a":
            self.in_link = max(self.in_link - 1, 0)
        if tag in self.BLOCK:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)
            if self.in_link:
                self.link_chars += len("".join(data.split()))

    def flush(self) -> None:
        if line := " ".join("".join(self.parts).split()):
            self.lines.append(line)
        self.parts = []


def read_lines(path: str, max_bytes: int = 1 << 40, stdin: BinaryIO | None = None) -> LineReader:
    """The lines of `path` (stdin for "-"); raises `InputError` for what is known up front."""
    return LineReader(path, max_bytes, stdin)


class LineReader:
    """Lines of one input with their line ends, decoded as they stream past.

    Opening raises `InputError` (missing, unreadable, too large, binary); so does
    iterating if a stream runs over `max_bytes`. Iterate once: `warnings` (bad
    UTF-8) is complete when iteration ends. An empty input has no lines.
    """

    def __init__(self, path: str, max_bytes: int = 1 << 40, stdin: BinaryIO | None = None):
        self.path, self.max_bytes = path, max_bytes
        self.warnings: list[str] = []
        self._file, self._owned = stdin if stdin is not None else sys.stdin.buffer, False
        if path != "-":
            try:
                st = os.stat(path)
                if stat.S_ISDIR(st.st_mode):
                    self._raise("unreadable", why="is a directory")
                if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
                    self._raise("too_large", size=st.st_size, limit=max_bytes)
                self._file, self._owned = open(path, "rb"), True  # noqa: SIM115 - closed by __iter__
            except FileNotFoundError:
                self._raise("not_found")
            except OSError as e:
                self._raise("unreadable", why=_why(e))
        head = self._read(SNIFF_BYTES)
        self._encoding, bom, binary = _sniff(head)
        if binary:
            self.close()
            self._raise("binary", why=binary)
        self._head, self._size = head[bom:], len(head)

    def __iter__(self) -> Iterator[str]:
        bad = 0
        try:
            for line, n in _lines(self._chunks(), self._encoding):
                bad += n
                yield line
        finally:
            self.close()
        self.warnings.extend(_warnings(self.path, self._encoding, bad))

    def close(self) -> None:
        if self._owned:
            self._file.close()

    def _raise(self, reason: str, **fields: object) -> NoReturn:
        raise InputError(_fail(self.path, reason, **fields).message) from None

    def _read(self, n: int) -> bytes:
        try:
            return self._file.read(n)
        except OSError as e:
            self.close()
            self._raise("unreadable", why=_why(e))

    def _chunks(self) -> Iterator[bytes]:
        yield self._head
        while chunk := self._read(1 << 16):
            self._size += len(chunk)
            if self._size > self.max_bytes:
                self._raise("too_large", size=f"more than {self.max_bytes}", limit=self.max_bytes)
            yield chunk


def _lines(chunks: Iterable[bytes], encoding: str) -> Iterator[tuple[str, int]]:
    """Decoded lines (ends kept) with their count of bad sequences."""
    if encoding == "utf-8":  # no UTF-8 sequence holds the byte 0x0A, so split first
        for raw in _split(chunks, b"\n"):
            yield _decode(raw, encoding)
        return
    decoder = codecs.getincrementaldecoder(encoding)("replace")
    texts = (decoder.decode(c, final=not c) for c in chain(filter(None, chunks), [b""]))
    for line in _split(texts, "\n"):
        yield line, line.count("\ufffd")  # plain count: U+FFFD itself is rare in UTF-16/32


def _split(pieces: Iterable[AnyStr], sep: AnyStr) -> Iterator[AnyStr]:
    """Join pieces and cut after each `sep`, holding only the current line."""
    pending: list[AnyStr] = []
    for piece in pieces:
        parts = piece.split(sep)
        for part in parts[:-1]:
            pending.append(part)
            yield sep[:0].join(pending) + sep
            pending = []
        if parts[-1]:
            pending.append(parts[-1])
    if pending:
        yield sep[:0].join(pending)


def _why(e: OSError) -> str:
    return e.strerror or type(e).__name__
