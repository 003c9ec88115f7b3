"""Named-entity recognition: rasad's tagger on three held-out splits.

Splits (none used for training or tuning; training sentences that also occur
in them are removed before training): Arman `test_fold1`, PEYMA `dev`,
ParsTwiNER `dev`, read from ../shared/data/ with rasad's label mapping and
normalization (`rasad.extract.ner_data`).

Scoring is entity-level CoNLL strict (`rasad.extract.ner.strict_scores`, as
seqeval's default): an entity counts only when its type and both boundaries
match. Rows: each label, PER+ORG+LOC together, and micro over all labels.

Two taggers: `fast`, the CRF shipped as the default (`rasad/resources/ner/`),
and `accurate`, the neural tagger (`rasad/resources/ner-accurate/`, needs
torch). Speed is tokens per second on one core (torch held to one thread),
feature extraction included, from a freshly loaded model (empty feature cache)
tagging every sentence of the three splits once, one sentence per call as the
entity linker calls it (model loading excluded); a second pass gives the
warm-cache rate, and for the neural tagger a third pass tags in batches of 32
sentences (`tag_many`). Run it on an idle machine.

Writes bench/results/ner.json (fast) and bench/results/ner-accurate.json.

Examples:
  .venv/bin/python bench/ner.py                    # the CRF
  .venv/bin/python bench/ner.py --model both       # the CRF and the neural tagger
  .venv/bin/python bench/ner.py --model /tmp/ner   # a model folder of either kind
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from rasad.extract.ner import MODEL_FILE, NerModel, default_model_dir, strict_scores
from rasad.extract.ner_data import load_evaluation

ROOT = Path(__file__).resolve().parent.parent
RESULTS = {
    "fast": ROOT / "bench" / "results" / "ner.json",
    "accurate": ROOT / "bench" / "results" / "ner-accurate.json",
}
SPLITS = {"arman": "Arman test_fold1", "peyma": "PEYMA dev", "parstwiner": "ParsTwiNER dev"}
GROUPS = {"PER+ORG+LOC": ("PER", "ORG", "LOC")}
GOAL = {"PER+ORG+LOC f1": 0.85, "tokens_per_second": 20_000, "model_mb": 100}
# Entity-level (CoNLL strict) F1 from ../shared/data/README.md; all labels of each corpus.
PUBLISHED = {
    "arman": "77.45 BiLSTM-CRF (LREC 2018); 84.23 best listed; BERT re-runs about 79-83",
    "peyma": "BERT models re-run independently: 77.6-82.6",
    "parstwiner": "none quoted here",
}


class Tagger(Protocol):
    meta: dict[str, Any]

    def tag(self, tokens: Sequence[str]) -> list[str]: ...


def accurate_dir() -> Path:
    from rasad.extract.ner_neural import default_model_dir as neural_dir

    return neural_dir()


def kind_of(model_dir: Path) -> str:
    """`fast` for a CRF folder, `accurate` for a neural one."""
    return "fast" if (model_dir / MODEL_FILE).exists() else "accurate"


def load(model_dir: Path) -> Tagger:
    if kind_of(model_dir) == "fast":
        return NerModel(model_dir)
    from rasad.extract.ner_neural import NeuralNerModel

    return NeuralNerModel(model_dir)


def run(model_dir: Path) -> dict[str, Any]:
    evaluation = load_evaluation()
    model = load(model_dir)
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
    speed = {
        "tokens": tokens,
        "seconds": round(seconds, 3),
        "tokens_per_second": round(tokens / seconds),
        "tokens_per_second_warm_cache": round(tokens / warm),
    }
    tag_many = getattr(model, "tag_many", None)
    if kind_of(model_dir) == "accurate" and tag_many is not None:
        start = time.perf_counter()
        for sentences in evaluation.values():
            tag_many(s.tokens for s in sentences)
        speed["tokens_per_second_batched"] = round(tokens / (time.perf_counter() - start))
    for name, sentences in evaluation.items():
        scores = strict_scores([s.labels for s in sentences], predictions[name], GROUPS)
        results[name] = {"split": SPLITS[name], "published": PUBLISHED[name], "scores": scores}
    size = sum(f.stat().st_size for f in model_dir.iterdir() if f.is_file())
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.processor()} python {platform.python_version()}",
        "model": str(model_dir),
        "kind": kind_of(model_dir),
        "model_meta": {k: model.meta.get(k) for k in ("name", "feature_set", "command")},
        "goal": GOAL,
        "speed": speed,
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
    batched = speed.get("tokens_per_second_batched")
    lines.append(
        f"speed: {speed['tokens_per_second']:,} tokens/s on one core, features included "
        f"({speed['tokens']:,} tokens in {speed['seconds']} s, cold cache; "
        f"{speed['tokens_per_second_warm_cache']:,}/s warm"
        + (f"; {batched:,}/s in batches of 32 sentences)" if batched else ")")
    )
    lines.append(
        f"model size: {report['model_bytes'] / 1e6:.1f} MB (all files of the model folder)"
    )
    return "\n".join(lines)


def comparison(reports: Sequence[dict[str, Any]]) -> str:
    """PER+ORG+LOC F1 per split, speed and size of each model, side by side."""
    lines = [f"{'model':<10} " + " ".join(f"{x:>16}" for x in SPLITS.values())]
    lines[0] += f" {'tokens/s':>9} {'MB':>6}"
    for r in reports:
        f1s = " ".join(
            f"{r['results'][name]['scores']['PER+ORG+LOC']['f1']:16.3f}" for name in SPLITS
        )
        lines.append(
            f"{r['kind']:<10} {f1s} {r['speed']['tokens_per_second']:9,} "
            f"{r['model_bytes'] / 1e6:6.1f}"
        )
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument(
        "--model",
        default="fast",
        help="fast (the CRF), accurate (the neural tagger), both, or a model folder",
    )
    p.add_argument("--out", type=Path, help="JSON report (one model only)")
    a = p.parse_args()
    if a.model in ("fast", "accurate", "both"):
        kinds = ("fast", "accurate") if a.model == "both" else (a.model,)
        dirs = [default_model_dir() if k == "fast" else accurate_dir() for k in kinds]
    else:
        dirs = [Path(a.model)]
    reports = []
    for model_dir in dirs:
        report = run(model_dir)
        reports.append(report)
        print(f"== {report['kind']}: {model_dir}")
        print(table(report))
        out = a.out if a.out and len(dirs) == 1 else RESULTS[report["kind"]]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    if len(reports) > 1:
        print(comparison(reports))


if __name__ == "__main__":
    main()
