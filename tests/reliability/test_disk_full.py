"""The disk fills up while `rasad ingest` writes to a SQLite store.

Two ways to fill it: a limit on the size of any file the process writes
(RLIMIT_FSIZE, which any user may set: SQLite sees EFBIG, "disk I/O error"),
and, where the tests run as root, a small tmpfs that really runs out of
space (ENOSPC, "database or disk is full"). Either way the command must stop
with a coded message rather than a traceback, the store must pass SQLite's
and FTS5's integrity checks with every article committed before intact, and
once there is room again the same command must finish the job.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from rasad.store import open_store
from tests.reliability.faults import RASAD, check_sqlite, rasad, write_articles
from tests.store.articles import plain

COMMITTED = 10  # articles in the store before the disk fills
INCOMING = range(100, 130)


def _snapshot(db: Path) -> list[tuple[object, ...]]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT id, hash, raw, text, search_key FROM articles").fetchall()
    finally:
        conn.close()


def _seed(db: Path) -> None:
    with open_store(str(db)) as store:
        for n in range(COMMITTED):
            store.add_article(plain(f"خبر ثبت‌شده شماره {n} پیش از پر شدن دیسک"))


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs (root only), unmounted afterwards."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)])
    if done.returncode != 0:
        pytest.skip("tmpfs cannot be mounted here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _file_size_limit(limit: int) -> Callable[[], None]:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write instead of the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def _ingest_until_full(db: Path, inputs: Path, preexec: Callable[[], None] | None) -> None:
    full = subprocess.run(
        [*RASAD, "ingest", str(inputs), "--db", str(db), "--batch-size", "10"],
        capture_output=True, text=True, timeout=180, preexec_fn=preexec,
    )  # fmt: skip
    assert full.returncode == 1, full.stderr
    assert "[E060] the store cannot be written" in full.stderr
    assert "Traceback" not in full.stderr


def _check_after(db: Path, before: list[tuple[object, ...]], inputs: Path) -> None:
    after = _snapshot(db)
    assert set(before) <= set(after)  # nothing committed changed or went missing
    assert len(after) < COMMITTED + len(INCOMING)  # the disk really did fill
    check_sqlite(db)
    rerun = rasad("ingest", str(inputs), "--db", str(db), "--batch-size", "10", timeout=180)
    assert rerun.returncode == 0, rerun.stderr
    assert set(before) <= set(_snapshot(db))
    assert check_sqlite(db)["articles"] == COMMITTED + len(INCOMING)


def test_a_file_size_limit_stops_ingest_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    _seed(db)
    before = _snapshot(db)
    inputs = write_articles(tmp_path / "in", INCOMING)
    _ingest_until_full(db, inputs, _file_size_limit(db.stat().st_size + 150_000))
    _check_after(db, before, inputs)


def test_a_full_filesystem_stops_ingest_cleanly(small_tmpfs: Path, tmp_path: Path) -> None:
    db = small_tmpfs / "store.db"
    _seed(db)
    before = _snapshot(db)
    inputs = write_articles(tmp_path / "in", INCOMING)
    filler = small_tmpfs / "filler"
    free = os.statvfs(small_tmpfs).f_bavail * os.statvfs(small_tmpfs).f_frsize
    filler.write_bytes(b"\0" * max(0, free - 150_000))  # leave room for a few articles
    _ingest_until_full(db, inputs, None)
    filler.unlink()
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_tmpfs)], check=True)
    _check_after(db, before, inputs)
