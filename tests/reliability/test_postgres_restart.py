"""PostgreSQL restarts while `rasad ingest` writes to it.

A throwaway server of its own (tests/store/postgres_server.py) is restarted
(`pg_ctl restart -m fast`: every session is ended) once the ingest has
committed a few batches. The ingest must either carry on or stop with a
coded message (E060) and no traceback; every article committed before the
restart must still be there, and a rerun must finish the job with each
article stored once.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.faults import rasad, rasad_process, write_articles
from tests.store.postgres_server import Cluster, find_bin_dir

ARTICLES = range(400, 430)


@pytest.fixture
def server() -> Iterator[Cluster]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed: run scripts/system_deps.sh")
    cluster = Cluster(bin_dir)
    try:
        yield cluster
    finally:
        cluster.stop()


def _hashes(url: str) -> set[str]:
    """The stored articles' hashes; empty while the server is down or the schema missing."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=2) as conn:
            return {r[0] for r in conn.execute("SELECT hash FROM articles").fetchall()}
    except psycopg.Error:
        return set()


def _check(url: str) -> int:
    """Index consistency (amcheck) and no duplicate; the number of articles."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
        indexes = conn.execute(
            "SELECT c.oid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree'"
            " AND c.relnamespace = 'public'::regnamespace"
        ).fetchall()
        for (index,) in indexes:
            conn.execute("SELECT bt_index_check(%s::regclass, true)", (index,))
        total, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT hash) FROM articles"
        ).fetchone() or (0, 0)
        assert total == distinct
        return int(total)


def test_ingest_through_a_restart_loses_nothing(server: Cluster, tmp_path: Path) -> None:
    url = server.new_database()
    inputs = write_articles(tmp_path / "in", ARTICLES)
    proc = rasad_process("ingest", str(inputs), "--db", url, "--batch-size", "3")
    deadline = time.monotonic() + 120
    while len(_hashes(url)) < 6 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest ended before the restart"
    committed = _hashes(url)
    log = str(server.dir / "server.log")
    server._run(
        server._prefix, "pg_ctl", "-D", str(server.data), "-l", log, "-m", "fast", "-w", "restart"
    )
    _, stderr = proc.communicate(timeout=240)
    # It ends with its own summary line, not an uncaught exception.
    assert stderr.strip().splitlines()[-1].startswith("rasad: "), stderr
    if proc.returncode != 0:
        assert "[E060] the store cannot be written" in stderr, stderr
    assert committed <= _hashes(url)
    rerun = rasad("ingest", str(inputs), "--db", url, timeout=240)
    assert rerun.returncode == 0, rerun.stderr
    assert committed <= _hashes(url)
    assert _check(url) == len(ARTICLES)
