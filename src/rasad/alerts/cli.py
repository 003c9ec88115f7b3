"""`rasad watchlist add|list|remove|alerts|send` and `rasad trends`."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

import typer

watchlist_app = typer.Typer(
    help="Saved searches checked against each article rasad watch or ingest stores.",
    no_args_is_help=True,
)

#: The `--db` option every store command takes (rasad.cli uses these too).
Db = Annotated[str, typer.Option(help="The store: a file, sqlite:///PATH or postgresql://...")]
DEFAULT_DB = "rasad.db"


def _open(db: str) -> Any:
    from rasad.errors import RasadError
    from rasad.store import open_store

    try:
        return open_store(db)
    except RasadError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(1) from None


def _fail(e: Exception) -> typer.Exit:
    typer.echo(str(e), err=True)
    return typer.Exit(1)


@watchlist_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="A name for the watchlist.")],
    query: Annotated[
        str, typer.Option(help='Words to find, as in rasad search ("quotes" make a phrase).')
    ] = "",
    entity: Annotated[
        list[str] | None, typer.Option(help="An entity id (person:emomali-rahmon); repeatable.")
    ] = None,
    event: Annotated[
        list[str] | None,
        typer.Option(help="An event type (consult) or CAMEO code prefix (04); repeatable."),
    ] = None,
    place: Annotated[
        list[str] | None, typer.Option(help="A place's entity id (city:dushanbe); repeatable.")
    ] = None,
    kind: Annotated[
        str, typer.Option(help="match: each new article; trend: subjects that start rising.")
    ] = "match",
    webhook: Annotated[str, typer.Option(help="POST each alert as JSON to this URL.")] = "",
    email: Annotated[
        list[str] | None, typer.Option(help="Send each alert to this address; repeatable.")
    ] = None,
    db: Db = DEFAULT_DB,
) -> None:
    """Save a watchlist: every criterion given must hold, any one value of each."""
    from rasad.alerts.watchlists import check
    from rasad.errors import RasadError

    entities, events, places, emails = entity or [], event or [], place or [], email or []
    try:
        check(kind, query, entities, events, places, webhook, emails)
    except RasadError as e:
        raise _fail(e) from None
    with _open(db) as store:
        try:
            w = store.add_watchlist(name, kind, query, entities, events, places, webhook, emails)
        except RasadError as e:
            raise _fail(e) from None
    typer.echo(f"rasad: watchlist {w.name!r} saved ({w.kind})", err=True)


@watchlist_app.command("list")
def list_command(
    db: Db = DEFAULT_DB,
    json_output: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Show every watchlist with what it asks for and where its alerts go."""
    from rasad.store.records import to_json

    with _open(db) as store:
        found = store.watchlists()
    for w in found:
        if json_output:
            typer.echo(json.dumps(to_json(w), ensure_ascii=False))
            continue
        parts = [f"{w.name} [{w.kind}]"]
        for label, values in (
            ("query", [w.query] if w.query else []),
            ("entities", w.entities),
            ("events", w.event_types),
            ("places", w.places),
            ("webhook", [w.webhook] if w.webhook else []),
            ("email", w.emails),
        ):
            if values:
                parts.append(f"{label}: {', '.join(values)}")
        typer.echo("  ".join(parts))


@watchlist_app.command("remove")
def remove(
    name: Annotated[str, typer.Argument(help="The watchlist to delete, with its alerts.")],
    db: Db = DEFAULT_DB,
) -> None:
    """Delete a watchlist and its alerts."""
    from rasad.errors import RasadError

    with _open(db) as store:
        try:
            store.remove_watchlist(name)
        except RasadError as e:
            raise _fail(e) from None
    typer.echo(f"rasad: watchlist {name!r} removed", err=True)


@watchlist_app.command("alerts")
def alerts_command(
    name: Annotated[str | None, typer.Argument(help="Only this watchlist's alerts.")] = None,
    db: Db = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="How many, newest first.", min=1, max=1000)] = 20,
    json_output: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Show the latest alerts with how their deliveries went."""
    from rasad.store.records import to_json

    with _open(db) as store:
        found = store.alerts(name, limit)
        sent = {a.id: store.deliveries(a.id) for a in found}
    for a in found:
        if json_output:
            record = to_json(a)
            record["deliveries"] = [
                {"channel": c, "target": t, "status": s, "attempts": n, "error": e}
                for c, t, s, n, e in sent[a.id]
            ]
            typer.echo(json.dumps(record, ensure_ascii=False))
            continue
        states = " ".join(f"{c}:{s}" for c, _, s, _, _ in sent[a.id])
        typer.echo(f"{a.day}  {a.watchlist}  {a.title}  {states}".rstrip())


@watchlist_app.command("send")
def send(db: Db = DEFAULT_DB) -> None:
    """Send the alerts whose delivery is due now (retries included), then stop."""
    from rasad.alerts.notify import deliver_due
    from rasad.alerts.settings import load_alert_settings
    from rasad.errors import RasadError

    try:
        settings = load_alert_settings()
    except RasadError as e:
        raise _fail(e) from None
    with _open(db) as store:
        counts = deliver_due(store, settings, limit=1000)
    typer.echo(
        f"rasad: {counts['sent']} sent, {counts['retry']} to retry, {counts['failed']} failed",
        err=True,
    )


def trends_command(
    db: Db = DEFAULT_DB,
    day: Annotated[
        str | None, typer.Option(help="The day, YYYY-MM-DD (default: the latest with articles).")
    ] = None,
    limit: Annotated[int, typer.Option(help="How many, steepest first.", min=1, max=1000)] = 20,
    json_output: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Entities, places and event types whose daily article count rises far above their usual."""
    from dataclasses import asdict

    from rasad.alerts.trends import DEFAULT_RULE, trends

    when = None
    if day:
        try:
            when = date.fromisoformat(day)
        except ValueError:
            raise typer.BadParameter(
                f"[E020] invalid date {day!r}: use YYYY-MM-DD", param_hint="--day"
            ) from None
    with _open(db) as store:
        found = trends(store, when, limit=limit)
    if json_output:
        for t in found:
            typer.echo(json.dumps(asdict(t), ensure_ascii=False))
        return
    if not found:
        r = DEFAULT_RULE
        typer.echo(
            f"rasad: nothing rising (the rule needs {r.min_count}+ articles a day, {r.ratio:g}x"
            f" the mean and {r.z:g} deviations above it, over {r.min_days}+ days with articles"
            f" in the {r.window} before)",
            err=True,
        )
    for t in found:
        name = t.name_en if t.name_en and t.name_en != t.name else ""
        typer.echo(
            f"{t.day}  {t.kind:<6} {t.subject}  {t.name} {name}".rstrip()
            + f"  {t.articles} articles, usually {t.mean:g} ± {t.std:g}, score {t.score:g}"
        )
