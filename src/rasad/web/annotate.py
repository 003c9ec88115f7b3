"""An article's clean text as HTML, with its entities, quotations and events marked.

Spans may overlap (a name inside a quotation, a trigger beside a name), and
HTML needs nesting, so the text is cut in two layers: quotations outside,
cut into runs at their edges; names and event triggers inside, clipped to
the run they fall in. Every piece of text is escaped, so markup in an
article shows as text and never runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from markupsafe import Markup

from rasad.model import Article


@dataclass(frozen=True, slots=True)
class Atom:
    """An inner mark: a name (links to its entity) or an event trigger."""

    start: int
    end: int
    kind: str  # "mention" or "event"
    css: str
    href: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class Run:
    start: int
    end: int
    quote: int  # index into the article's quotes, -1 outside any


def entity_href(entity_id: str) -> str:
    return "/entities/" + quote(entity_id, safe=":")


def atoms(article: Article) -> list[Atom]:
    """Names and event triggers, left to right; where two overlap the earlier wins."""
    found: list[Atom] = []
    for m in article.mentions:
        if m.label == "DATE" or not m.entity_id:
            css = f"m m-{m.label}"
            found.append(Atom(m.start, m.end, "mention", css, "", m.name_en or m.label))
            continue
        title = m.name_en or m.entity_id
        found.append(
            Atom(m.start, m.end, "mention", f"m m-{m.label}", entity_href(m.entity_id), title)
        )
    for e in article.events:
        title = f"{e.type} {e.code}" + (" (negated)" if e.negated else "")
        found.append(Atom(e.trigger_start, e.trigger_end, "event", f"ev ev-{e.type}", "", title))
    found.sort(key=lambda a: (a.start, -a.end, a.kind))
    kept: list[Atom] = []
    for atom in found:
        if atom.end <= atom.start:
            continue
        if kept and atom.start < kept[-1].end:
            continue
        kept.append(atom)
    return kept


def runs(length: int, quotes: Sequence[tuple[int, int]]) -> list[Run]:
    """The text cut at the edges of its (non-overlapping) quotations."""
    out: list[Run] = []
    pos = 0
    for i, (start, end) in sorted(enumerate(quotes), key=lambda iq: iq[1]):
        start, end = max(start, pos), min(end, length)
        if end <= start:
            continue
        if start > pos:
            out.append(Run(pos, start, -1))
        out.append(Run(start, end, i))
        pos = end
    if pos < length:
        out.append(Run(pos, length, -1))
    return out


def _atom_html(text: str, atom: Atom, start: int, end: int) -> str:
    inner = escape(text[start:end])
    title = f' title="{escape(atom.title)}"' if atom.title else ""
    if atom.href:
        return f'<a class="{atom.css}" href="{escape(atom.href)}"{title}>{inner}</a>'
    return f'<span class="{atom.css}"{title}>{inner}</span>'


def article_html(article: Article) -> Markup:
    """The clean text with `<a class="m m-PER">`, `<span class="ev ...">` and quotation marks."""
    text = article.text
    inner = atoms(article)
    parts: list[str] = []
    k = 0
    for run in runs(len(text), [(q.start, q.end) for q in article.quotes]):
        if run.quote >= 0:
            q = article.quotes[run.quote]
            speaker = q.speaker.name_en or q.speaker.text if q.speaker else ""
            title = escape(f"{q.kind}: {speaker}" if speaker else q.kind)
            parts.append(f'<span class="quote q-{escape(q.kind)}" title="{title}">')
        pos = run.start
        while k < len(inner) and inner[k].end <= run.start:
            k += 1
        j = k
        while j < len(inner) and inner[j].start < run.end:
            atom = inner[j]
            s, e = max(atom.start, run.start), min(atom.end, run.end)
            parts.append(escape(text[pos:s]))
            parts.append(_atom_html(text, atom, s, e))
            pos = e
            j += 1
        parts.append(escape(text[pos : run.end]))
        if run.quote >= 0:
            parts.append("</span>")
    return Markup("".join(parts))
