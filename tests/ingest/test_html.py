import re
from pathlib import Path

import pytest

from rasad.ingest.files import InputDoc, InputFailure, iter_inputs
from rasad.ingest.html import decode_page, extract_page, language_code, read_page

FIXTURES = Path(__file__).parent / "fixtures"
ZWNJ = "\u200c"


def doc(result: InputDoc | InputFailure) -> InputDoc:
    assert isinstance(result, InputDoc), result
    return result


def test_article_with_open_graph_metadata() -> None:
    page = doc(read_page("p", (FIXTURES / "article.html").read_bytes()))
    assert page.title == f"تاجیکستان و ازبکستان توافق{ZWNJ}نامه تقسیم آب امضا کردند"
    assert (page.url, page.published) == (
        "https://news.example/fa/world-1001",
        "2024-03-12T09:30:00+03:30",
    )
    assert (page.author, page.source, page.language) == ("گزارشگر نمونه", "خبرنامه نمونه", "fa")
    lines = page.text.split("\n")
    assert len(lines) == 5
    assert lines[0].startswith("وزیران انرژی تاجیکستان و ازبکستان روز سه\u200cشنبه")
    assert lines[-1].endswith("به سازوکارهای چندجانبه تبدیل شوند.")
    for furniture in (
        "ورزش",
        "خبرهای مرتبط",
        "نیروگاه راغون",
        "حقوق محفوظ",
        "درباره ما",
        "۲۲ اسفند",
    ):
        assert furniture not in page.text
    assert page.title not in page.text  # the headline is kept apart


def test_zwnj_survives_extraction() -> None:
    """trafilatura drops ZWNJ (not printable); the reader must put every one back."""
    html = (FIXTURES / "article.html").read_text(encoding="utf-8")
    article = html[html.index("<article>") : html.index("</article>")]
    paragraphs = re.findall("<p>(.*?)</p>", article)
    page = doc(extract_page("p", html))
    assert page.text.split("\n") == paragraphs
    assert page.text.count(ZWNJ) == 20


def test_json_ld_metadata_when_there_is_no_open_graph() -> None:
    page = doc(read_page("p", (FIXTURES / "article_jsonld.html").read_bytes()))
    assert page.title == "افزایش بهای گندم در بازارهای کابل"
    assert page.url == "https://media.example/news/2024/wheat"
    assert page.published == "2024-05-02T07:15:00+04:30"
    assert page.author == "نویسنده نخست; نویسنده دوم"
    assert (page.source, page.language) == ("رسانه نمونه", "prs")  # lang="fa-AF" is Dari
    assert page.text.startswith("بهای گندم و آرد در بازارهای کابل")
    assert "کلیه حقوق" not in page.text and "سیاست" not in page.text


def test_a_list_of_headlines_is_not_an_article() -> None:
    failure = read_page("latest.html", (FIXTURES / "index.html").read_bytes())
    assert isinstance(failure, InputFailure)
    assert failure.reason == "no_article"
    assert failure.message.startswith("[E030] latest.html: no article on this page (")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>خبر کوتاه: بارش برف راه‌ها را بست.</p>", "خبر کوتاه: بارش برف راه‌ها را بست."),
        (
            '<div><a href="/1">ایران</a> <a href="/2">جهان</a> <a href="/3">ورزش</a></div>',
            "!no_article",
        ),
        ("<script>x()</script><nav>منو</nav>", "!empty"),
    ],
)
def test_short_pages(body: str, expected: str) -> None:
    result = extract_page("p", f"<html><body>{body}</body></html>")
    got = doc(result).text if isinstance(result, InputDoc) else "!" + result.reason
    assert got == expected


def test_old_windows_1256_page_with_zwnj_entities_and_a_date_in_the_url() -> None:
    paragraph = (
        "این گزارش درباره&zwnj;ی بازار کتاب است و نویسنده&#8204;ها در آن سخن گفته&#x200C;اند. "
    )
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        "<title>بازار کتاب</title></head><body><div id='menu'><a href='/'>خانه</a></div>"
        f"<div class='news'><h1>بازار کتاب</h1><p>{paragraph * 4}</p><p>{paragraph * 3}</p></div>"
        "</body></html>"
    )
    data = html.replace("ی", "ي").encode("cp1256")  # windows-1256 has no Persian yeh
    page = doc(read_page("old", data, url="https://old.example/news/2009/06/12/42.html"))
    assert page.warnings == ()
    assert "درباره\u200cي بازار" in page.text and "نويسنده\u200cها" in page.text
    assert "گفته\u200cاند" in page.text
    assert page.title == "بازار کتاب".replace("ی", "ي")
    assert page.published == "2009-06-12"  # htmldate, from the URL
    assert page.url == "https://old.example/news/2009/06/12/42.html"


def test_page_that_contains_the_zwnj_stand_ins_is_still_read() -> None:
    html = (FIXTURES / "article.html").read_text(encoding="utf-8")
    html = html.replace("</article>", "<p>ᚠᚡᚢ " + "متن افزوده برای آزمون. " * 5 + "</p></article>")
    page = doc(extract_page("p", html))
    assert "ᚠᚡᚢ" in page.text


@pytest.mark.parametrize(
    ("head", "field", "expected"),
    [
        ('<meta property="og:title" content="OG"><title>T</title>', "title", "OG"),
        ('<meta name="twitter:title" content="TW"><title>T</title>', "title", "TW"),
        (
            '<link rel="canonical" href="https://c/1"><meta property="og:url" content="https://o/1">',
            "url",
            "https://o/1",
        ),
        ('<link rel="canonical" href="https://c/1">', "url", "https://c/1"),
        ('<meta name="pubdate" content="2024-01-02">', "published", "2024-01-02"),
        ('<meta itemprop="datePublished" content="2024-01-03">', "published", "2024-01-03"),
        ('<meta property="article:author" content="https://facebook.com/x">', "author", ""),
        ('<meta name="author" content="نام">', "author", "نام"),
        (
            '<script type="application/ld+json">{"@type": ["NewsArticle"], "author": "الف", }</script>',
            "author",
            "",
        ),
        (
            '<script type="application/ld+json">[{"@type": "NewsArticle", "author": {"name": "ب"}}]</script>',
            "author",
            "ب",
        ),
        ('<meta property="og:site_name" content="سایت">', "source", "سایت"),
        ('<meta http-equiv="content-language" content="tg-TJ">', "language", "tg"),
    ],
)
def test_page_metadata(head: str, field: str, expected: str) -> None:
    page = doc(extract_page("p", f"<html><head>{head}</head><body><p>متن خبر</p></body></html>"))
    assert getattr(page, field) == expected


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("fa-IR", "fa"),
        ("fa_AF", "prs"),
        ("FA", "fa"),
        ("tg-Cyrl-TJ", "tg"),
        ("en", "en"),
        ("", ""),
        ("*", ""),
    ],
)
def test_language_code(tag: str, code: str) -> None:
    assert language_code(tag) == code


@pytest.mark.parametrize(
    ("data", "content_type", "text", "encoding"),
    [
        ("سلام".encode(), "", "سلام", "utf-8"),
        ("سلام".encode(), "text/html; charset=iso-8859-1", "سلام", "utf-8"),  # valid UTF-8 wins
        ("سلام".encode("utf-16"), "", "سلام", "utf-16-le"),
        ("سلام".encode("cp1256"), "text/html; charset=windows-1256", "سلام", "cp1256"),
        (
            b'<meta charset="windows-1256">' + "سلام".encode("cp1256"),
            "",
            '<meta charset="windows-1256">سلام',
            "cp1256",
        ),
    ],
)
def test_decode_page(data: bytes, content_type: str, text: str, encoding: str) -> None:
    assert decode_page(data, content_type)[:2] == (text, encoding)


def test_saved_pages_in_a_directory(tmp_path: Path) -> None:
    for name in ("article.html", "index.html"):
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    items = list(iter_inputs([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["InputDoc", "InputFailure"]
    assert doc(items[0]).source == "خبرنامه نمونه"
    assert isinstance(items[1], InputFailure) and items[1].reason == "no_article"
