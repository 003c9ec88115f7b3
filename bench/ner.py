"""Named-entity recognition: rasad's tagger on three held-out splits.

Splits (none used for training or tuning; training sentences that also occur
in them are removed before training): Arman `test_fold1`, PEYMA `dev`,
ParsTwiNER `dev`, read from ../shared/data/ with rasad's label mapping and
normalization (`rasad.extract.ner_data`).

Scoring is entity-level CoNLL strict (`rasad.extract.ner.strict_scores`, as
seqeval's default): an entity counts only when its type and both boundaries
match. Rows: each label, PER+ORG+LOC together, and micro over all labels.

Speed is tokens per second on one core, feature extraction included, from a
freshly loaded model (empty feature cache) tagging every sentence of the three
splits once (model loading excluded); a second pass gives the warm-cache rate.
Run it on an idle machine: the process is single-threaded.

Writes bench/results/ner.json.

Examples:
  .venv/bin/python bench/ner.py
  .venv/bin/python bench/ner.py --model /tmp/ner
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rasad.extract.ner import NerModel, default_model_dir, strict_scores
from rasad.extract.ner_data import load_evaluation

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "ner.json"
SPLITS = {"arman": "Arman test_fold1", "peyma": "PEYMA dev", "parstwiner": "ParsTwiNER dev"}
GROUPS = {"PER+ORG+LOC": ("PER", "ORG", "LOC")}
GOAL = {"PER+ORG+LOC f1": 0.85, "tokens_per_second": 20_000, "model_mb": 100}
# Entity-level (CoNLL strict) F1 from ../shared/data/README.md; all labels of each corpus.
PUBLISHED = {
    "arman": "77.45 BiLSTM-CRF (LREC 2018); 84.23 best listed; BERT re-runs about 79-83",
    "peyma": "BERT models re-run independently: 77.6-82.6",
    "parstwiner": "none quoted here",
}


def run(model_dir: Path) -> dict[str, Any]:
    evaluation = load_evaluation()
    model = NerModel(model_dir)
    results: dict[str, Any] = {}
    tokens = 0
    start = time.perf_counter()
    predictions = {}
    for name, sentences in evaluation.items():
        predictions[name] = [model.tag(s.tokens) for s in sentences]
        tokens += sum(len(s.tokens) for s in sentences)
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    for sentences in evaluation.values():
        for s in sentences:
            model.tag(s.tokens)
    warm = time.perf_counter() - start
    for name, sentences in evaluation.items():
        scores = strict_scores([s.labels for s in sentences], predictions[name], GROUPS)
        results[name] = {"split": SPLITS[name], "published": PUBLISHED[name], "scores": scores}
    size = sum(f.stat().st_size for f in model_dir.iterdir() if f.is_file())
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.processor()} python {platform.python_version()}",
        "model": str(model_dir),
        "model_meta": {k: model.meta.get(k) for k in ("name", "feature_set", "command")},
        "goal": GOAL,
        "speed": {
            "tokens": tokens,
            "seconds": round(seconds, 3),
            "tokens_per_second": round(tokens / seconds),
            "tokens_per_second_warm_cache": round(tokens / warm),
        },
        "model_bytes": size,
        "results": results,
    }


def table(report: dict[str, Any]) -> str:
    lines = [f"{'split':<16} {'label':<12} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    for res in report["results"].values():
        for label, row in res["scores"].items():
            lines.append(
                f"{res['split']:<16} {label:<12} {row['precision'] * 100:6.2f} "
                f"{row['recall'] * 100:6.2f} {row['f1'] * 100:6.2f} "
                f"{row['gold']:>6} {row['predicted']:>6}"
            )
        lines.append(f"{'':<16} published: {res['published']}")
    speed = report["speed"]
    lines.append(
        f"speed: {speed['tokens_per_second']:,} tokens/s on one core, features included "
        f"({speed['tokens']:,} tokens in {speed['seconds']} s, cold cache; "
        f"{speed['tokens_per_second_warm_cache']:,}/s warm)"
    )
    lines.append(
        f"model size: {report['model_bytes'] / 1e6:.1f} MB (all files of the model folder)"
    )
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--model", type=Path, default=default_model_dir(), help="model folder")
    p.add_argument("--out", type=Path, default=RESULTS, help="JSON report")
    a = p.parse_args()
    report = run(a.model)
    print(table(report))
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
