"""Pipeline steps of the text layer: thin adapters around pure functions."""

from __future__ import annotations

from typing import ClassVar

from rasad.model import Article, Span
from rasad.pipeline.base import Pipeline, Step


class CleanStep(Step):
    """Drop boilerplate, repair characters and ZWNJs; keep the offset map."""

    name = "clean"
    requires: ClassVar[frozenset[str]] = frozenset({"raw"})
    provides: ClassVar[frozenset[str]] = frozenset({"text", "dropped", "offsets"})

    def process(self, article: Article) -> Article:
        from rasad.text.clean import clean_text

        cleaned = clean_text(article.raw)
        return article.evolve(text=cleaned.text, dropped=cleaned.dropped, offsets=cleaned.offsets)


class LanguageStep(Step):
    name = "language"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset(
        {"language", "language_confidence", "line_languages"}
    )

    def process(self, article: Article) -> Article:
        from rasad.text.language import detect_language, detect_lines

        guess = detect_language(article.text)
        lines = tuple(detect_lines(article.text.split("\n"))) if article.text else ()
        return article.evolve(
            language=guess.code, language_confidence=guess.confidence, line_languages=lines
        )


class SentenceStep(Step):
    name = "sentences"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset({"sentences"})

    def process(self, article: Article) -> Article:
        from rasad.text.sentences import split_sentences

        spans = tuple(Span(s, e, "sentence", "rules") for s, e in split_sentences(article.text))
        return article.evolve(sentences=spans)


class TokenStep(Step):
    name = "tokens"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset({"tokens"})

    def __init__(self, lemmas: bool = False) -> None:
        self.lemmas = lemmas

    def process(self, article: Article) -> Article:
        from rasad.text.tokens import lemmatize, tokenize

        tokens = tokenize(article.text)
        if self.lemmas:
            tokens = lemmatize(tokens)
        return article.evolve(tokens=tuple(tokens))

    def __repr__(self) -> str:
        return f"TokenStep(lemmas={self.lemmas})"


class DateStep(Step):
    name = "dates"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset({"dates"})

    def process(self, article: Article) -> Article:
        from rasad.text.dates import find_dates

        published = article.published_at.date() if article.published_at else None
        if article.language == "tg":
            from rasad.text.tajik import find_tajik_dates

            return article.evolve(dates=tuple(find_tajik_dates(article.text, published)))
        return article.evolve(dates=tuple(find_dates(article.text, published)))


class EntityStep(Step):
    """People, organizations, places and dates, linked to entities."""

    name = "entities"
    requires: ClassVar[frozenset[str]] = frozenset({"text", "tokens", "sentences", "dates"})
    provides: ClassVar[frozenset[str]] = frozenset({"mentions"})

    def process(self, article: Article) -> Article:
        from rasad.extract.entities import extract_mentions

        if article.language == "tg":  # Tajik: read through its Persian spelling
            from rasad.extract.tajik import extract_tajik_mentions

            return article.evolve(mentions=extract_tajik_mentions(article))
        return article.evolve(mentions=extract_mentions(article))


class QuoteStep(Step):
    """Quotations, direct and reported, with their speakers."""

    name = "quotes"
    requires: ClassVar[frozenset[str]] = frozenset({"text", "sentences", "mentions"})
    provides: ClassVar[frozenset[str]] = frozenset({"quotes"})

    def process(self, article: Article) -> Article:
        from rasad.extract.quotes import find_quotes

        if article.language == "tg":  # Tajik: read through its Persian spelling
            from rasad.extract.tajik import tajik_quotes

            return article.evolve(quotes=tajik_quotes(article))
        return article.evolve(quotes=find_quotes(article))


class EventStep(Step):
    """Events in actor-action-target form; quotations become statements."""

    name = "events"
    requires: ClassVar[frozenset[str]] = frozenset(
        {"text", "sentences", "mentions", "dates", "quotes"}
    )
    provides: ClassVar[frozenset[str]] = frozenset({"events"})

    def process(self, article: Article) -> Article:
        from rasad.extract.events import find_events

        if article.language == "tg":
            from rasad.extract.tajik import tajik_events

            return article.evolve(events=tajik_events(article))
        return article.evolve(events=find_events(article, article.quotes))


def analysis_pipeline(lemmas: bool = False) -> Pipeline:
    """The whole analysis: the text layer, entities, quotations and events."""
    return Pipeline(
        [
            *text_pipeline(tokens=True, lemmas=lemmas).steps,
            EntityStep(),
            QuoteStep(),
            EventStep(),
        ]
    )


def text_pipeline(tokens: bool = True, lemmas: bool = False) -> Pipeline:
    """The whole text layer: clean, language, sentences, tokens, dates."""
    steps: list[Step] = [CleanStep(), LanguageStep(), SentenceStep()]
    if tokens:
        steps.append(TokenStep(lemmas=lemmas))
    steps.append(DateStep())
    return Pipeline(steps)
