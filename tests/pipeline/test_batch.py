"""Batch runs: shards to Parquet, reruns, failures, a kill -9 and the resume after it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import ClassVar

import pytest

from rasad.model import Article
from rasad.pipeline.base import Pipeline, Step
from rasad.pipeline.batch import plan_shards, run_batch
from rasad.pipeline.load import read_shard
from rasad.pipeline.shard import DONE, FAILED, LOG, STATS, is_done, parse_published
from rasad.pipeline.steps import CleanStep, analysis_pipeline
from rasad.pipeline.tables import TABLES
from tests.sample import SAMPLE

ROOT = Path(__file__).resolve().parents[2]
LINES = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def article_text(n: int) -> str:
    """A different article for each n, from the sample article's paragraphs."""
    return "\n".join(LINES[(n + k * 5) % len(LINES)] for k in range(3))


def record(n: int) -> dict[str, str]:
    return {
        "title": f"خبر {n}",
        "text": article_text(n),
        "url": f"https://example.org/news/{n}",
        "published": f"2021-10-{10 + n % 15:02d}",
        "source": "example.org",
    }


def write_shards(folder: Path, jsonl: int = 2, per_shard: int = 3) -> list[Path]:
    """JSON-lines shards, a JSON list, and a folder of text files: one shard each.

    The second JSON-lines file repeats an article and has a line that is not
    JSON: a duplicate and an input failure, neither of which fails the shard.
    """
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for i in range(jsonl):
        lines = []
        for _ in range(per_shard):
            lines.append(json.dumps(record(n), ensure_ascii=False))
            n += 1
        if i == 1:
            lines += [lines[0], "{not json"]
        (folder / f"part-{i}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    fars = [
        {"title": f"فارس {k}", "abstract": LINES[k], "paragraphs": LINES[k + 1 : k + 3]}
        for k in (2, 7)
    ]
    (folder / "fars.json").write_text(json.dumps(fars, ensure_ascii=False), encoding="utf-8")
    texts = folder / "texts"
    texts.mkdir(exist_ok=True)
    for k in range(2):
        (texts / f"{k}.txt").write_text(article_text(100 + k), encoding="utf-8")
    return sorted(folder.iterdir())


def parquet_bytes(out: Path) -> dict[str, bytes]:
    """Every data file of a batch by shard and table: what must not change between runs."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.glob("shards/*/*.parquet"))}


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    write_shards(folder)
    return folder


@pytest.fixture(scope="module")
def reference(shards: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One uninterrupted run in this process: what every other run must reproduce."""
    out = tmp_path_factory.mktemp("reference")
    report = run_batch([str(shards)], str(out), workers=1)
    assert report.ok and len(report.done) == 4 and report.unreadable == 1  # the bad JSON line
    return out


# --- planning and parsing --------------------------------------------------------


def test_plan_gives_container_files_a_shard_each_and_groups_single_files(tmp_path: Path) -> None:
    write_shards(tmp_path)
    (tmp_path / "texts" / "2.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden.jsonl").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-")
    shards, missing = plan_shards([str(tmp_path), str(tmp_path / "gone.jsonl")], files_per_shard=2)
    assert missing == [str(tmp_path / "gone.jsonl")]
    assert [[os.path.relpath(f, tmp_path) for f in s.files] for s in shards] == [
        ["fars.json"],
        ["part-0.jsonl"],
        ["part-1.jsonl"],
        ["texts/0.txt", "texts/1.txt"],
        ["texts/2.txt"],
    ]
    assert [s.id.rsplit("-", 1)[0] for s in shards] == ["fars", "part_0", "part_1", "0", "2"]
    again, _ = plan_shards([str(tmp_path)], files_per_shard=2)
    assert [s.id for s in again] == [s.id for s in shards]  # a rerun finds the same shards
    inside, _ = plan_shards([str(tmp_path)], files_per_shard=2, skip=str(tmp_path / "texts"))
    assert [s.id for s in inside] == [s.id for s in shards[:3]]  # an output folder inside


def test_an_output_folder_inside_the_inputs_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("یک خبر کوتاه", encoding="utf-8")
    pipeline = Pipeline([CleanStep()])
    for _ in range(2):
        report = run_batch([str(tmp_path)], str(tmp_path / "out"), workers=1, pipeline=pipeline)
        assert report.shards == 1 and report.ok


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-10-14", datetime(2021, 10, 14, tzinfo=UTC)),
        ("2021-10-14T08:30:00+03:30", datetime(2021, 10, 14, 5, 0, tzinfo=UTC)),
        ("2021-10-14T08:30:00Z", datetime(2021, 10, 14, 8, 30, tzinfo=UTC)),
        ("Thu, 14 Oct 2021 08:30:00 GMT", datetime(2021, 10, 14, 8, 30, tzinfo=UTC)),
        ("Thu, 14 Oct 2021 08:30:00 +0330", datetime(2021, 10, 14, 5, 0, tzinfo=UTC)),
        ("۱۴۰۰/۰۷/۲۲", None),
        ("", None),
    ],
)
def test_parse_published(value: str, expected: datetime | None) -> None:
    parsed = parse_published(value)
    assert parsed == expected
    assert parsed is None or parsed.tzinfo is not None


def test_parse_published_keeps_the_offset_it_was_given() -> None:
    parsed = parse_published("2021-10-14T08:30:00+03:30")
    assert parsed is not None and parsed.utcoffset() == timedelta(hours=3, minutes=30)
    assert parsed.tzinfo == timezone(timedelta(hours=3, minutes=30))


# --- one run --------------------------------------------------------------------


def test_outputs_read_back_as_the_analysed_articles(reference: Path) -> None:
    pipeline = analysis_pipeline()
    part1 = next(reference.glob("shards/part_1-*"))
    read = list(read_shard(str(part1)))
    assert [path.rsplit(":", 1)[1] for path, _ in read] == ["1", "2", "3"]  # line 4 repeats 1
    for _, article in read:
        fresh = Article.from_raw(
            article.raw,
            title=article.title,
            url=article.url,
            source=article.source,
            published_at=article.published_at,
        )
        assert pipeline.process(fresh).evolve(tokens=()) == article
    assert any(a.mentions for _, a in read) and any(a.quotes for _, a in read)
    assert any(a.events for _, a in read)


def test_each_shard_has_its_tables_statistics_log_and_marker(reference: Path) -> None:
    part1 = next(reference.glob("shards/part_1-*"))
    assert sorted(p.name for p in part1.iterdir()) == sorted(
        [DONE, LOG, STATS, *(f"{t}.parquet" for t in TABLES)]
    )
    stats = json.loads((part1 / STATS).read_text(encoding="utf-8"))
    assert stats["read"] == 4 and stats["articles"] == 3 and stats["duplicates"] == 1
    assert stats["input_failures"] == {"bad_json": 1}
    assert stats["mentions"] > 0 and stats["attempt"] == 1 and stats["finished_at"]
    marker = json.loads((part1 / DONE).read_text(encoding="utf-8"))
    assert marker["tables"]["articles"]["rows"] == 3
    assert "[E007]" in (part1 / LOG).read_text(encoding="utf-8")  # the bad line, by its code


def test_a_rerun_skips_finished_shards_and_changes_nothing(
    shards: Path, reference: Path, tmp_path: Path
) -> None:
    before = parquet_bytes(reference)
    report = run_batch([str(shards)], str(reference), workers=1)
    assert report.ok and report.done == [] and len(report.skipped) == 4
    assert parquet_bytes(reference) == before


def test_two_local_workers_write_the_same_bytes(
    shards: Path, reference: Path, tmp_path: Path
) -> None:
    report = run_batch([str(shards)], str(tmp_path), workers=2)
    assert report.ok and len(report.done) == 4
    assert parquet_bytes(tmp_path) == parquet_bytes(reference)


def test_an_unfinished_shard_is_redone_from_scratch(
    shards: Path, reference: Path, tmp_path: Path
) -> None:
    run_batch([str(shards)], str(tmp_path), workers=1)
    part0 = next(tmp_path.glob("shards/part_0-*"))
    (part0 / DONE).unlink()
    (part0 / "articles.parquet").write_bytes(b"half a file")
    report = run_batch([str(shards)], str(tmp_path), workers=1)
    assert report.done == [part0.name] and len(report.skipped) == 3
    assert parquet_bytes(tmp_path) == parquet_bytes(reference)
    assert (part0 / LOG).read_text(encoding="utf-8").count("attempt 1") == 2  # the log keeps both


def test_a_lone_surrogate_is_written_as_a_replacement_character(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text('{"text": "half an emoji \\ud83d here"}\n')
    out = tmp_path / "out"
    report = run_batch(
        [str(tmp_path / "in")], str(out), workers=1, pipeline=Pipeline([CleanStep()])
    )
    assert report.ok
    folder = next(out.glob("shards/a-*"))
    ((_, article),) = read_shard(str(folder))
    assert article.raw == "half an emoji \ufffd here"
    assert json.loads((folder / STATS).read_text(encoding="utf-8"))["surrogates_replaced"] == 1


# --- failures ----------------------------------------------------------------------


class Explode(Step):
    """Fails on articles that ask for it: a step with a bug, for one shard only."""

    name = "explode"
    requires: ClassVar[frozenset[str]] = frozenset({"raw"})

    def process(self, article: Article) -> Article:
        if "BOOM" in article.raw:
            raise ValueError("cannot analyse this article")
        return article


class Crash(Step):
    """Kills its worker process on articles that ask for it, as the kernel's OOM killer would."""

    name = "crash"
    requires: ClassVar[frozenset[str]] = frozenset({"raw"})

    def process(self, article: Article) -> Article:
        if "CRASH" in article.raw:
            os._exit(9)
        return article


def failing_inputs(folder: Path, word: str) -> list[str]:
    folder.mkdir()
    for name, text in (("a", "یک خبر"), ("b", f"خبر دوم {word}"), ("c", "خبر سوم")):
        (folder / f"{name}.jsonl").write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    return [str(folder)]


def test_a_failing_shard_is_retried_then_recorded_and_the_others_finish(tmp_path: Path) -> None:
    inputs = failing_inputs(tmp_path / "in", "BOOM")
    out = tmp_path / "out"
    pipeline = Pipeline([Explode(), CleanStep()])
    lines: list[str] = []
    report = run_batch(
        inputs, str(out), workers=1, retries=2, pipeline=pipeline, report=lines.append
    )
    assert not report.ok and len(report.done) == 2 and report.retried == 2
    (failed,) = report.failed
    assert failed.startswith("b-") and report.failed[failed].startswith("while analysing")
    folder = out / "shards" / failed
    marker = json.loads((folder / FAILED).read_text(encoding="utf-8"))
    assert marker["attempts"] == 3 and "cannot analyse this article" in marker["error"]
    log = (folder / LOG).read_text(encoding="utf-8")
    assert [f"attempt {n} on local" in log for n in (1, 2, 3)] == [True] * 3
    assert "Traceback" in log and f"while analysing {inputs[0]}/b.jsonl:1" in log
    assert not (folder / DONE).exists() and any("[E091]" in line for line in lines)
    # A rerun tries the failed shard again and leaves the finished ones alone.
    again = run_batch(inputs, str(out), workers=1, retries=0, pipeline=pipeline)
    assert again.skipped == report.done and list(again.failed) == [failed]


def test_a_worker_that_dies_fails_only_its_shard(tmp_path: Path) -> None:
    inputs = failing_inputs(tmp_path / "in", "CRASH")
    out = tmp_path / "out"
    pipeline = Pipeline([Crash(), CleanStep()])
    report = run_batch(inputs, str(out), workers=2, retries=1, pipeline=pipeline)
    assert sorted(s.split("-")[0] for s in report.done) == ["a", "c"]
    (failed,) = report.failed
    assert failed.startswith("b-") and report.failed[failed].startswith("worker lost")
    assert (
        json.loads((out / "shards" / failed / FAILED).read_text(encoding="utf-8"))["attempts"] == 2
    )
    assert all(is_done(str(out), shard) for shard in report.done)
    log = (out / "shards" / failed / LOG).read_text(encoding="utf-8")
    assert "attempt 2 worker lost" in log


# --- kill -9 and resume --------------------------------------------------------------


def test_a_killed_run_resumes_to_exactly_the_uninterrupted_outputs(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_shards(inputs, jsonl=5, per_shard=6)
    reference = tmp_path / "reference"
    assert run_batch([str(inputs)], str(reference), workers=1).ok
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "rasad.cli", "batch", str(inputs), "--out", str(out)]
    proc = subprocess.Popen(
        [*cmd, "--workers", "2"],
        cwd=ROOT,
        start_new_session=True,  # the run and its workers: one process group to kill
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while not list(out.glob(f"shards/*/{DONE}")):
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    finished = {p.parent.name for p in out.glob(f"shards/*/{DONE}")}
    started = {p.name for p in out.glob("shards/*")}
    assert 0 < len(finished) < 7 and started - finished  # killed in the middle of a shard
    report = run_batch([str(inputs)], str(out), workers=1)
    assert report.ok and set(report.skipped) == finished
    assert parquet_bytes(out) == parquet_bytes(reference)
