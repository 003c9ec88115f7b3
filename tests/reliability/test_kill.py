"""SIGKILL in the middle of `rasad ingest` and in the middle of a schema migration.

tests/store/test_crash.py kills a writer inside one transaction it holds
open on purpose; here the real command is killed wherever it happens to be
(twice, at different points), and a migration is killed after its schema
changes ran but before it committed. After each kill the store passes its
integrity checks, every committed article is whole, and a rerun completes.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from rasad.search.fold import terms_of
from rasad.store import open_store
from rasad.store.sqlite import MIGRATIONS, SqliteBackend
from rasad.store.store import Store
from tests.reliability.faults import ROOT, check_sqlite, rasad, rasad_process, write_articles
from tests.store.articles import plain

# Kill points: after this many articles are committed (RASAD_KILL_ROUNDS=50 for a long run).
ROUNDS = int(os.environ.get("RASAD_KILL_ROUNDS", "2"))
KILL_AT = [3 + 12 * i for i in range(ROUNDS)]
ARTICLES = range(200, 200 + KILL_AT[-1] + 60)


def _count(db: Path) -> int:
    """Committed articles, read as another process would (0 before the store exists)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.OperationalError:
        return 0
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # not created yet
    finally:
        conn.close()


def _kill_when(proc: subprocess.Popen[str], db: Path, stored: int, limit: float = 120) -> None:
    """SIGKILL `proc` once the store holds at least `stored` articles."""
    end = time.monotonic() + limit
    while _count(db) < stored and proc.poll() is None and time.monotonic() < end:
        time.sleep(0.05)
    # A little later, fixed per kill point: often inside the next batch's transaction.
    time.sleep(random.Random(stored).uniform(0, 0.1))
    assert proc.poll() is None, "the ingest ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)


def _whole(db: Path) -> None:
    """Every committed article has its sighting, its search key, its index terms and signature."""
    conn = sqlite3.connect(db)
    try:
        orphans = conn.execute(
            "SELECT count(*) FROM articles a WHERE a.search_key IS NULL"
            " OR NOT EXISTS (SELECT 1 FROM article_sources s WHERE s.article_id = a.id)"
            " OR NOT EXISTS (SELECT 1 FROM signatures g WHERE g.article_id = a.id)"
        ).fetchone()[0]
        assert orphans == 0
        # A word of every generated article: each committed one is found by the index.
        found = conn.execute(
            "SELECT count(*) FROM article_search WHERE article_search MATCH ?",
            (f'"{terms_of("گزارش")[0]}"',),
        ).fetchone()[0]
        assert found == conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def test_ingest_killed_twice_then_rerun_stores_everything_once(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    inputs = write_articles(tmp_path / "in", ARTICLES)
    args = ("ingest", str(inputs), "--db", str(db), "--batch-size", "5")
    for at_least in KILL_AT:
        _kill_when(rasad_process(*args), db, at_least)
        counts = check_sqlite(db)
        assert at_least <= counts["articles"] < len(ARTICLES)
        _whole(db)
    done = rasad(*args, timeout=180)
    assert done.returncode == 0, done.stderr
    counts = check_sqlite(db)
    assert counts["articles"] == len(ARTICLES)
    _whole(db)


# Runs every migration the store lacks, then stops inside the same
# transaction (rasad_pause) until the test kills it.
MIGRATING = """
import sqlite3, sys, time
from rasad.store.backend import Migration
from rasad.store.sqlite import MIGRATIONS, SqliteBackend
from rasad.store.store import Store

def pause():
    print("inside", flush=True)
    time.sleep(120)
    return 0

class Paused(SqliteBackend):
    migrations = (*MIGRATIONS, Migration(MIGRATIONS[-1].version + 1, "pause", "SELECT rasad_pause();"))

backend = Paused(sys.argv[1], sys.argv[1])
backend.conn.create_function("rasad_pause", 0, pause)
Store(backend)
"""


class _FirstVersionOnly(SqliteBackend):
    migrations = MIGRATIONS[:1]


def test_migration_killed_midway_leaves_the_old_schema_and_reruns(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    with Store(_FirstVersionOnly(str(db), str(db))) as old:
        for n in range(5):
            old.add_article(plain(f"خبر پیش از ارتقای پایگاه شماره {n}"))
    child = subprocess.Popen(
        [sys.executable, "-c", MIGRATING, str(db)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "inside"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    check_sqlite(db)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT version FROM schema_migrations").fetchall() == [(1,)]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    newer = {"watchlists", "article_vectors"} & tables
    assert not newer  # the later migrations' tables went with the rollback
    with open_store(str(db)) as store:  # the rerun migrates all the way
        assert store.stats()["articles"] == 5
        assert len(store.search("ارتقای").hits) == 5
    conn = sqlite3.connect(db)
    try:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
    finally:
        conn.close()
    assert versions == [m.version for m in MIGRATIONS]
    check_sqlite(db)
