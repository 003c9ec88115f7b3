"""Hostile input that looks like what Persian news sites really serve.

Random Unicode rarely reaches the interesting branches of a Persian text
pipeline: these strategies build text from Persian words, the characters
crawlers mangle (Arabic yeh and kaf, ZWNJ and ZWJ, kashida, diacritics,
three kinds of digits), the punctuation sentences and quotations turn on,
and markup; then the HTML, feed, WARC and query builders wrap such text in
the structures each reader parses, damaged at random.
"""

from __future__ import annotations

import gzip
import io

from hypothesis import strategies as st

ZWNJ = "\u200c"

# Words that the normalizer, the ZWNJ restorer, the date finder and the query
# expander each treat specially: verb prefixes and plural suffixes written
# apart or glued, month and weekday names, hamza seats, numbers.
WORDS = (
    "رئیس جمهور رئیسجمهور رييس‌جمهور ريیس مي كند میکند می‌کند نمی شود رسانه ها رسانهها"
    " کشورهاییاند گفتوگو گفت‌و‌گو خبرنامهای تاجیکستان افغانستان ایران کابل تهران دوشنبه"
    " امامعلی رحمان مکرون اظهار داشت گفت گفته است روز چهارشنبه سه‌شنبه شنبه هفته آینده دیروز"
    " امروز فردا ۲۱ مهر ۱۴۰۰ مهرماه بیست و یکم ۱۴ اکتبر ۲۰۲۱ ۲۲ اسد ۱۰ محرم ۱۴۴۳ ۱۴۰۰/۷/۲۱"
    " 2021-10-14 14/10/2021 ٢٠٢١ ۳٫۵ 1,000 مئی می مه میزان آ. ج.ا.ا. U.S. Dr. e.g. www.example.com"
    " https://news.example/fa/1 info@example.org #خبر @rasad و در از به با که را این آن"
    " مسئول مسؤول هیئت هیأت سؤال سوال ۀ خانهٔ الله ﷲ ﻻ ﺑﺴﻢ ـــ اقتصــــادی"
).split()

PERSIAN_LETTERS = "ءآأؤإئابتثجحخدذرزسشصضطظعغفقلمنهوپچژکگی"
ARABIC_FORMS = "يكةىەٱ"
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0654\u0670"
JOINERS = "\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u2066\u2069\ufeff\u0640"
DIGITS = "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789"
PUNCT = "«»“”\"'()[]،؛؟?!.…:-–—/٫٬%#@*"
SPACES = " \u00a0\u202f\u2009\t\n\r\u2028\u2029"
OTHER = "abcxyzABCXYZабвгдҷӣқ😀\x00\x07\ufffd"

CHARS = PERSIAN_LETTERS + ARABIC_FORMS + DIACRITICS + JOINERS + DIGITS + PUNCT + SPACES + OTHER

TAGS = (
    "<p>",
    "</p>",
    "<br>",
    "<div class='article-body'>",
    "</div>",
    "<article>",
    "</article>",
    "<h1>",
    "</h1>",
    "<script>var x = '<p>';</script>",
    "<style>p{}</style>",
    "<!-- note -->",
    "<!--",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&nbsp;",
    "&#1740;",
    "&#x200c;",
    "&zwnj;",
    "&bogus;",
    "<a href='/x'>",
    "</a>",
    "<meta charset='windows-1256'>",
    "<meta property='og:title' content='خبر'>",
    "<time datetime='2021-10-14'>",
    "<",
    ">",
)

_char = st.sampled_from(CHARS)
_word = st.sampled_from(WORDS)
_gap = st.sampled_from([" ", " ", " ", "", ZWNJ, "\n", ". ", "، ", "؟ ", "«", "» ", "\u00a0"])


@st.composite
def persian_text(draw: st.DrawFn, max_pieces: int = 60) -> str:
    """Persian-looking text: words and separators, with stray characters mixed in."""
    pieces = draw(
        st.lists(
            st.one_of(_word, _word, _word, _gap, _gap, _char, st.text(_char, max_size=4)),
            max_size=max_pieces,
        )
    )
    return "".join(pieces)


@st.composite
def marked_up_text(draw: st.DrawFn, max_pieces: int = 60) -> str:
    """Persian text with tags and entities among the words."""
    pieces = draw(
        st.lists(
            st.one_of(_word, _word, _gap, _char, st.sampled_from(TAGS)),
            max_size=max_pieces,
        )
    )
    return "".join(pieces)


TEXT = st.one_of(persian_text(), persian_text(), marked_up_text(), st.text(max_size=80))


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` cut short, with bytes flipped, inserted or left out, or as it is."""
    how = draw(st.sampled_from(["whole", "cut", "flip", "insert", "drop"]))
    if how == "whole" or not data:
        return data
    at = draw(st.integers(0, len(data) - 1))
    if how == "cut":
        return data[:at]
    if how == "flip":
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    if how == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    return data[:at] + data[at + draw(st.integers(1, 16)) :]


@st.composite
def html_page(draw: st.DrawFn) -> bytes:
    """An article page: head, maybe JSON-LD, a body of paragraphs; maybe damaged or re-encoded."""
    title = draw(persian_text(8))
    paragraphs = draw(st.lists(persian_text(40), max_size=6))
    body = "".join(f"<p>{draw(marked_up_text(10))}{p}</p>" for p in paragraphs)
    ld = draw(
        st.sampled_from(
            [
                "",
                '<script type="application/ld+json">{"@type":"NewsArticle","headline":"خبر",'
                '"datePublished":"2021-10-14T09:00:00+03:30","author":{"name":"رصد"}}</script>',
                '<script type="application/ld+json">{"@graph": [1, null, {"@type": []}]</script>',
                '<script type="application/ld+json">[[[[[[[[[[[[]]]]]]]]]]]]</script>',
            ]
        )
    )
    lang = draw(st.sampled_from(["fa", "fa-IR", "prs", "", "x" * 3]))
    html = (
        f'<!doctype html><html lang="{lang}" dir="rtl"><head><meta charset="utf-8">'
        f"<title>{title}</title>{ld}</head><body><article><h1>{title}</h1>{body}</article>"
        f"{draw(marked_up_text(20))}</body></html>"
    )
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "cp1256"]))
    data = html.encode(encoding, errors="replace")
    return draw(damaged(data))


@st.composite
def feed_document(draw: st.DrawFn) -> bytes:
    """An RSS or Atom document whose fields are hostile text; maybe damaged."""
    items = []
    for _ in range(draw(st.integers(0, 4))):
        title = _xml_text(draw(marked_up_text(10)), draw(st.booleans()))
        summary = _xml_text(draw(marked_up_text(30)), draw(st.booleans()))
        link = draw(
            st.sampled_from(
                ["https://news.example/fa/1", "/relative", "javascript:alert(1)", "", "http://"]
            )
        )
        date = draw(st.sampled_from(["Tue, 12 Mar 2024 09:30:00 GMT", "دیروز", "", "9999-99-99"]))
        items.append((title, summary, link, date, draw(persian_text(4))))
    if draw(st.booleans()):
        entries = "".join(
            f"<item><title>{t}</title><link>{ln}</link><description>{s}</description>"
            f"<pubDate>{d}</pubDate><guid>{g}</guid></item>"
            for t, s, ln, d, g in items
        )
        doc = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>خبر</title>{entries}</channel></rss>'
    else:
        entries = "".join(
            f'<entry><title>{t}</title><link href="{ln}"/><summary type="html">{s}</summary>'
            f"<updated>{d}</updated><id>{g}</id></entry>"
            for t, s, ln, d, g in items
        )
        doc = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>خبر</title>{entries}</feed>'
    return draw(damaged(doc.encode("utf-8")))


def _xml_text(text: str, cdata: bool) -> str:
    """Text as a feed carries it: escaped, or raw inside CDATA (where tags stay tags)."""
    if cdata:
        return f"<![CDATA[{text}]]>"
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def warc_record(uri: str, payload: bytes, kind: str = "response") -> bytes:
    """One WARC record with an HTTP response payload, framed by hand."""
    headers = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2024-03-12T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(payload)}\r\n\r\n"
    )
    return headers.encode() + payload + b"\r\n\r\n"


@st.composite
def warc_file(draw: st.DrawFn) -> bytes:
    """A crawl file of a few records (pages, odd statuses, chunked bodies); maybe gzip; damaged."""
    records = []
    for n in range(draw(st.integers(0, 3))):
        page = draw(html_page())
        status = draw(st.sampled_from(["200 OK", "404 Not Found", "200", "abc"]))
        extra = draw(
            st.sampled_from(
                ["", "Transfer-Encoding: chunked\r\n", "Content-Encoding: gzip\r\n", "X: y\r\n"]
            )
        )
        http = f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n{extra}\r\n"
        kind = draw(st.sampled_from(["response", "response", "request", "revisit", ""]))
        records.append(warc_record(f"https://news.example/fa/{n}", http.encode() + page, kind))
    data = b"".join(records)
    if draw(st.booleans()):
        out = io.BytesIO()
        for record in records or [b""]:
            out.write(gzip.compress(record))  # one member per record, as CC-NEWS does
        data = out.getvalue()
    return draw(damaged(data))


QUERY = st.one_of(
    persian_text(12),
    st.lists(st.one_of(_word, st.sampled_from(['"', "“", "”", "AND", "OR", "NOT", "*", "^", ":",
                                               "(", ")", "NEAR(", "'", "--", ";", "\\"])),
             max_size=20).map(" ".join),
    st.text(max_size=40),
)  # fmt: skip
