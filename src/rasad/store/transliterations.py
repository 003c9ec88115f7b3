"""Tajik articles indexed under their Persian spelling too, so Persian queries find them.

A Tajik (Cyrillic) article's title and text are transliterated to Persian
script (`rasad.text.tajik`) and their terms join the article's own in the
search index: `دوشنبه` finds `Душанбе`. The Persian spelling is stored
(`article_transliterations`, schema version 4) rather than computed again
when the article is replaced or the index rebuilt, because SQLite's
contentless index forgets an article only when told the very terms it was
given, and a later transliteration model may spell differently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasad.model import Article
from rasad.search.fold import terms_of
from rasad.store.backend import Backend

SCRIPT = "fa"  # the script of the stored spelling

_UPSERT = (
    "INSERT INTO article_transliterations (article_id, script, title, text)"
    " VALUES (:article_id, :script, :title, :text)"
    " ON CONFLICT (article_id) DO UPDATE"
    " SET script = excluded.script, title = excluded.title, text = excluded.text"
)
_GET = "SELECT title, text FROM article_transliterations WHERE article_id = :article_id"
_DELETE = "DELETE FROM article_transliterations WHERE article_id = :article_id"
# Only an article with Cyrillic letters can have a stored spelling: others skip the lookup.
_CYRILLIC = re.compile("[\u0400-\u04ff]")


@dataclass(frozen=True, slots=True)
class Spelling:
    """An article's title and text in another script."""

    title: str
    text: str


def persian_spelling(article: Article) -> Spelling | None:
    """A Tajik article's title and text in Persian script; None for other languages."""
    if article.language != "tg":
        return None
    from rasad.text.tajik import persian_shadow

    return Spelling(persian_shadow(article.title).text, persian_shadow(article.text).text)


def index_terms(db: Backend, article_id: int, article: Article) -> tuple[list[str], list[str]]:
    """The title and body terms to index; a Tajik article's Persian spelling is stored."""
    title, body = terms_of(article.title), terms_of(article.text)
    spelling = persian_spelling(article)
    if spelling is None:
        return title, body
    params = {"article_id": article_id, "script": SCRIPT}
    db.run(_UPSERT, {**params, "title": spelling.title, "text": spelling.text})
    return title + terms_of(spelling.title), body + terms_of(spelling.text)


def stored_terms(
    db: Backend, article_id: int, title: str, text: str, forget: bool = False
) -> tuple[list[str], list[str]]:
    """The terms an article was indexed with; `forget` also drops its stored spelling."""
    title_terms, body_terms = terms_of(title), terms_of(text)
    if not _CYRILLIC.search(text) and not _CYRILLIC.search(title):
        return title_terms, body_terms
    found = db.row(_GET, {"article_id": article_id})
    if found is None:
        return title_terms, body_terms
    if forget:
        db.run(_DELETE, {"article_id": article_id})
    return title_terms + terms_of(found["title"]), body_terms + terms_of(found["text"])
