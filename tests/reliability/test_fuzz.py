"""A few seconds of coverage-guided fuzzing over every target, where atheris is installed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris")


def test_a_short_fuzzing_run_finds_no_crash(tmp_path: Path) -> None:
    out = tmp_path / "fuzz.json"
    proc = subprocess.run(
        [sys.executable, "bench/fuzz.py", "--target", "all", "--seconds", "3", "--out", str(out),
         "--crashes", str(tmp_path / "crashes")],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(out.read_text())
    (run,) = report["targets"]
    assert not run["crashed"] and run["inputs"] > 50
    # The first byte spreads the inputs over every target.
    assert set(run["per_target"]) >= {"normalize", "dates", "html", "feed", "warc", "query"}
