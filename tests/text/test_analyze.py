from datetime import UTC, datetime

from rasad.model import Article
from rasad.text.analyze import analyze_article


def test_analyze_fills_every_text_field() -> None:
    raw = "رئیسجمهور روز چهارشنبه گفت: «ما میایستیم.» او افزود.\nRead More\nرسانهها نوشتند."
    article = analyze_article(
        Article.from_raw(raw, published_at=datetime(2021, 10, 14, tzinfo=UTC))
    )
    assert article.text.startswith("رئیس\u200cجمهور")
    assert [d.text for d in article.dropped] == ["Read More"]
    assert article.language == "fa"
    assert len(article.sentences) == 3
    assert article.tokens and article.tokens[0].text == "رئیس\u200cجمهور"
    assert [(d.text, d.value) for d in article.dates] == [("روز چهارشنبه", "2021-10-13")]
    # Every sentence maps back to the raw text.
    s = article.sentences[-1]
    start, end = article.offsets.span_to_raw(s.start, s.end)
    assert raw[start:end] == "رسانهها نوشتند."
