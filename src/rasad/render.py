"""Readable terminal views of analysed articles (`--format table`)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from rasad.model import Article, Party

ZWNJ = "\u200c"


def print_article(article: Article, path: str = "", console: Console | None = None) -> None:
    console = console or Console()
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    head.add_row("article", article.id)
    if path:
        head.add_row("path", path)
    if article.title:
        head.add_row("title", article.title)
    if article.published_at:
        head.add_row("published", article.published_at.date().isoformat())
    head.add_row("language", f"{article.language} ({article.language_confidence:.2f})")
    head.add_row(
        "size",
        f"{len(article.text)} chars, {len(article.sentences)} sentences, "
        f"{len(article.tokens)} tokens, {article.text.count(ZWNJ)} ZWNJ",
    )
    console.print(head)

    sentences = Table(title="sentences", show_lines=False, expand=True)
    sentences.add_column("#", justify="right", style="dim", width=4)
    sentences.add_column("span", style="dim", width=11)
    sentences.add_column("text", overflow="fold")
    for i, s in enumerate(article.sentences, 1):
        sentences.add_row(str(i), f"{s.start}-{s.end}", article.text[s.start : s.end])
    console.print(sentences)

    if article.dates:
        dates = Table(title="dates")
        for col in ("text", "value", "calendar", "span"):
            dates.add_column(col)
        for d in article.dates:
            dates.add_row(d.text, d.value, d.calendar, f"{d.start}-{d.end}")
        console.print(dates)

    if article.mentions:
        groups: dict[str, list[str]] = {}
        labels: dict[str, tuple[str, str]] = {}
        for m in article.mentions:
            key = m.entity_id or f"{m.label}:{m.text}"
            groups.setdefault(key, []).append(m.text)
            labels.setdefault(key, (m.label, m.name_en))
        entities = Table(title="entities", expand=True)
        for col in ("label", "entity", "English", "n", "mentions"):
            entities.add_column(col, overflow="fold")
        for key, texts in sorted(groups.items(), key=lambda kv: (labels[kv[0]][0], -len(kv[1]))):
            label, name_en = labels[key]
            entities.add_row(label, key, name_en, str(len(texts)), " · ".join(dict.fromkeys(texts)))
        console.print(entities)

    if article.quotes:
        quotes = Table(title="quotations", expand=True)
        for col in ("kind", "speaker", "cue", "content"):
            quotes.add_column(col, overflow="fold")
        for q in article.quotes:
            who = q.speaker.name_en or q.speaker.text if q.speaker else "?"
            quotes.add_row(q.kind, who, q.cue, q.content)
        console.print(quotes)

    events = [e for e in article.events if e.code != "010"]
    if events:
        table = Table(title="events", expand=True)
        for col in ("code", "type", "actors", "targets", "place", "date", "status", "trigger"):
            table.add_column(col, overflow="fold")
        for e in events:
            status = ("not " if e.negated else "") + e.modality
            table.add_row(
                e.code, e.type, _names(e.actors), _names(e.targets),
                _names((e.place,)) if e.place else "", e.date, status, e.trigger,
            )  # fmt: skip
        console.print(table)

    if article.dropped:
        dropped = Table(title="dropped lines")
        dropped.add_column("reason", style="yellow")
        dropped.add_column("text", overflow="fold")
        for line in article.dropped:
            dropped.add_row(line.reason, line.text)
        console.print(dropped)
    console.print()


def _names(parties: tuple[Party, ...]) -> str:
    return ", ".join(p.name_en or p.text for p in parties)
