"""Two `rasad ingest` processes write to one new SQLite file at the same time.

Their inputs overlap by half. Both must finish without an error (SQLite's
write lock makes the second wait its turn: `busy_timeout`), every article
must be stored exactly once, and what each process reports as new adds up
to what the store holds.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.reliability.faults import check_sqlite, rasad_process, stored_texts, write_articles


def test_two_ingests_on_one_file_lose_nothing_and_store_nothing_twice(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    first = write_articles(tmp_path / "first", range(300, 330))
    second = write_articles(tmp_path / "second", range(315, 345))
    procs = [
        rasad_process("ingest", str(folder), "--db", str(db), "--batch-size", "3", "--source", name)
        for name, folder in (("first", first), ("second", second))
    ]
    new = 0
    for proc in procs:
        _, stderr = proc.communicate(timeout=240)
        assert proc.returncode == 0, stderr
        summary = re.search(r"(\d+) read (\d+) new (\d+) duplicate 0 failed", stderr)
        assert summary is not None, stderr
        assert int(summary[1]) == 30 and int(summary[2]) + int(summary[3]) == 30
        new += int(summary[2])
    counts = check_sqlite(db)
    assert counts["articles"] == new == 45
    texts = stored_texts(db)
    assert len(set(texts)) == len(texts) == 45
    # Whether their writes interleave depends on the scheduler (on a busy machine
    # one may finish its batches before the other has imported rasad); both
    # orders must give the same store, so the spans are not asserted.
