"""A writer killed in the middle of a transaction leaves no partial article."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from rasad.store import open_store
from tests.store.articles import annotated

# Commits three articles, then dies (SIGKILL from the test) inside a
# transaction that has written two more, annotations and index terms included.
CHILD = """
import sys, time
from rasad.store import open_store
from tests.store.articles import annotated, plain

store = open_store(sys.argv[1])
for n in range(3):
    store.add_article(plain(f"خبر ماندگار شماره {n}"))
with store.db.transaction():
    store.add_article(annotated())
    store.add_article(plain("خبر ناتمام گمشده"))
    print("inside", flush=True)
    time.sleep(120)
"""


def test_a_killed_writer_leaves_only_whole_articles(store_url: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, store_url],
        stdout=subprocess.PIPE,
        text=True,
        cwd=os.getcwd(),
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "inside"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    with open_store(store_url) as store:
        stats = store.stats()
        assert (stats["articles"], stats["mentions"], stats["events"], stats["entities"]) == (
            3,
            0,
            0,
            0,
        )
        assert store.known_terms(["ناتمام", "رحمان", "ماندگار"]) == {"ماندگار"}
        assert [h.summary.id for h in store.search("گمشده").hits] == []
        assert len(store.search("ماندگار").hits) == 3
        # The lost article can simply be written again.
        assert store.add_article(annotated()).status == "new"
