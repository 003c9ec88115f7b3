"""Speed of the whole analysis: the text layer alone, and with entities.

Usage: .venv/bin/python bench/analyze_speed.py [--limit N]

Reads the 1,500 Fars News articles of ../shared/data/farsnews-2008, runs
rasad's text layer and then the full analysis (text layer, tagger,
knowledge-base matching and linking) on each, in this process, and reports
articles/s, tokens/s and what entities add per article. Prints a table and
writes bench/results/analyze_speed.json.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from rasad.model import Article
from rasad.pipeline.steps import EntityStep, analysis_pipeline, text_pipeline

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "farsnews-2008"


def articles(limit: int | None) -> list[str]:
    out = []
    for path in sorted(DATA.glob("*.json")):
        for a in json.loads(path.read_text(encoding="utf-8")):
            parts = [a.get("title") or "", a.get("abstract") or "", *(a.get("paragraphs") or [])]
            out.append("\n".join(parts))
    return out[:limit]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    raws = articles(args.limit)
    text_only, full = text_pipeline(), analysis_pipeline()
    for raw in raws[:20]:  # load every resource before timing
        full.process(Article.from_raw(raw))
    rows = {}
    for name, pipeline in (("text layer", text_only), ("text + entities", full)):
        start = time.perf_counter()
        out = [pipeline.process(Article.from_raw(raw)) for raw in raws]
        seconds = time.perf_counter() - start
        tokens = sum(len(a.tokens) for a in out)
        rows[name] = {
            "articles_per_s": round(len(raws) / seconds, 1),
            "ms_per_article": round(1000 * seconds / len(raws), 3),
            "tokens_per_s": round(tokens / seconds),
            "mentions": sum(len(a.mentions) for a in out),
        }
    added = rows["text + entities"]["ms_per_article"] - rows["text layer"]["ms_per_article"]
    print(f"{len(raws)} articles\n")
    print(f"{'pipeline':18s} {'art/s':>8s} {'ms/art':>8s} {'tokens/s':>10s} {'mentions':>9s}")
    for name, r in rows.items():
        print(
            f"{name:18s} {r['articles_per_s']:8.1f} {r['ms_per_article']:8.3f}"
            f" {r['tokens_per_s']:10d} {r['mentions']:9d}"
        )
    print(f"\nentities add {added:.3f} ms per article ({EntityStep.name} step)")
    out_path = ROOT / "bench" / "results" / "analyze_speed.json"
    out_path.write_text(
        json.dumps(
            {"articles": len(raws), "rows": rows, "entities_ms_per_article": added}, indent=2
        )
        + "\n"
    )
    print(f"wrote {out_path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
