"""Run a competitor's normalizer (hazm, shekar, parsivar) in its own venv.

Two halves in one file, both stdlib-only:

- the worker, run as `VENV/bin/python bench/_others_zwnj.py SYSTEM` by the
  benchmarks: it reads one JSON string per line on stdin, normalizes each with
  SYSTEM's default normalizer and writes one JSON string per line on stdout,
  then a last line `{"stats": {...}}` with load time and per-text seconds
  measured inside the worker. With `--no-output` it writes only the stats (for
  speed runs, so that piping results back costs nothing).
- `run_worker()`, imported by bench/zwnj.py and bench/text_speed.py, which
  finds the venv that holds SYSTEM and drives the worker through subprocess.

The venvs are made by bench/setup_others.sh: hazm 0.10.0 pins numpy 1.24.3,
shekar 1.7.0 needs numpy 2, so hazm lives in bench/.venv-hazm and the others
in bench/.venv-others (hazm is also looked for there, as a fallback).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SYSTEMS = ("hazm", "shekar", "parsivar")
BENCH = Path(__file__).resolve().parent
VENVS: dict[str, tuple[str, ...]] = {
    "hazm": (".venv-hazm", ".venv-others"),
    "shekar": (".venv-others",),
    "parsivar": (".venv-others",),
}
VERSIONS = {"hazm": "0.10.0", "shekar": "1.7.0", "parsivar": "0.2.3.1"}


class WorkerError(RuntimeError):
    """The competitor's venv is missing or its worker failed."""


@dataclass
class WorkerResult:
    system: str
    python: str
    version: str
    load_s: float
    seconds: list[float]
    rss_before_kb: int = -1
    rss_loaded_kb: int = -1
    outputs: list[str] = field(default_factory=list)


def python_for(system: str) -> Path:
    """The python of the first venv under bench/ that can hold `system`."""
    for name in VENVS[system]:
        exe = BENCH / name / "bin" / "python"
        if exe.exists():
            return exe
    raise WorkerError(
        f"no venv for {system}: looked for {', '.join(VENVS[system])} under bench/; "
        "run `bash bench/setup_others.sh`"
    )


def run_worker(
    system: str, texts: Sequence[str], want_output: bool = True, timeout: float = 3600
) -> WorkerResult:
    """Normalize `texts` with `system` in its venv; raise WorkerError on failure."""
    exe = python_for(system)
    cmd = [str(exe), str(Path(__file__).resolve()), system]
    if not want_output:
        cmd.append("--no-output")
    stdin = "".join(json.dumps(t, ensure_ascii=False) + "\n" for t in texts)
    try:
        proc = subprocess.run(
            cmd,
            input=stdin.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise WorkerError(f"{system} worker ran past {timeout:.0f} s") from exc
    if proc.returncode != 0:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise WorkerError(f"{system} worker exited {proc.returncode}: " + " | ".join(tail))
    lines = [line for line in proc.stdout.decode("utf-8").split("\n") if line]
    stats = json.loads(lines[-1])["stats"]
    outputs = [json.loads(line) for line in lines[:-1]]
    if want_output and len(outputs) != len(texts):
        raise WorkerError(f"{system} worker returned {len(outputs)} texts for {len(texts)}")
    return WorkerResult(
        system=system,
        python=str(exe.relative_to(BENCH.parent)),
        version=stats["version"],
        load_s=stats["load_s"],
        seconds=stats["seconds"],
        rss_before_kb=stats.get("rss_before_kb", -1),
        rss_loaded_kb=stats.get("rss_loaded_kb", -1),
        outputs=outputs,
    )


# --- worker side: runs under the competitor's venv -------------------------


def _load(system: str) -> tuple[Callable[[str], str], str]:
    from importlib.metadata import version

    if system == "hazm":
        from hazm import Normalizer as HazmNormalizer

        return HazmNormalizer().normalize, version("hazm")
    if system == "shekar":
        from shekar import Normalizer as ShekarNormalizer

        # Normalizer() is shekar's default pipeline; `normalize` is its documented entry.
        return ShekarNormalizer().normalize, version("shekar")
    if system == "parsivar":
        from parsivar import Normalizer as ParsivarNormalizer

        return ParsivarNormalizer().normalize, version("parsivar")
    raise SystemExit(f"unknown system {system!r}; choose from {', '.join(SYSTEMS)}")


def _rss_kb() -> int:
    """Resident memory of this process in KiB (Linux), -1 where unknown."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return -1


def _serve(system: str, want_output: bool) -> None:
    # Split on "\n" only: JSON leaves U+2028 and U+0085 raw, and splitlines() breaks on them.
    raw = sys.stdin.buffer.read().decode("utf-8")
    texts = [json.loads(line) for line in raw.split("\n") if line]
    rss_before = _rss_kb()
    t0 = time.perf_counter()
    normalize, version = _load(system)
    load_s = time.perf_counter() - t0
    rss_loaded = _rss_kb()
    seconds: list[float] = []
    outputs: list[str] = []
    clock = time.perf_counter
    for text in texts:
        t = clock()
        out = normalize(text)
        seconds.append(clock() - t)
        if want_output:
            outputs.append(out)
    lines = [json.dumps(out, ensure_ascii=False) for out in outputs]
    stats = {
        "version": version,
        "load_s": load_s,
        "rss_before_kb": rss_before,
        "rss_loaded_kb": rss_loaded,
        "seconds": seconds,
    }
    lines.append(json.dumps({"stats": stats}))
    sys.stdout.buffer.write(("\n".join(lines) + "\n").encode("utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("system", choices=SYSTEMS)
    ap.add_argument("--no-output", action="store_true", help="write only the stats line")
    args = ap.parse_args()
    _serve(args.system, want_output=not args.no_output)


if __name__ == "__main__":
    main()
