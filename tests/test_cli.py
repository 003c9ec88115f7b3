"""The `rasad` command, run as a user runs it: a subprocess with real files."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasad.cli import app
from tests.sample import REPAIRED_WORDS, SAMPLE

Z = "\u200c"
runner = CliRunner()


def rasad(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "rasad.cli", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


@pytest.mark.parametrize(
    "command",
    [[], ["analyze"], ["normalize"], ["transliterate"], ["ingest"], ["watch"], ["search"],
     ["serve"], ["batch"], ["load"], ["train", "ner"]],
)  # fmt: skip
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample not present")
def test_analyze_the_sample_article() -> None:
    result = rasad("analyze", str(SAMPLE), "--published", "2021-10-14")
    assert result.returncode == 0, result.stderr.decode()
    (line,) = result.stdout.decode().splitlines()
    out = json.loads(line)
    assert out["language"] == "fa"
    assert [d["text"] for d in out["dropped"]] == [
        "Read More",
        "This section contains relevant reference points, placed in (Inner related node field)",
    ]
    assert all(d["reason"] == "other-language:en" for d in out["dropped"])
    text = out["text"]
    for word in REPAIRED_WORDS:
        assert word in text
    raw = SAMPLE.read_text(encoding="utf-8")
    # Every Persian sentence is kept: each raw Persian line's words are all there.
    raw_words = {w for line in raw.splitlines() if not line.isascii() for w in line.split()}
    clean_words = set(text.replace(Z, "").split())
    assert {w for w in raw_words if w.isalpha()} <= clean_words
    sentences = out["sentences"]
    assert len(sentences) >= 19
    assert all(0 <= s < e <= len(text) for s, e in sentences)
    quote = "«فرانسه و تاجیکستان درباره تهدیدهای ناشی از بحران اخیر در افغانستان"
    assert any(text[s:e].endswith("دارند.»") and quote in text[s:e] for s, e in sentences)
    weekdays = [(d["text"], d["value"]) for d in out["dates"] if d["calendar"] == "weekday"]
    assert ("روز چهارشنبه", "2021-10-13") in weekdays
    entities = out["entities"]
    assert all(text[e["start"] : e["end"]] == e["text"] for e in entities)
    people = {e["name_en"] for e in entities if e["label"] == "PER"}
    assert people == {"Emomali Rahmon", "Emmanuel Macron", "Vladimir Putin", "Saimumin Yatimov"}
    assert {"id": "country:TJ", "name_en": "Tajikistan"}.items() <= next(
        e for e in entities if e["text"] == "تاجیکستان"
    ).items()


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample not present")
def test_table_format_for_people() -> None:
    result = rasad("analyze", "--format", "table", str(SAMPLE))
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "dropped lines" in out and "Read More" in out
    assert "quotations" in out and "events" in out and "consult" in out


def test_normalize_keeps_one_line_per_line() -> None:
    text = "رئيسجمهور میایستد\n\nRead More\nکشورهاییاند و رسانه ها\n"
    result = rasad("normalize", stdin=text.encode())
    assert result.returncode == 0
    assert result.stdout.decode().split("\n") == [
        f"رئیس{Z}جمهور می{Z}ایستد",
        "",
        "Read More",
        f"کشورهایی{Z}اند و رسانه{Z}ها",
        "",
    ]


# Bad input: a clear coded message, a non-zero exit, no traceback.
BAD = [
    ("binary.txt", b"\x00\x01\x02\xff" * 100, "E002"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "E002"),
    ("empty.txt", b"", "E003"),
    ("blank.txt", b"  \n\t\n", "E003"),
]


@pytest.mark.parametrize(("name", "data", "code"), BAD)
def test_analyze_bad_file(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = rasad("analyze", str(path))
    err = result.stderr.decode()
    assert result.returncode == 1
    assert code in err
    assert "Traceback" not in err
    assert result.stdout == b""


def test_invalid_utf8_is_replaced_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("رئیسجمهور گفت ".encode() + b"\xff\xfe" + "که میآید.".encode())
    result = rasad("analyze", str(path))
    assert result.returncode == 0
    assert "E005" in result.stderr.decode()
    out = json.loads(result.stdout)
    assert f"رئیس{Z}جمهور" in out["text"] and "\ufffd" in out["text"]


def test_oversized_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB, sparse: costs no disk
    result = rasad("analyze", str(path))
    assert result.returncode == 1
    assert "E004" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_normalize_streams_a_50_mb_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    line = "رئیسجمهور روز چهارشنبه گفت که فرانسه در کنار این کشور میایستد.\n".encode()
    with path.open("wb") as f:
        f.write(line * (50 * 1024 * 1024 // len(line) // 20))  # 2.5 MB keeps the test quick
    result = rasad("normalize", str(path))
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert len(lines) == path.read_bytes().count(b"\n")
    assert lines[0].startswith(f"رئیس{Z}جمهور")


def test_normalize_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(b"\x00" * 100)
    result = rasad("normalize", str(path))
    assert result.returncode == 1
    assert "E002" in result.stderr.decode()
    missing = rasad("normalize", str(tmp_path / "missing.txt"))
    assert missing.returncode == 1 and "E001" in missing.stderr.decode()


def test_directory_of_mixed_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("رئیسجمهور گفت.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("رسانهها گفتند.", encoding="utf-8")
    (tmp_path / "sub" / "c.txt").write_bytes(b"\x00\x00binary")
    (tmp_path / "d.txt").write_bytes(b"")
    (tmp_path / "e.jsonl").write_text(
        json.dumps({"text": "خبر اول میکند", "url": "https://example.org/1"}, ensure_ascii=False)
        + "\n{not json\n",
        encoding="utf-8",
    )
    result = rasad("analyze", str(tmp_path))
    assert result.returncode == 1
    texts = [json.loads(line)["text"] for line in result.stdout.decode().splitlines()]
    assert sorted(texts) == sorted(
        [f"رئیس{Z}جمهور گفت.", f"رسانه{Z}ها گفتند.", f"خبر اول می{Z}کند"]
    )
    err = result.stderr.decode()
    assert "3 analyzed" in err and "3 failed" in err
    assert "binary: 1" in err and "empty: 1" in err and "bad_json: 1" in err
    assert "Traceback" not in err


def test_bad_published_date_is_a_usage_error() -> None:
    result = runner.invoke(app, ["analyze", "-", "--published", "yesterday"], input="x")
    assert result.exit_code == 2
    assert "E020" in result.output


def test_several_workers_give_the_same_output(tmp_path: Path) -> None:
    for i in range(6):
        (tmp_path / f"{i}.txt").write_text(f"خبر {i}: رئیسجمهور گفت.", encoding="utf-8")
    one = rasad("analyze", str(tmp_path))
    two = rasad("analyze", str(tmp_path), "--workers", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
