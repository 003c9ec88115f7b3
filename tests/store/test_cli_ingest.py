"""`rasad ingest`: files in, analysed articles stored once, a summary out."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rasad.cli import app
from rasad.store import open_store

runner = CliRunner()
Z = "\u200c"


def write_inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "one.txt").write_text(
        "رئیسجمهور تاجیکستان روز چهارشنبه به پاریس رفت.", encoding="utf-8"
    )
    (folder / "same.txt").write_text(
        "رئیسجمهور  تاجیکستان روز چهارشنبه به پاریس رفت.\n", encoding="utf-8"
    )
    records = [
        {
            "title": "خبر دوم",
            "text": "وزیر خارجه ایران با همتای خود دیدار کرد.",
            "url": "https://x.example/2",
            "published": "2021-10-12",
        },
        {"title": "بی‌متن"},
    ]
    (folder / "feed.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8"
    )
    (folder / "broken.pdf.txt").write_bytes(b"%PDF-1.4 binary")


def test_ingest_stores_each_text_once_and_reports(tmp_path: Path, store_url: str) -> None:
    write_inputs(tmp_path / "in")
    db = store_url
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "in"), "--db", db, "--source", "local-test"]
    )
    assert result.exit_code == 1  # two inputs could not be read
    summary = result.stderr.strip().splitlines()[-1]
    assert summary == "rasad: 3 read 2 new 1 duplicate 2 failed (bad_json: 1, binary: 1)"
    with open_store(db) as store:
        assert store.stats()["articles"] == 2
        (hit,) = store.search("رئیس جمهور").hits
        stored = store.get_article(hit.summary.id)
        assert stored is not None
        assert f"رئیس{Z}جمهور" in stored.article.text  # analysed: the ZWNJ restored
        assert stored.article.language == "fa" and stored.article.sentences
        assert {s.source for s in stored.sightings} == {"local-test"}
        record = store.find_article(url="https://x.example/2")
        assert record is not None
        dated = store.get_article(record)
        assert dated is not None and dated.summary.day == "2021-10-12"
    again = runner.invoke(app, ["ingest", str(tmp_path / "in" / "one.txt"), "--db", db])
    assert again.exit_code == 0
    assert again.stderr.strip().splitlines()[-1] == "rasad: 1 read 0 new 1 duplicate 0 failed"


def test_ingest_reports_a_store_it_cannot_open(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("خبر", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", "mysql://nowhere/x"])
    assert result.exit_code == 1
    assert "[E059]" in result.stderr
