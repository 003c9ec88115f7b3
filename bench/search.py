"""Store and search at scale: ingest rate, index size, latency, and recall across spellings.

Collection: `--n` pseudo-articles (default 10,000; the reported figures use
100,000) assembled from ../shared/data: the paragraphs of the 1,500 Fars News
articles (Arabic ي/ك throughout, ZWNJ in places), the 2,203 Hamshahri RSS
leads (edited, with ZWNJ), and PEYMA and Arman sentences (no ZWNJ, spaces
inside words) grouped in threes to sixes. Each article takes a real title and
two to six of these paragraphs at random, a date in 2021-2022, one of twelve
sources and a language (fa, or prs for one in ten); one in three also gets a
sentence naming one of the CONCEPTS below, written in one of its spellings.
Same seed, same collection.

Ingest: the articles go into a fresh SQLite store with `Store.add_articles`
(500 to a transaction) as clean text, without the analysis: that times the
store and its index alone. The full analysis (text layer, entities, quotes,
events, MinHash stories) plus storing is timed separately on `--analysis-n`
articles through `Collector.add_all`, the path `rasad ingest` takes, in this
process alone and with a pool of `--workers` analysis processes.

PostgreSQL (`--pg-n`, default 10,000; 0 skips): the first articles of the
same collection go into a throwaway server on 127.0.0.1 (the one the tests
use, `tests/store/postgres_server.py`: initdb in a temporary folder, fsync
off), and the same latency sets run against it, after an ANALYZE (as
autovacuum would run soon after such a load).

Latency: `Store.search` (one page of 20, with snippets and title marks, and
again without) for `--queries` single words and `--queries` two-word phrases
taken from the collection's own paragraphs, and for single words with a
filter (a source, a 30-day range, or the prs language), each sorted newest
first and by relevance; p50 and p99 in milliseconds, wall clock and this
process's CPU time. Each set runs `--repeat` times after 20 warm-up queries,
compiled query patterns forgotten before each pass; the pass with the lowest
median is kept, since on a shared machine the slower passes measure the
neighbours.

Recall: every concept is searched in every spelling it is written in (ZWNJ,
space or joined; Persian or Arabic ی/ک; hamza and madda forms; Persian,
Arabic-Indic or Latin digits), as a user types it: compounds and words bare,
multi-word names in double quotes. The truth for a concept is found by brute
force, without any index: every article whose title or text, folded to
search terms (`rasad.search.fold`), holds the concept's words next to each
other or joined, optionally followed by one of the suffixes rasad treats as
inflection (`rasad.search.forms.inflected`). Recall is summed over every
(concept, spelling) pair: found true articles / true articles; a false hit
is a returned article outside the truth. The same queries run, as phrases,
against a plain SQLite FTS5 `unicode61` index of the same titles and texts,
built in the same run.

Writes bench/results/search.json. Examples:
  .venv/bin/python bench/search.py --n 2000 --queries 50
  .venv/bin/python bench/search.py --n 100000 --pg-n 100000
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rasad.model import Article
from rasad.search.engine import known_terms
from rasad.search.fold import fold_word, terms_of
from rasad.search.forms import inflected
from rasad.search.query import parse, plan
from rasad.search.surface import alternatives_pattern
from rasad.store import ArticleFilter, Store, open_store
from rasad.store.backend import SearchQuery

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "bench" / "results" / "search.json"
Z = "\u200c"
SOURCES = [f"source-{i:02d}" for i in range(12)]
START = datetime(2021, 1, 1, tzinfo=UTC)
SPAN_SECONDS = 2 * 365 * 86400
GOALS = {"recall": 0.99, "newest_p99_ms": 10.0, "ranked_p99_ms": 100.0, "ingest_per_second": 50}
WARM = 64  # full analysis: results before the rate is timed (two batches)
TEMPLATES = (
    "به گزارش خبرنگار ما، {} در این باره توضیح داد.",
    "در نشست امروز موضوع {} بار دیگر مطرح شد.",
    "کارشناسان گفتند که {} اهمیت زیادی دارد.",
    "این گزارش درباره {} منتشر شده است.",
)


@dataclass(frozen=True)
class Concept:
    """A word or name and the spellings people type it in."""

    parts: tuple[str, ...]  # canonical words, as separate pieces
    spellings: tuple[str, ...]
    quoted: bool = False  # a multi-word name: typed in double quotes
    also: tuple[tuple[str, ...], ...] = ()  # other standard forms (the hamza's other seat)

    @property
    def forms(self) -> tuple[tuple[str, ...], ...]:
        return (self.parts, *self.also)


def _arabic(text: str) -> str:
    return text.replace("ی", "ي").replace("ک", "ك")


def compound(*parts: str, extra: Sequence[str] = ()) -> Concept:
    """A compound: with ZWNJ, with a space, joined; each also in Arabic letters."""
    forms = [Z.join(parts), " ".join(parts), "".join(parts), *extra]
    forms += [_arabic(f) for f in forms]
    return Concept(parts, tuple(dict.fromkeys(forms)))


def name(*parts: str, extra: Sequence[str] = (), also: Sequence[str] = ()) -> Concept:
    forms = [" ".join(parts), *extra, *also]
    forms += [_arabic(f) for f in forms]
    others = tuple(tuple(a.split()) for a in also)
    return Concept(parts, tuple(dict.fromkeys(forms)), quoted=len(parts) > 1, also=others)


def number(persian: str) -> Concept:
    latin = persian.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
    arabic = persian.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩"))
    return Concept((persian,), (persian, latin, arabic))


CONCEPTS = (
    compound("رئیس", "جمهور", extra=(f"رییس{Z}جمهور", "رییس جمهور")),
    compound("بین", "المللی"),
    compound("گفت", "وگو"),
    compound("نخست", "وزیر"),
    compound("پیش", "بینی"),
    compound("اطلاع", "رسانی"),
    compound("بی", "ثباتی"),
    compound("هسته", "ای"),
    compound("سخن", "گوی"),
    compound("تصمیم", "گیری"),
    compound("کشور", "های"),
    compound("دانشگاه", "ها"),
    name("شورای", "امنیت"),
    name("جمهوری", "اسلامی"),
    name("سازمان", "ملل"),
    name("کاخ", "سفید"),
    name("آمریکا", extra=("امریکا",)),
    name("تاجیکستان"),
    name("مسئولان", also=("مسؤولان",)),
    name("مؤسسه", extra=("موسسه",)),
    name("افغانستان"),
    number("۱۴۰۰"),
    number("۱۳۸۷"),
    number("۲۰۲۱"),
)


# --- the collection -------------------------------------------------------------


@dataclass(frozen=True)
class Pool:
    titles: list[str]
    paragraphs: list[str]
    sentences: list[str]


def load_pool() -> Pool:
    titles: list[str] = []
    paragraphs: list[str] = []
    for path in sorted((DATA / "farsnews-2008").glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            titles.append(record["title"].strip())
            paragraphs += [p.strip() for p in record.get("paragraphs") or () if p.strip()]
            if (record.get("abstract") or "").strip():
                paragraphs.append(record["abstract"].strip())
    for item in json.loads((DATA / "hamshahri-rss" / "hamshahri.json").read_text(encoding="utf-8")):
        titles.append(item["title"].strip())
        if item.get("summary"):
            paragraphs.append(item["summary"].strip())
    sentences = list(_conll(DATA / "peyma" / "train.txt", "|"))
    sentences += _conll(DATA / "peyma" / "dev.txt", "|")
    sentences += _conll(DATA / "arman" / "train_fold1.txt", " ")
    return Pool([t for t in titles if t], paragraphs, sentences)


def _conll(path: Path, sep: str) -> Iterator[str]:
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                yield " ".join(words)
            words = []
        else:
            words.append(line.rsplit(sep, 1)[0])
    if words:
        yield " ".join(words)


def generate(pool: Pool, n: int, seed: int) -> Iterator[tuple[Article, int]]:
    """(article, index of the injected concept or -1), deterministic for a seed."""
    rng = random.Random(seed)
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(2, 6)):
            if rng.random() < 0.25:
                k = rng.randint(3, 6)
                start = rng.randrange(len(pool.sentences) - k)
                parts.append(" ".join(pool.sentences[start : start + k]))
            else:
                parts.append(rng.choice(pool.paragraphs))
        injected = -1
        if rng.random() < 1 / 3:
            injected = rng.randrange(len(CONCEPTS))
            spelling = rng.choice(CONCEPTS[injected].spellings)
            parts.insert(rng.randint(0, len(parts)), rng.choice(TEMPLATES).format(spelling))
        text = "\n".join(parts)
        moment = START + timedelta(seconds=rng.randrange(SPAN_SECONDS))
        article = Article.from_raw(
            text,
            text=text,
            title=rng.choice(pool.titles),
            source=rng.choice(SOURCES),
            url="",
            published_at=moment,
            language="prs" if rng.random() < 0.1 else "fa",
        )
        yield article, injected


# --- truth by brute force ----------------------------------------------------------


def oracle(concept: Concept) -> re.Pattern[str]:
    """The concept's words next to each other or joined, maybe inflected, as whole terms."""
    alternatives = []
    for form in concept.forms:
        parts = [t for p in form for t in fold_word(p)]
        head = "".join(p + " " for p in parts[:-1])
        for before, last in ((head, parts[-1]), ("", "".join(parts))):
            # An inflected form may change the word's end (نماینده -> نمایندگان).
            endings = sorted({last, *inflected(last)}, key=len, reverse=True)
            alternatives.append(re.escape(before) + "(?:" + "|".join(map(re.escape, endings)) + ")")
    return re.compile(r"(?<!\S)(?:" + "|".join(dict.fromkeys(alternatives)) + r")(?!\S)")


def truth_of(article: Article, patterns: Sequence[re.Pattern[str]]) -> list[int]:
    fields = (" ".join(terms_of(article.title)), " ".join(terms_of(article.text)))
    return [i for i, p in enumerate(patterns) if any(p.search(f) for f in fields)]


# --- running -------------------------------------------------------------------------


def ingest(
    store: Store, plain: sqlite3.Connection, pool: Pool, args: argparse.Namespace
) -> dict[str, Any]:
    patterns = [oracle(c) for c in CONCEPTS]
    truth: list[set[int]] = [set() for _ in CONCEPTS]
    store_seconds = plain_seconds = 0.0
    counts = {"new": 0, "duplicate": 0, "failed": 0}
    chars = 0
    stream = generate(pool, args.n, args.seed)
    while chunk := [next(stream, None) for _ in range(5000)]:
        items = [c for c in chunk if c is not None]
        if not items:
            break
        articles = [a for a, _ in items]
        gc.disable()
        t = time.perf_counter()
        results = list(store.add_articles(articles, batch_size=500))
        store_seconds += time.perf_counter() - t
        gc.enable()
        rows = [
            (r.id, a.title, a.text)
            for r, a in zip(results, articles, strict=True)
            if r.status == "new"
        ]
        t = time.perf_counter()
        with plain:
            plain.executemany("INSERT INTO plain (rowid, title, body) VALUES (?, ?, ?)", rows)
        plain_seconds += time.perf_counter() - t
        for result, article in zip(results, articles, strict=True):
            counts[result.status] += 1
            if result.status == "new":
                chars += len(article.text)
                for i in truth_of(article, patterns):
                    truth[i].add(result.id)
        print(
            f"  {sum(counts.values()):>7} articles, {store_seconds:.1f} s in the store",
            file=sys.stderr,
        )
    return {
        "counts": counts,
        "chars": chars,
        "store_seconds": store_seconds,
        "plain_seconds": plain_seconds,
        "truth": truth,
    }


def all_matches(store: Store, query: str) -> set[int]:
    """Every article id matching `query` (past the paging limits of `Store.search`)."""
    parts = parse(query)
    the_plan = plan(parts, known_terms(store, parts))
    if the_plan.empty:
        return set()
    request = SearchQuery(the_plan, "", {}, ranked=False, limit=10**9, offset=0)
    return {i for i, _ in store.db.search(request)}


def plain_matches(plain: sqlite3.Connection, query: str) -> set[int]:
    phrase = '"' + query.replace('"', "").replace('"', '""') + '"'
    return {r[0] for r in plain.execute("SELECT rowid FROM plain WHERE plain MATCH ?", (phrase,))}


def typed(concept: Concept, spelling: str) -> str:
    return f'"{spelling}"' if concept.quoted else spelling


def recall(store: Store, plain: sqlite3.Connection, truth: list[set[int]]) -> dict[str, Any]:
    rows = []
    totals = {"rasad": [0, 0, 0], "plain": [0, 0, 0]}  # found, wanted, false
    for concept, wanted in zip(CONCEPTS, truth, strict=True):
        for spelling in concept.spellings:
            query = typed(concept, spelling)
            row: dict[str, Any] = {"query": query, "truth": len(wanted)}
            for system, got in (
                ("rasad", all_matches(store, query)),
                ("plain", plain_matches(plain, spelling)),
            ):
                hit, false = len(got & wanted), len(got - wanted)
                totals[system][0] += hit
                totals[system][1] += len(wanted)
                totals[system][2] += false
                row[system] = {"found": hit, "false": false}
            rows.append(row)
    summary = {
        system: {
            "recall": round(found / wanted, 4) if wanted else 0.0,
            "false_hits": false,
            "found": found,
            "wanted": wanted,
        }
        for system, (found, wanted, false) in totals.items()
    }
    return {"summary": summary, "queries": rows}


def query_sets(pool: Pool, n: int, seed: int) -> dict[str, list[tuple[str, ArticleFilter]]]:
    rng = random.Random(seed + 1)
    words_of = re.compile(r"[^\W\d_][^\W\d_\u200c]{2,}")
    singles: list[str] = []
    phrases: list[str] = []
    while len(singles) < n or len(phrases) < n:
        words = words_of.findall(rng.choice(pool.paragraphs))
        if len(words) < 2:
            continue
        i = rng.randrange(len(words) - 1)
        if len(singles) < n:
            singles.append(words[i])
        if len(phrases) < n:
            phrases.append(f'"{words[i]} {words[i + 1]}"')
    filtered = []
    for word in singles:
        kind = rng.randrange(3)
        if kind == 0:
            f = ArticleFilter(source=rng.choice(SOURCES))
        elif kind == 1:
            first = (START + timedelta(days=rng.randrange(700))).date()
            f = ArticleFilter(date_from=first, date_to=first + timedelta(days=29))
        else:
            f = ArticleFilter(language="prs")
        filtered.append((word, f))
    return {
        "word": [(w, ArticleFilter()) for w in singles],
        "phrase": [(p, ArticleFilter()) for p in phrases],
        "filtered": filtered,
    }


def latency(
    store: Store, sets: dict[str, list[tuple[str, ArticleFilter]]], repeat: int
) -> dict[str, Any]:
    """Wall and CPU milliseconds per `Store.search` call, with and without snippets.

    Each set runs `repeat` times, query patterns forgotten before each pass,
    and the pass with the lowest median is kept: on a shared machine the
    slower passes measure the neighbours. CPU time is this process's own.
    """
    out: dict[str, Any] = {}
    for snippets in (True, False):
        for sort in ("newest", "relevance"):
            for kind, queries in sets.items():
                for q, f in queries[:20]:  # warm-up
                    store.search(q, f, sort=sort, snippets=snippets)
                passes = []
                for _ in range(repeat):
                    alternatives_pattern.cache_clear()
                    re.purge()
                    passes.append(_timed(store, queries, sort, snippets))
                best = min(passes, key=lambda x: x["p50_ms"])
                out[f"{kind}/{sort}" + ("" if snippets else "/no-snippets")] = best
    return out


def _timed(
    store: Store, queries: list[tuple[str, ArticleFilter]], sort: str, snippets: bool
) -> dict[str, Any]:
    wall, cpu = [], []
    hits = 0
    for q, f in queries:
        t, c = time.perf_counter(), time.process_time()
        results = store.search(q, f, sort=sort, snippets=snippets)
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - t) * 1000)
        hits += bool(results.hits)
    return {
        "queries": len(wall),
        "with_hits": hits,
        "p50_ms": round(statistics.median(wall), 2),
        "p99_ms": round(_percentile(wall, 99), 2),
        "cpu_p50_ms": round(statistics.median(cpu), 2),
        "cpu_p99_ms": round(_percentile(cpu, 99), 2),
    }


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def full_analysis(
    pool: Pool, n: int, seed: int, folder: Path, workers: Sequence[int]
) -> dict[str, Any]:
    """Articles per second for `rasad ingest`'s path: analysis, stories and storing.

    `Collector.add_all` on `n` raw articles (the text layer, entities,
    quotes, events, MinHash signatures and stories, stored 32 to a
    transaction) into a fresh store, once for each worker count. The rate is
    taken after the first `WARM` results (the models load, a pool starts);
    the rate from the start is reported beside it.
    """
    from rasad.ingest.collect import Collector

    articles = [a.evolve(text="") for a, _ in generate(pool, n + WARM, seed + 7)]
    out: dict[str, Any] = {"articles": n, "batch_size": 32}
    stored = []
    for count in workers:
        with open_store(str(folder / f"analysed-{count}.db")) as store:
            collector = Collector(store)
            t0 = time.perf_counter()
            warm = t0
            for i, _ in enumerate(collector.add_all(articles, workers=count, batch_size=32)):
                if i + 1 == WARM:
                    warm = time.perf_counter()
            end = time.perf_counter()
            stats = store.stats()
        stored.append({k: stats[k] for k in ("articles", "mentions", "quotes", "events")})
        out[f"workers_{count}"] = {
            "per_second": round(n / (end - warm), 1),
            "per_second_from_start": round((n + WARM) / (end - t0), 1),
            "seconds": round(end - warm, 2),
            **stored[-1],
        }
        print(f"  full analysis, {count} worker(s): {out[f'workers_{count}']}", file=sys.stderr)
    out["same_results"] = all(x == stored[0] for x in stored)
    return out


def postgres_latency(pool: Pool, args: argparse.Namespace) -> dict[str, Any] | None:
    """The latency sets on a throwaway PostgreSQL server holding the first `--pg-n` articles."""
    sys.path.insert(0, str(ROOT))
    from tests.store.postgres_server import cluster

    server = cluster()
    if server is None:
        print("PostgreSQL: no server binaries, skipped", file=sys.stderr)
        return None
    store = open_store(server.new_database())
    try:
        t = time.perf_counter()
        stream = (a for a, _ in generate(pool, args.pg_n, args.seed))
        stored = sum(1 for _ in store.add_articles(stream, batch_size=500))
        seconds = time.perf_counter() - t
        # What autovacuum does soon after a bulk load, done now rather than mid-measurement.
        t = time.perf_counter()
        store.db.run("ANALYZE")
        analyze_seconds = time.perf_counter() - t
        print(f"PostgreSQL: {stored} articles in {seconds:.0f} s; latency ...", file=sys.stderr)
        version = store.db.value("SELECT current_setting('server_version')")
        lat = latency(store, query_sets(pool, args.queries, args.seed), args.repeat)
        sizes = store.sizes()
    finally:
        store.close()  # the server stops when this process exits
    return {
        "articles": stored,
        "server": version,
        "store_per_second": round(stored / seconds, 1),
        "analyze_seconds": round(analyze_seconds, 2),
        "size_bytes": sizes,
        "latency": lat,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000, help="articles in the collection")
    parser.add_argument("--queries", type=int, default=200, help="queries per latency set")
    parser.add_argument(
        "--analysis-n", type=int, default=1500, help="articles for the full-analysis rate (0: skip)"
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="analysis processes for the pooled full analysis"
    )
    parser.add_argument(
        "--pg-n", type=int, default=10_000, help="articles in the PostgreSQL run (0: skip)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="latency passes; the fastest is kept")
    parser.add_argument("--dir", help="where to build the stores (default: a temporary folder)")
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args(argv)

    folder = Path(args.dir or tempfile.mkdtemp(prefix="rasad-bench-search-"))
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.db*"):
        old.unlink()
    load_before = [round(x, 2) for x in os.getloadavg()]
    pool = load_pool()
    print(
        f"pool: {len(pool.titles)} titles, {len(pool.paragraphs)} paragraphs, {len(pool.sentences)} sentences",
        file=sys.stderr,
    )
    store = open_store(str(folder / "rasad.db"))
    plain = sqlite3.connect(str(folder / "plain.db"))
    plain.execute("PRAGMA journal_mode = WAL")
    plain.execute(
        "CREATE VIRTUAL TABLE plain USING fts5 (title, body, content = '', tokenize = 'unicode61')"
    )

    built = ingest(store, plain, pool, args)
    stored = built["counts"]["new"] + built["counts"]["duplicate"]
    sizes = store.sizes()
    plain_index = plain.execute(
        "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'plain%'"
    ).fetchone()[0]
    print("recall ...", file=sys.stderr)
    found = recall(store, plain, built["truth"])
    print("latency ...", file=sys.stderr)
    lat = latency(store, query_sets(pool, args.queries, args.seed), args.repeat)
    pg = postgres_latency(pool, args) if args.pg_n else None
    analysis = (
        full_analysis(pool, args.analysis_n, args.seed, folder, sorted({1, args.workers}))
        if args.analysis_n
        else None
    )
    store.close()
    plain.close()

    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "cpus": os.cpu_count(),
            "load_before": load_before,
            "load_after": [round(x, 2) for x in os.getloadavg()],
        },
        "args": {k: v for k, v in vars(args).items() if k != "out"},
        "collection": {
            "articles": stored,
            **built["counts"],
            "mean_chars": round(built["chars"] / max(1, built["counts"]["new"]), 1),
        },
        "ingest": {
            "store_seconds": round(built["store_seconds"], 2),
            "store_per_second": round(stored / built["store_seconds"], 1),
            "plain_fts5_seconds": round(built["plain_seconds"], 2),
        },
        "size_bytes": {
            "store": sizes["store"],
            "index": sizes["index"],
            "plain_fts5_index": plain_index,
        },
        "recall": found["summary"],
        "recall_queries": found["queries"],
        "latency": lat,
        "full_analysis": analysis,
        "postgres": pg,
        "goals": GOALS,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(
        json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print_table(report)
    return 0


def print_table(r: dict[str, Any]) -> None:
    c, i, s = r["collection"], r["ingest"], r["size_bytes"]
    m = r["machine"]
    print(
        f"load average before / after: {m['load_before'][0]} / {m['load_after'][0]} on {m['cpus']} CPUs"
    )
    print(
        f"collection: {c['articles']:,} articles ({c['duplicate']} duplicates), {c['mean_chars']:.0f} characters each"
    )
    print(
        f"ingest, store and index only: {i['store_per_second']:,.0f} articles/s ({i['store_seconds']:.1f} s)"
    )
    if r["full_analysis"]:
        a = r["full_analysis"]
        for key, x in a.items():
            if key.startswith("workers_"):
                print(
                    f"ingest with the full analysis, {key[8:]} worker(s): {x['per_second']:.1f}"
                    f" articles/s ({x['per_second_from_start']:.1f} from the start; {a['articles']}"
                    f" articles); same results: {a['same_results']}"
                )
    mb = 1 << 20
    print(
        f"size: store {s['store'] / mb:,.0f} MB, index {s['index'] / mb:,.0f} MB; plain FTS5 index {s['plain_fts5_index'] / mb:,.0f} MB"
    )
    print()
    print("ms per search, p50 / p99: wall clock (CPU time of this process)")
    print_latency(r["latency"])
    if r.get("postgres"):
        pg = r["postgres"]
        print()
        print(f"PostgreSQL {pg['server']}, {pg['articles']:,} articles, ms p50 / p99 (CPU):")
        print_latency(pg["latency"])
    print()
    print("| index | recall | false hits |")
    print("|---|---|---|")
    for system in ("rasad", "plain"):
        x = r["recall"][system]
        print(
            f"| {system} | {x['recall']:.4f} ({x['found']:,} / {x['wanted']:,}) | {x['false_hits']:,} |"
        )


def print_latency(lat: dict[str, Any]) -> None:
    print("| queries | newest first | ranked | newest, no snippets | ranked, no snippets |")
    print("|---|---|---|---|---|")
    for kind in ("word", "phrase", "filtered"):
        cells = []
        for key in ("newest", "relevance", "newest/no-snippets", "relevance/no-snippets"):
            x = lat[f"{kind}/{key}"]
            cells.append(f"{x['p50_ms']} / {x['p99_ms']} ({x['cpu_p50_ms']} / {x['cpu_p99_ms']})")
        print(f"| {kind} ({lat[kind + '/newest']['queries']}) | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    sys.exit(main())
