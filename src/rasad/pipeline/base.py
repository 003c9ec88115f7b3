"""The step contract: `run(articles, rank=0, world_size=1) -> iterator`.

A step is a small picklable object that declares which `Article` fields it
needs and which it adds; `Pipeline` checks the chain when it is built so a
missing dependency fails at once, not halfway through a crawl.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import ClassVar

from rasad.errors import Errors, PipelineError
from rasad.model import Article

# What an article carries before any step has run.
BASE_FIELDS: frozenset[str] = frozenset({"id", "raw", "url", "source", "title", "published_at"})


class Step:
    """Base class for pipeline steps.

    Subclasses implement `process` (one article in, one article out) or
    override `run` for steps that filter, batch or fan out. Heavy resources
    must be loaded lazily (e.g. in a `functools.cache`d loader) so that the
    step pickles small and loads once per worker process.
    """

    name: ClassVar[str] = "step"
    requires: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset()

    def process(self, article: Article) -> Article:
        raise NotImplementedError

    def run(
        self, articles: Iterable[Article], rank: int = 0, world_size: int = 1
    ) -> Iterator[Article]:
        for article in articles:
            yield self.process(article)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Pipeline:
    """An ordered chain of steps, checked for what each needs and adds."""

    def __init__(self, steps: Sequence[Step]) -> None:
        self.steps = list(steps)
        available = set(BASE_FIELDS)
        for step in self.steps:
            missing = step.requires - available
            if missing:
                raise PipelineError(
                    Errors.E010.format(step=step.name, missing=", ".join(sorted(missing)))
                )
            available |= step.provides
        self.provides = frozenset(available)

    def run(
        self, articles: Iterable[Article], rank: int = 0, world_size: int = 1
    ) -> Iterator[Article]:
        stream: Iterable[Article] = articles
        for step in self.steps:
            stream = step.run(stream, rank=rank, world_size=world_size)
        yield from stream

    def process(self, article: Article) -> Article:
        out = list(self.run([article]))
        return out[0] if out else article

    def __repr__(self) -> str:
        return f"Pipeline({self.steps!r})"
