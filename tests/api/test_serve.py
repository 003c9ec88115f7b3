"""`rasad serve`: its options and its refusals (the browser tests run it for real)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from rasad.cli import app


def test_serve_help_names_every_option() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--config"):
        assert option in result.output


def test_serve_refuses_a_bad_config(tmp_path: Path) -> None:
    config = tmp_path / "rasad.toml"
    config.write_text("[api]\nkey = 42\n")
    result = CliRunner().invoke(
        app, ["serve", "--db", str(tmp_path / "x.db"), "--config", str(config)]
    )
    assert result.exit_code == 1 and "[E071]" in result.output


def test_serve_refuses_a_bad_port() -> None:
    assert CliRunner().invoke(app, ["serve", "--port", "70000"]).exit_code == 2
