"""Shared helpers for the extraction tests: run the whole analysis on a text."""

from datetime import UTC, datetime

from rasad.model import Article
from rasad.pipeline.steps import analysis_pipeline

_PIPELINE = analysis_pipeline()


def analyze(raw: str, published: str = "2021-10-14") -> Article:
    """The article after the whole analysis (text, entities, quotes, events)."""
    pub = datetime.fromisoformat(published).replace(tzinfo=UTC)
    (article,) = _PIPELINE.run([Article.from_raw(raw, published_at=pub)], 0, 1)
    return article
