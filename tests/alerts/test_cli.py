"""`rasad watchlist` and `rasad trends`, and `rasad ingest` raising alerts."""

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasad.cli import app
from rasad.store import open_store
from tests.alerts.stream import RISING, stream

runner = CliRunner()


@pytest.mark.parametrize(
    "command",
    [["watchlist"], ["watchlist", "add"], ["watchlist", "list"], ["watchlist", "remove"],
     ["watchlist", "alerts"], ["watchlist", "send"], ["trends"]],
)  # fmt: skip
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_add_list_remove(tmp_path: Path) -> None:
    db = str(tmp_path / "rasad.db")
    add = ["watchlist", "add", "tj", "--query", "رئیس جمهور", "--entity", "person:emomali-rahmon"]
    result = runner.invoke(app, [*add, "--place", "city:dushanbe", "--event", "04", "--db", db])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app, ["watchlist", "add", "up", "--kind", "trend", "--email", "a@b.c", "--db", db]
    )
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["watchlist", "list", "--db", db]).output.splitlines()
    assert listed == [
        "tj [match]  query: رئیس جمهور  entities: person:emomali-rahmon  events: 04"
        "  places: city:dushanbe",
        "up [trend]  email: a@b.c",
    ]
    as_json = runner.invoke(app, ["watchlist", "list", "--json", "--db", db]).output
    assert [json.loads(line)["name"] for line in as_json.splitlines()] == ["tj", "up"]
    again = runner.invoke(app, [*add, "--db", db])
    assert again.exit_code == 1 and "E120" in again.output
    assert runner.invoke(app, ["watchlist", "remove", "tj", "--db", db]).exit_code == 0
    gone = runner.invoke(app, ["watchlist", "remove", "tj", "--db", db])
    assert gone.exit_code == 1 and "E121" in gone.output


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["empty"], "E122"),
        (["bad", "--query", "x", "--webhook", "file:///etc/passwd"], "E124"),
        (["bad", "--query", "x", "--kind", "sometimes"], "E123"),
    ],
)
def test_bad_watchlists_are_refused(tmp_path: Path, args: list[str], code: str) -> None:
    result = runner.invoke(app, ["watchlist", "add", *args, "--db", str(tmp_path / "r.db")])
    assert result.exit_code == 1 and code in result.output


def test_ingest_raises_alerts(tmp_path: Path) -> None:
    db = str(tmp_path / "rasad.db")
    runner.invoke(app, ["watchlist", "add", "president", "--query", "رئیس جمهور", "--db", db])
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(
        "رئیس‌جمهور تاجیکستان روز دوشنبه با وزیر خارجه فرانسه در دوشنبه دیدار کرد.", "utf-8"
    )
    (tmp_path / "news" / "b.txt").write_text("باران تند در کابل خیابان‌ها را آب گرفت.", "utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "news"), "--db", db])
    assert result.exit_code == 0, result.output
    shown = runner.invoke(app, ["watchlist", "alerts", "--json", "--db", db]).output
    [alert] = [json.loads(line) for line in shown.splitlines()]
    assert alert["watchlist"] == "president" and alert["title"].startswith("رئیس‌جمهور")
    assert alert["deliveries"] == []
    sent = runner.invoke(app, ["watchlist", "send", "--db", db])
    assert sent.exit_code == 0 and "0 sent" in sent.output


def test_trends(tmp_path: Path) -> None:
    db = str(tmp_path / "rasad.db")
    with open_store(db) as store:
        list(store.add_articles(stream(date(2024, 3, 20), 16, rise_on=date(2024, 3, 20))))
    result = runner.invoke(app, ["trends", "--db", db, "--json"])
    assert [json.loads(line)["subject"] for line in result.output.splitlines()] == [RISING[0]]
    table = runner.invoke(app, ["trends", "--db", db]).output
    assert table.startswith(f"2024-03-20  entity {RISING[0]}  {RISING[2]} {RISING[3]}  9 articles")
    quiet = runner.invoke(app, ["trends", "--db", db, "--day", "2024-03-19"])
    assert quiet.exit_code == 0 and "nothing rising" in quiet.output
    assert runner.invoke(app, ["trends", "--db", db, "--day", "yesterday"]).exit_code == 2
