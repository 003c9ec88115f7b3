"""Build the transliteration resources from the ParsText training pairs.

Steps: line up the words of each training sentence pair; keep the commonest
spelling of each word as the word tables; cut every distinct word pair into
letter pieces and train the joint n-gram model on them; then choose the
decoding settings that score best (chrF++) on the development pairs. The
test pairs are never read here.

Output (`rasad/resources/translit/`): joint.tsv.gz (the model),
words.tsv.gz (the tables), META.json (what it was trained on, settings,
development scores). ParsText carries no licence; the resources are research
data and META.json says so.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from rasad.text.translit import (
    TAJIK,
    Settings,
    Transliterator,
    load_names,
    pick_persian,
    tidy_zwnj,
)
from rasad.text.translit_data import Link, Pair, linked_sentences, load_pairs
from rasad.text.translit_ezafe import can_take_ezafe, features, split_ezafe, train_weights
from rasad.text.translit_model import JointModel, align, train
from rasad.text.translit_rules import ZWNJ
from rasad.text.translit_score import corpus_chrf

VERSION = 1
LICENCE = (
    "Trained on ParsText (Merchant and Tang, 2024; github.com/merchantrayyan/ParsText), "
    "which states no licence: research use only."
)


def default_out_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "resources" / "translit"


def commonest(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, int]]:
    """Each source word's commonest target (ties: alphabetical) and its count."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for source, target in pairs:
        counts[source][target] += 1
    return {s: min(c.items(), key=lambda kv: (-kv[1], kv[0])) for s, c in sorted(counts.items())}


def word_tables(
    pairs: Sequence[tuple[str, str]],
    bases: Sequence[tuple[str, str]],
    bigrams: Counter[str],
    min_joined: int = 2,
) -> dict[str, dict[str, str]]:
    """tg-fa (words as written), fa-tg (Tajik without unwritten ezafes) and fa-tg-joined.

    Two Persian words go to one Tajik word only where the training text
    joins them at least `min_joined` times and at least as often as not
    (داشته است: доштааст always; بود و: буду only in verse).
    """
    tg_fa = {t: tidy_zwnj(f) for t, (f, _) in commonest(pairs).items()}
    single = [(f, t) for t, f in bases if " " not in f]
    fa_tg = {f: t for f, (t, _) in commonest(single).items()}
    for f, t in list(fa_tg.items()):
        fa_tg.setdefault(f.replace(ZWNJ, ""), t)
    joined = {
        f: t
        for f, (t, n) in commonest((f, t) for t, f in pairs if " " in f).items()
        if n >= min_joined and 2 * n >= bigrams[f]
    }
    return {"tg-fa": tg_fa, "fa-tg": fa_tg, "fa-tg-joined": joined}


def ezafe_examples(
    sentences: Sequence[tuple[list[str], list[Link]]],
) -> list[tuple[list[str], int]]:
    """(features, has an unwritten ezafe) for each linked Persian word that could take one."""
    out = []
    for farsi, links in sentences:
        for link in links:
            if link.end - link.start != 1:
                continue
            word = farsi[link.start]
            base, ezafe = split_ezafe(link.tajik, word)
            if can_take_ezafe(word, base):
                out.append((features(farsi, link.start), int(ezafe)))
    return out


def score(translit: Transliterator, pairs: Sequence[Pair], direction: str) -> float:
    """chrF++ of one direction on sentence pairs (lower-case Tajik output)."""
    if direction == "tg-fa":
        return corpus_chrf([translit.tg_to_fa(p.tajik) for p in pairs], [p.farsi for p in pairs])
    return corpus_chrf(
        [translit.fa_to_tg(p.farsi, capitalize=False) for p in pairs], [p.tajik for p in pairs]
    )


def tune(translit: Transliterator, dev: Sequence[Pair], log: Any = print) -> Settings:
    """Settings with the best chrF++ on the development pairs, one direction at a time.

    Tajik-to-Persian candidates are decoded once per word and re-ranked under
    each setting, so that grid costs one decoding pass.
    """
    base = translit.settings
    words = {w.lower() for p in dev for w in p.tajik.split() if w.lower() not in translit.tg_fa}
    found = {w: translit.tg_model.nbest(w, TAJIK, base.candidates, base.beam) for w in words}
    best: tuple[float, Settings] = (-1.0, base)
    for weight, penalty in itertools.product((0.0, 0.1, 0.2, 0.3, 0.5), (0.0, 0.5, 1.0, 2.0)):
        settings = replace(base, lexicon_weight=weight, unknown_penalty=penalty)
        cached = {w: pick_persian(c, settings) for w, c in found.items()}
        trial = replace(translit, settings=settings, _seen_tg=cached, _seen_fa={})
        chrf = score(trial, dev, "tg-fa")
        log(f"  lexicon_weight={weight} unknown_penalty={penalty}: dev chrF++ tg-fa {chrf:.2f}")
        if chrf > best[0]:
            best = (chrf, settings)
    settings = best[1]
    seen_fa: dict[str, str] = {}
    best = (-1.0, settings)
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
        trial_settings = replace(settings, ezafe_threshold=threshold)
        trial = replace(translit, settings=trial_settings, _seen_tg={}, _seen_fa=seen_fa)
        chrf = score(trial, dev, "fa-tg")
        log(f"  ezafe_threshold={threshold}: dev chrF++ fa-tg {chrf:.2f}")
        if chrf > best[0]:
            best = (chrf, trial_settings)
    return best[1]


def build(
    out_dir: Path | None = None,
    data_dir: Path | None = None,
    order: int = 4,
    iterations: int = 6,
    log: Any = print,
) -> dict[str, Any]:
    """Train, tune and write the resources; returns the metadata written."""
    started = time.time()
    splits = load_pairs(data_dir)
    sentences = linked_sentences(splits["train"])
    pairs = [(k.tajik, " ".join(fa[k.start : k.end])) for fa, links in sentences for k in links]
    bases = [(split_ezafe(t, f)[0], f) for t, f in pairs]
    bigrams = Counter(f"{a} {b}" for fa, _ in sentences for a, b in itertools.pairwise(fa))
    tables = word_tables(pairs, bases, bigrams)
    log(f"{len(splits['train'])} training sentence pairs, {len(pairs)} word pairs")
    models = {}
    single = [(t, f) for t, f in bases if " " not in f]
    for name, data in (("tg_fa", pairs), ("fa_tg", single)):
        distinct = sorted(set(data))
        models[name] = train(align(distinct, iterations=iterations), order=order)
        log(
            f"{name}: {len(distinct)} distinct word pairs, {len(models[name].units)} pieces, "
            f"{len(models[name].table)} n-grams ({time.time() - started:.0f} s)"
        )
    examples = ezafe_examples(sentences)
    ezafe = train_weights(examples)
    log(f"ezafe: {len(examples)} examples, {sum(y for _, y in examples)} with an ezafe")
    translit = Transliterator(
        tg_model=models["tg_fa"],
        fa_model=models["fa_tg"],
        tg_fa=tables["tg-fa"],
        fa_tg=tables["fa-tg"],
        fa_tg_joined=tables["fa-tg-joined"],
        ezafe=ezafe,
        names=load_names(),
    )
    settings = tune(translit, splits["dev"], log)
    tuned = replace(translit, settings=settings, _seen_tg={}, _seen_fa={})
    meta: dict[str, Any] = {
        "version": VERSION,
        "licence": LICENCE,
        "data": {
            "source": "ParsText data/aligned/json: bbc.json, dr.json",
            "split": "sha1 of 'tajik<TAB>farsi' (cleaned) mod 10: 0 test, 1 dev, else train",
            "sentence_pairs": {k: len(v) for k, v in splits.items()},
            "word_pairs": len(pairs),
            "ezafe_examples": len(examples),
        },
        "models": {
            name: {
                "order": order,
                "em_iterations": iterations,
                "pieces": len(m.units),
                "ngrams": len(m.table),
            }
            for name, m in models.items()
        },
        "tables": {k: len(v) for k, v in tables.items()} | {"ezafe": len(ezafe)},
        "settings": asdict(settings),
        "dev_chrf": {
            "tg-fa": round(score(tuned, splits["dev"], "tg-fa"), 2),
            "fa-tg": round(score(tuned, splits["dev"], "fa-tg"), 2),
        },
    }
    write(out_dir or default_out_dir(), models, tables | {"ezafe": ezafe}, meta)
    log(f"done in {time.time() - started:.0f} s")
    return meta


def write(
    folder: Path,
    models: dict[str, JointModel],
    tables: dict[str, dict[str, Any]],
    meta: dict[str, Any],
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, model in models.items():
        model.save(folder / f"{name}.tsv.gz")
    with gzip.GzipFile(folder / "words.tsv.gz", "wb", mtime=0) as raw:
        lines = [f"# {LICENCE}\n", "# table\tsource\ttarget (ezafe: feature, weight)\n"]
        for kind, table in tables.items():
            lines += [f"{kind}\t{s}\t{t}\n" for s, t in sorted(table.items())]
        raw.write("".join(lines).encode("utf-8"))
    (folder / "META.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--out", type=Path, default=None, help="output folder (default: the shipped one)"
    )
    ap.add_argument("--data", type=Path, default=None, help="ParsText json folder")
    ap.add_argument("--order", type=int, default=4)
    ap.add_argument("--iterations", type=int, default=6)
    args = ap.parse_args(argv)
    meta = build(args.out, args.data, args.order, args.iterations)
    print(json.dumps(meta, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
