"""The text layer in one call: `analyze_article(Article) -> Article`."""

from __future__ import annotations

from functools import cache

from rasad.model import Article
from rasad.pipeline.base import Pipeline


@cache
def _default_pipeline() -> Pipeline:
    from rasad.pipeline.steps import text_pipeline

    return text_pipeline()


def analyze_article(article: Article) -> Article:
    """Clean, detect language, split sentences and tokens, find dates."""
    return _default_pipeline().process(article)


def warm_up() -> None:
    """Load every lexicon and model now rather than on the first article."""
    analyze_article(Article.from_raw("رئیسجمهور روز چهارشنبه ۲۱ مهر ۱۴۰۰ گفت. Read more"))
