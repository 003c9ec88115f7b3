"""Speed of `rasad batch`: articles per second with 1 and 2 workers, local and on Ray.

Usage: .venv/bin/python bench/batch.py [--articles 20000] [--shard-size 500]
           [--workers 1 2] [--engines local ray] [--work DIR]

Builds JSON-lines shards from ../shared/data: the 1,500 Fars News articles,
the 2,203 Hamshahri RSS leads (title and summary) and the sentences of PEYMA
(train and dev) and ArmanPersoNERCorpus (fold 1, train and test) put
together ten to an article. When more articles are asked for than these
give, the corpus is repeated with each copy followed by a different
Hamshahri lead, so every article is a new text (the batch drops repeats)
of about the same length. The shards are written under --work (a temporary
folder by default, removed afterwards) and never into the repository.

Each run starts from an empty output folder and is timed from the call to
the end of the last shard, engine start-up included (a new local Ray
instance, new worker processes, every model loaded once per worker). The
outputs of every run must be byte for byte the same; the script checks it.
Besides articles per second it reports the workers' processor time per
article and how busy the worker slots were, since on a machine shared with
other jobs the wall time also measures the wait for a core. Prints a table
and writes bench/results/batch.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rasad.pipeline.batch import run_batch

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def fars() -> Iterator[dict[str, str]]:
    for path in sorted((DATA / "farsnews-2008").glob("*.json")):
        for a in json.loads(path.read_text(encoding="utf-8")):
            text = "\n".join([a.get("abstract") or "", *(a.get("paragraphs") or [])]).strip()
            if text:
                yield {"title": a.get("title") or "", "text": text, "url": a.get("link") or ""}


def hamshahri() -> list[dict[str, str]]:
    items = json.loads((DATA / "hamshahri-rss" / "hamshahri.json").read_text(encoding="utf-8"))
    return [
        {"title": i["title"], "text": i["summary"], "url": i["link"]}
        for i in items
        if (i.get("summary") or "").strip()
    ]


def sentences(path: Path, sep: str | None) -> Iterator[str]:
    """Sentences of a one-token-a-line NER file (`word|TAG` or `word TAG`), tags dropped."""
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                yield " ".join(words)
            words = []
            continue
        word = line.rsplit(sep, 1)[0] if sep else line.rsplit(None, 1)[0]
        words.append(word.strip())
    if words:
        yield " ".join(words)


def assembled(per_article: int = 10) -> Iterator[dict[str, str]]:
    """PEYMA and Arman sentences, `per_article` to an article, in file order."""
    files = [
        (DATA / "peyma" / "train.txt", "|"),
        (DATA / "peyma" / "dev.txt", "|"),
        (DATA / "arman" / "train_fold1.txt", None),
        (DATA / "arman" / "test_fold1.txt", None),
    ]
    for path, sep in files:
        batch: list[str] = []
        for sentence in sentences(path, sep):
            batch.append(sentence if sentence.endswith((".", "؟", "!")) else sentence + " .")
            if len(batch) == per_article:
                yield {"title": "", "text": " ".join(batch), "url": ""}
                batch = []


def corpus(n: int) -> list[dict[str, str]]:
    """`n` different articles: the real ones, then copies each with another lead added."""
    leads = hamshahri()
    base = list({a["text"]: a for a in [*fars(), *leads, *assembled()]}.values())
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    copy = 0
    while len(out) < n:
        for i, article in enumerate(base):
            if copy:
                lead = leads[(i * 7 + copy * 131) % len(leads)]
                article = {**article, "text": article["text"] + "\n" + lead["text"]}
            if article["text"] not in seen and len(out) < n:
                seen.add(article["text"])
                out.append(article)
        copy += 1
    return out


def write_shards(articles: list[dict[str, str]], folder: Path, size: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(0, len(articles), size):
        lines = (json.dumps(a, ensure_ascii=False) + "\n" for a in articles[k : k + size])
        (folder / f"shard-{k // size:05d}.jsonl").write_text("".join(lines), encoding="utf-8")


def digest(out: Path) -> str:
    """One hash over every data file of a batch, by shard and table."""
    h = hashlib.sha256()
    for path in sorted(out.glob("shards/*/*.parquet")):
        h.update(str(path.relative_to(out)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def run(engine: str, workers: int, inputs: Path, out: Path) -> dict[str, Any]:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    report = run_batch([str(inputs)], str(out), engine=engine, workers=workers, retries=0)
    seconds = time.perf_counter() - start
    if not report.ok:
        sys.exit(f"{engine} x{workers}: {report.line()}")
    stats = [json.loads(p.read_text(encoding="utf-8")) for p in out.glob("shards/*/stats.json")]
    cpu = sum(s["cpu_seconds"] for s in stats)
    return {
        "engine": engine,
        "workers": workers,
        "articles": report.articles,
        "shards": len(report.done),
        "seconds": round(seconds, 1),
        "articles_per_s": round(report.articles / seconds, 1),
        # The analysis alone, on the workers' processor time: what a free core would do.
        "cpu_ms_per_article": round(1000 * cpu / report.articles, 2),
        # Processor time of the shards over the wall time of every worker slot: start-up,
        # idle slots and other jobs on the machine all lower it.
        "utilisation": round(cpu / (seconds * workers), 2),
        "digest": digest(out),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--shard-size", type=int, default=500)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--engines", nargs="+", default=["local", "ray"])
    ap.add_argument("--work", type=Path, help="Where to write shards and outputs (kept).")
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "batch.json")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="rasad-batch-"))
    articles = corpus(args.articles)
    write_shards(articles, work / "inputs", args.shard_size)
    rows = []
    for engine in args.engines:
        for workers in args.workers:
            row = run(engine, workers, work / "inputs", work / f"out-{engine}-{workers}")
            rows.append(row)
            print(f"{engine} x{workers}: {row['articles_per_s']} articles/s", file=sys.stderr)
    if not args.work:
        shutil.rmtree(work)
    same = len({r["digest"] for r in rows}) == 1
    print(f"{len(articles)} articles in shards of {args.shard_size}, {os.cpu_count()} CPUs\n")
    header = ("engine", "workers", "seconds", "art/s", "scaling", "cpu ms/art", "utilisation")
    print(f"{header[0]:7s} " + " ".join(f"{h:>11s}" for h in header[1:]))
    for r in rows:
        first = next(x for x in rows if x["engine"] == r["engine"])
        r["scaling"] = round(r["articles_per_s"] / first["articles_per_s"], 2)
        print(
            f"{r['engine']:7s} {r['workers']:11d} {r['seconds']:11.1f}"
            f" {r['articles_per_s']:11.1f} {r['scaling']:11.2f}"
            f" {r['cpu_ms_per_article']:11.2f} {r['utilisation']:11.2f}"
        )
    print(f"\nidentical outputs across runs: {same}")
    args.json.write_text(
        json.dumps(
            {
                "articles": len(articles),
                "shard_size": args.shard_size,
                "cpus": os.cpu_count(),
                "identical_outputs": same,
                "runs": rows,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {args.json.relative_to(ROOT) if args.json.is_relative_to(ROOT) else args.json}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
