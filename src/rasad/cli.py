"""The `rasad` command line."""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from rasad import __version__
from rasad.errors import Errors
from rasad.model import Article

app = typer.Typer(
    name="rasad",
    help="rasad: Persian-language news turned into searchable, structured knowledge.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

MAX_BYTES = 20_000_000


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rasad {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """rasad reads Persian news natively: clean text, language, sentences, dates."""


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        d = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return datetime(d.year, d.month, d.day, tzinfo=UTC)


def article_json(article: Article, path: str = "", tokens: bool = False) -> dict[str, Any]:
    """The public JSON view of an analysed article (one object per line)."""
    out: dict[str, Any] = {
        "id": article.id,
        "path": path,
        "title": article.title,
        "url": article.url,
        "published": article.published_at.date().isoformat() if article.published_at else None,
        "language": article.language,
        "language_confidence": round(article.language_confidence, 4),
        "text": article.text,
        "dropped": [{"text": d.text, "reason": d.reason} for d in article.dropped],
        "sentences": [[s.start, s.end] for s in article.sentences],
        "dates": [
            {
                "start": d.start,
                "end": d.end,
                "text": d.text,
                "value": d.value,
                "calendar": d.calendar,
            }
            for d in article.dates
        ],
        "entities": [
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "label": m.label,
                "id": m.entity_id,
                "name_en": m.name_en,
            }
            for m in article.mentions
        ],
        "quotes": [asdict(q) for q in article.quotes],
        "events": [asdict(e) for e in article.events],
    }
    if tokens:
        out["tokens"] = [
            {"start": t.start, "end": t.end, "text": t.text, "lemma": t.lemma}
            for t in article.tokens
        ]
    return out


@app.command()
def analyze(
    paths: Annotated[
        list[str], typer.Argument(help="Files or directories to read; '-' reads standard input.")
    ],
    format: Annotated[
        str, typer.Option("--format", "-f", help="json (one object per line) or table.")
    ] = "json",
    published: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD, for weekday and relative dates."),
    ] = None,
    tokens: Annotated[bool, typer.Option(help="Include tokens in the JSON output.")] = False,
    lemmas: Annotated[bool, typer.Option(help="Add lemmas to tokens (slower).")] = False,
    workers: Annotated[int, typer.Option(help="Worker processes.", min=1)] = 1,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this.")] = MAX_BYTES,
) -> None:
    """Analyze articles: clean text, dropped lines, language, sentences, dates, entities."""
    from rasad.ingest.files import InputFailure, iter_inputs
    from rasad.pipeline.executor import LocalExecutor
    from rasad.pipeline.steps import analysis_pipeline

    if format not in ("json", "table"):
        raise typer.BadParameter("use json or table", param_hint="--format")
    default_pub = _parse_date(published)
    if published and default_pub is None:
        raise typer.BadParameter(Errors.E020.format(value=published), param_hint="--published")

    failures: list[InputFailure] = []
    paths_by_id: dict[str, str] = {}
    counts: Counter[str] = Counter()

    def articles() -> Any:
        for item in iter_inputs(paths, max_bytes=max_bytes, stdin=sys.stdin.buffer):
            if isinstance(item, InputFailure):
                failures.append(item)
                typer.echo(item.message, err=True)
                continue
            for warning in item.warnings:
                typer.echo(warning, err=True)
            counts["read"] += 1
            article = Article.from_raw(
                item.text,
                title=item.title,
                url=item.url,
                source=item.path,
                published_at=_parse_date(item.published) or default_pub,
            )
            paths_by_id[article.id] = item.path
            yield article

    pipeline = analysis_pipeline(lemmas=lemmas)
    executor = LocalExecutor(pipeline, workers=workers)
    for article in executor.run(articles()):
        counts["analyzed"] += 1
        if format == "table":
            from rasad.render import print_article

            print_article(article, path=article.source)
        else:
            typer.echo(
                json.dumps(article_json(article, article.source, tokens), ensure_ascii=False)
            )
    _summary(counts, failures)
    if failures:
        raise typer.Exit(1)


def _summary(counts: Counter[str], failures: list[Any]) -> None:
    if not failures and counts["read"] <= 1:
        return
    reasons = Counter(f.reason for f in failures)
    parts = [f"{counts['analyzed']} analyzed", f"{len(failures)} failed"]
    if reasons:
        parts.append("(" + ", ".join(f"{k}: {v}" for k, v in sorted(reasons.items())) + ")")
    typer.echo("rasad: " + " ".join(parts), err=True)


@app.command()
def normalize(
    path: Annotated[
        str, typer.Argument(help="A text file; '-' or nothing reads standard input.")
    ] = "-",
    keep_diacritics: Annotated[bool, typer.Option(help="Keep short vowels and shadda.")] = False,
    digits: Annotated[str, typer.Option(help="keep, latin or persian.")] = "keep",
    zwnj: Annotated[bool, typer.Option(help="Restore missing ZWNJs.")] = True,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this.")] = 1 << 40,
) -> None:
    """Write the normalized text, one output line for each input line."""
    from rasad.errors import InputError
    from rasad.ingest.files import read_lines
    from rasad.text.chars import CharOptions
    from rasad.text.normalize import normalize as normalize_text

    if digits not in ("keep", "latin", "persian"):
        raise typer.BadParameter("use keep, latin or persian", param_hint="--digits")
    options = CharOptions(keep_diacritics=keep_diacritics, digits=digits)
    out = sys.stdout
    try:
        reader = read_lines(path, max_bytes=max_bytes, stdin=sys.stdin.buffer)
        for line in reader:
            out.write(normalize_text(line.rstrip("\r\n"), options, zwnj=zwnj) + "\n")
    except InputError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(1) from None
    for warning in getattr(reader, "warnings", ()):
        typer.echo(warning, err=True)


train_app = typer.Typer(
    help="Train the models rasad ships, from ../shared/data.", no_args_is_help=True
)
app.add_typer(train_app, name="train")


@train_app.command("ner")
def train_ner_command(
    out: Annotated[
        str, typer.Option(help="Where to write the model (default: the shipped model's folder).")
    ] = "",
    limit: Annotated[
        int | None, typer.Option(help="Train on this many sentences only (a quick check).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same model.")] = 0,
    data: Annotated[
        str | None, typer.Option(help="The shared data folder (default: ../shared/data).")
    ] = None,
) -> None:
    """Train the named-entity tagger on PEYMA, Arman fold 1 and ParsTwiNER (research use)."""
    from rasad.extract.ner import default_model_dir
    from rasad.extract.ner_train import train_ner

    meta = train_ner(
        out or default_model_dir(), limit=limit, seed=seed, data=Path(data) if data else None
    )
    typer.echo(json.dumps(meta, ensure_ascii=False, indent=2, default=str))


def run() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    app()


__all__ = ["app", "article_json"]
