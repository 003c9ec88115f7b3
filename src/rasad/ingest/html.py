"""A web page to one article: main text, title, date, author, outlet.

The page's own metadata is trusted first, since the outlet wrote it for
machines: Open Graph and `article:` meta tags, then a JSON-LD `NewsArticle`
(`datePublished`, `author`, `publisher`), then other common meta tags. Only
what the page does not say is inferred: the main text by trafilatura (in its
precision mode, so a page of headlines is not mistaken for an article), a
missing date by htmldate through trafilatura (markup and URL only: a date
mentioned in the text is not the publication date).

A page with little visible text (under `SHORT_PAGE_CHARS`) is taken whole,
less navigation, scripts and the like: there is too little to tell
boilerplate from the article, and trafilatura would then fall back to taking
everything, menus included. Such a page is not an article when most of its
text is link text.

trafilatura drops every character that `str.isprintable` rejects, the
zero-width non-joiner among them, which would break Persian words
(`توافق‌نامه` → `توافقنامه`); ZWNJs are swapped for a printable stand-in
before extraction and restored after.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml.etree import LxmlError

from rasad.ingest.files import (
    _BOMS,
    _CHARSET,
    SNIFF_BYTES,
    InputDoc,
    Result,
    _decode,
    _Page,
    _sniff,
    _warnings,
    fail,
)

SHORT_PAGE_CHARS = 250
MIN_ARTICLE_CHARS = 100
MAX_LINK_SHARE = 0.5
ARTICLE_TYPES = frozenset(
    "NewsArticle Article ReportageNewsArticle AnalysisNewsArticle OpinionNewsArticle"
    " BackgroundNewsArticle BlogPosting LiveBlogPosting".split()
)
_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",  # itemprop on a meta tag
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
    "date",
)
_ZWNJ = "\u200c"
_ZWNJ_ENTITY = re.compile("&(?:zwnj|#0*8204|#x0*200c);", re.I)
_STAND_INS = ("\u16a0", "\u16a1", "\u16a2")  # runic letters: printable, never in Persian news
_DATE_PARAMS = {"original_date": True, "extensive_search": False}


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a page says about itself (empty where it says nothing)."""

    title: str = ""
    url: str = ""
    published: str = ""
    author: str = ""
    site: str = ""
    language: str = ""


def read_page(
    path: str,
    data: bytes,
    *,
    url: str = "",
    content_type: str = "",
    fetched_at: str = "",
) -> Result:
    """Decode a page as served (HTTP charset, BOM or meta charset) and extract it."""
    binary = _sniff(data[:SNIFF_BYTES])[2]
    if binary:
        return fail(path, "binary", why=binary)
    html, encoding, bad = decode_page(data, content_type)
    if not html.strip():
        return fail(path, "empty")
    warnings = _warnings(path, encoding, bad)
    return extract_page(path, html, url=url, fetched_at=fetched_at, warnings=warnings)


def decode_page(data: bytes, content_type: str = "") -> tuple[str, str, int]:
    """(text, encoding, bad sequences): BOM, else valid UTF-8, else the declared charset.

    Valid UTF-8 wins over a declaration because servers often declare a
    default (ISO-8859-1) they do not use, and Persian text that decodes as
    UTF-8 is UTF-8.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text, bad = _decode(data[len(bom) :], encoding)
            return text, encoding, bad
    text, bad = _decode(data, "utf-8")
    if not bad:
        return text, "utf-8", 0
    for declared in (
        _CHARSET.search(content_type.encode("ascii", "ignore")),
        _CHARSET.search(data[:4096]),
    ):
        if declared:
            with contextlib.suppress(LookupError):  # old Persian sites are windows-1256
                encoding = codecs.lookup(declared.group(1).decode("ascii")).name
                other, other_bad = _decode(data, encoding)
                return other, encoding, other_bad
    return text, "utf-8", bad


def extract_page(
    path: str,
    html: str,
    *,
    url: str = "",
    fetched_at: str = "",
    warnings: tuple[str, ...] = (),
) -> Result:
    """One article from a page's HTML, or a failure: `empty`, `no_article`, `unreadable`.

    `url` is where the page came from (fetched, or crawled); a saved page
    without one takes the URL it declares (og:url, canonical link, JSON-LD).
    """
    try:
        return _extract(path, html, url, fetched_at, warnings)
    except (RecursionError, ValueError, AssertionError, LxmlError) as e:
        # A page deep or odd enough to break a parser fails alone.
        return fail(path, "unreadable", why=f"the page cannot be parsed: {type(e).__name__}")


def _extract(path: str, html: str, url: str, fetched_at: str, warnings: tuple[str, ...]) -> Result:
    page = _Page()
    page.feed(html)
    page.close()
    page.flush()
    if not page.lines:
        return fail(path, "empty")
    stand_in = _stand_in(html)
    protected = _protect(html, stand_in)
    tree = _parse(protected)
    meta = _restore_meta(page_meta(tree), stand_in) if tree is not None else PageMeta()
    visible = sum(map(len, page.lines))
    if visible < SHORT_PAGE_CHARS:
        if page.link_chars > MAX_LINK_SHARE * visible:
            return fail(path, "no_article", why="the page is mostly links")
        title = meta.title or " ".join("".join(page.title).split())
        text, extracted = "\n".join(page.lines), PageMeta()
    else:
        found = _main_text(protected if tree is None else tree, url or meta.url)
        if found is None:
            return fail(path, "no_article", why="no main text found")
        text, extracted = _restore(found[0], stand_in), _restore_meta(found[1], stand_in)
        title = meta.title or extracted.title or " ".join("".join(page.title).split())
        text = _drop_title_line(text, title)
        if len(text) < MIN_ARTICLE_CHARS:
            why = f"{len(text)} characters of main text, fewer than {MIN_ARTICLE_CHARS}"
            return fail(path, "no_article", why=why)
    return InputDoc(
        path,
        text,
        title=title,
        url=url or meta.url,  # where it was fetched: some sites set og:url to their home page
        published=meta.published or extracted.published,
        warnings=warnings,
        author=meta.author or extracted.author,
        source=meta.site or extracted.site,
        language=meta.language,
        fetched_at=fetched_at,
    )


def page_meta(tree: Any) -> PageMeta:
    """Title, URL, date, author, outlet and language as the page declares them."""
    tags: dict[str, str] = {}
    for node in tree.iter("meta"):
        key = node.get("property") or node.get("name") or node.get("itemprop") or ""
        content = " ".join((node.get("content") or "").split())
        if key and content:
            tags.setdefault(key.lower(), content)
        if (node.get("http-equiv") or "").lower() == "content-language" and content:
            tags.setdefault("content-language", content)
    ld = _json_ld_article(tree)
    canonical = next(
        (
            n.get("href", "")
            for n in tree.iter("link")
            if (n.get("rel") or "").lower() == "canonical"
        ),
        "",
    )
    authors = [a for a in (tags.get("author", ""), tags.get("article:author", "")) if a]
    return PageMeta(
        title=tags.get("og:title") or _text(ld.get("headline")) or tags.get("twitter:title", ""),
        url=tags.get("og:url") or canonical or _ld_url(ld),
        published=next((tags[k] for k in _DATE_KEYS if tags.get(k)), "")
        or _text(ld.get("datePublished")),
        author=next((a for a in authors if not _is_url(a)), "") or _names(ld.get("author")),
        site=tags.get("og:site_name") or _names(ld.get("publisher")),
        language=language_code(
            tree.get("lang") or tags.get("content-language") or tags.get("og:locale", "")
        ),
    )


def language_code(tag: str) -> str:
    """A language tag as rasad's codes: `fa-IR` → fa, `fa-AF` → prs (Dari), `tg-Cyrl` → tg."""
    parts = tag.strip().replace("_", "-").lower().split("-")
    if not parts[0].isalpha():
        return ""
    if parts[0] == "fa" and "af" in parts[1:]:
        return "prs"
    return parts[0]


def _main_text(html: Any, url: str) -> tuple[str, PageMeta] | None:
    import trafilatura
    from trafilatura.settings import Document

    found = trafilatura.bare_extraction(
        html,
        url=url or None,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        date_extraction_params=_DATE_PARAMS,
    )
    doc = found.as_dict() if isinstance(found, Document) else found
    if not isinstance(doc, dict) or not doc.get("text"):
        return None
    meta = PageMeta(
        title=doc.get("title") or "",
        published=doc.get("date") or "",
        author=doc.get("author") or "",
        site=doc.get("sitename") or "",
    )
    return doc["text"], meta


def _parse(html: str) -> Any:
    from trafilatura.utils import load_html

    return load_html(html)


def _json_ld_article(tree: Any) -> dict[str, Any]:
    """The first JSON-LD object of an article type, else {}."""
    for node in tree.iter("script"):
        if (node.get("type") or "").lower() != "application/ld+json" or not node.text:
            continue
        try:
            data = json.loads(node.text)
        except ValueError:
            continue  # hand-written JSON-LD with a trailing comma is common
        for item in _ld_objects(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(k in ARTICLE_TYPES for k in kinds if isinstance(k, str)):
                return item
    return {}


def _ld_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _ld_objects(data.get("@graph"))


def _ld_url(ld: dict[str, Any]) -> str:
    page = ld.get("mainEntityOfPage")
    if isinstance(page, dict):
        page = page.get("@id") or page.get("url")
    return _text(ld.get("url")) or _text(page)


def _names(value: Any) -> str:
    """`"A"`, `{"name": "A"}` or a list of them → `"A; B"`."""
    items = value if isinstance(value, list) else [value]
    names = [_text(v.get("name")) if isinstance(v, dict) else _text(v) for v in items]
    return "; ".join(n for n in names if n and not _is_url(n))


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://", "//"))


def _drop_title_line(text: str, title: str) -> str:
    """trafilatura keeps the headline as the first line; the title is kept apart."""
    first, _, rest = text.partition("\n")
    if title and " ".join(first.split()) == " ".join(title.split()):
        return rest.lstrip("\n")
    return text


def _stand_in(html: str) -> str:
    return next((c for c in _STAND_INS if c not in html), "")


def _protect(html: str, stand_in: str) -> str:
    if not stand_in:  # the page uses every stand-in: leave it as it is
        return html
    return _ZWNJ_ENTITY.sub(stand_in, html).replace(_ZWNJ, stand_in)


def _restore(text: str, stand_in: str) -> str:
    return text.replace(stand_in, _ZWNJ) if stand_in else text


def _restore_meta(meta: PageMeta, stand_in: str) -> PageMeta:
    if not stand_in:
        return meta
    return PageMeta(*(_restore(getattr(meta, f), stand_in) for f in PageMeta.__dataclass_fields__))
