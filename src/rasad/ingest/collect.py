"""From an input document to a stored, analysed article in its story.

`Collector` is the sink that `rasad watch` (and anything else that takes
articles one at a time) hands documents to: it analyses each, stores it once
(the store keys articles by a hash of their normalized text) and puts it in a
story of near-duplicates with the MinHash index, which it rebuilds from the
signatures the store keeps, so that stories survive restarts.
"""

from __future__ import annotations

from typing import Any

from rasad.ingest.dedup import StoryIndex, fingerprint, signature_bytes
from rasad.ingest.files import InputDoc, parse_published
from rasad.model import Article
from rasad.pipeline.steps import analysis_pipeline


class Collector:
    """Analyse, store and group documents; counts what happened to them."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.pipeline = analysis_pipeline()
        self.stories = StoryIndex()
        self.story_ids: dict[str, int] = {}  # index story key -> store story id
        for article_id, story_id, blob in store.iter_signatures():
            self._remember(article_id, story_id, blob)
        self.counts = {"new": 0, "duplicate": 0, "failed": 0}

    def _remember(self, article_id: int, story_id: int | None, blob: bytes) -> None:
        from rasad.ingest.dedup import signature_from_bytes

        key = str(story_id) if story_id is not None else f"a{article_id}"
        match = self.stories.add(str(article_id), signature_from_bytes(blob), story_id=key)
        if story_id is not None:
            self.story_ids[match.story_id] = story_id

    def __call__(self, doc: InputDoc) -> bool:
        """Store one document; False when its text was already stored."""
        article = Article.from_raw(
            doc.text,
            title=doc.title,
            url=doc.url or doc.path,
            source=doc.source or doc.path,
            published_at=parse_published(doc.published) if doc.published else None,
        )
        (analysed,) = self.pipeline.run([article], 0, 1)
        return self.add(analysed)

    def add(self, article: Article) -> bool:
        """Store an analysed article in its story; False unless it is new."""
        return self.add_result(article).status == "new"

    def add_result(self, article: Article) -> Any:
        """Store an analysed article in its story; the store's result."""
        _, values = fingerprint(article.text, article.title)
        try:
            result = self.store.add_article(article, signature=signature_bytes(values))
        except self.store.db.article_errors as e:
            from rasad.store.records import AddResult

            self.counts["failed"] += 1
            return AddResult(0, "", "failed", str(e))
        if result.status != "new":
            self.counts[result.status if result.status in self.counts else "failed"] += 1
            return result
        self.counts["new"] += 1
        match = self.stories.add(str(result.id), values)
        story = self.store.assign_story(result.id, self.story_ids.get(match.story_id))
        self.story_ids[match.story_id] = story
        return result
