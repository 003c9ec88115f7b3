"""Named entities in normalized Persian tokens: a CRF over cached word features.

`NerModel.tag(tokens)` returns IOB2 labels (`B-PER`, `I-ORG`, `O`) for rasad's
tokens of normalized text; `entity_spans` turns labels into token spans. The
shipped model (`rasad/resources/ner/`, trained by `rasad.extract.ner_train`)
loads lazily, once, offline.

Speed comes from caching: every feature that depends on one word alone (its
form, affixes, shape, cue-word classes, cluster) is built once per word in
five versions, one for each position it can take in the window -2..+2, so
tagging a token costs five list extensions and two string joins.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycrfsuite

ZWNJ = "\u200c"
MODEL_FILE = "model.crfsuite"
CLUSTERS_FILE = "clusters.tsv.gz"
ATTRIBUTES_FILE = "attributes.txt.gz"
META_FILE = "meta.json"
FEATURE_SET = "rasad-ner-3"  # bump when features change: a model is tied to its features

# Words before a person: honorifics, titles, offices, family.
TITLES = frozenset(
    """آقای آقا خانم دکتر مهندس استاد رئیس‌جمهور رئیس‌جمهوری رئیس وزیر نخست‌وزیر سخنگوی سخنگو
    معاون دبیرکل دبیر مدیرکل مدیرعامل مدیر سفیر نماینده فرمانده سرپرست دادستان قاضی رهبر
    حجت‌الاسلام حجت‌الاسلام‌والمسلمین آیت‌الله سردار سرلشکر سرتیپ سرهنگ ژنرال امیر
    شیخ ملا مولوی مولانا سید امام حضرت شهید مرحوم پرزیدنت صدراعظم پادشاه شاه ملکه شاهزاده
    مربی سرمربی بازیکن کاپیتان هافبک مهاجم دروازه‌بان همسر پسر دختر برادر خواهر پدر مادر
    نویسنده شاعر کارگردان بازیگر خواننده هنرمند خبرنگار کارشناس سناتور""".split()
)
# Heads of organization names.
ORG_HEADS = frozenset(
    """وزارت وزارتخانه سازمان حزب دانشگاه خبرگزاری شرکت بانک گروه گروهک جبهه شورای شورا مجلس
    اداره انجمن کمیته کمیسیون بنیاد موسسه مؤسسه ستاد اتحادیه فدراسیون باشگاه تیم روزنامه
    شبکه دفتر مرکز پژوهشگاه فرهنگستان دادگاه دیوان قوه نیروی نیروهای سپاه ارتش جنبش جمعیت
    کانون هیئت هیات اتاق صندوق بورس پلیس مجمع دولت سفارت کنسولگری آژانس نهاد شهرداری
    استانداری فرمانداری دانشکده پژوهشکده کارخانه ائتلاف پیمان اتحاد جامعه کنگره پارلمان
    سنا خبرگزاری‌های رادیو تلویزیون نشریه هفته‌نامه ماهنامه مجله انتشارات""".split()
)
# Words before or around a place.
LOC_CUES = frozenset(
    """شهر شهرستان استان کشور کشورهای روستای روستا جزیره رود رودخانه دریای دریا کوه کوه‌های
    خلیج منطقه ولایت بخش پایتخت قاره جنوب شمال شرق غرب جنوبی شمالی شرقی غربی مرز مرزهای
    اقیانوس بندر سفر مقیم ساکن اهل سوی سمت در به از تا""".split()
)
_LENGTHS = ("len0", "len1", "len2", "len3", "len4", "len5", "len6", "len6", "len6")


def word_shape(word: str) -> str:
    """Classes of characters with runs collapsed: `رئیس‌جمهور` -> `aza`, `U.S.` -> `X.X.`."""
    out = []
    prev = ""
    for ch in word:
        if ch == ZWNJ:
            c = "z"
        elif ch.isdigit():
            c = "d"
        elif ch.isalpha():
            c = "a" if ch > "\u024f" else ("X" if ch.isupper() else "x")
        else:
            c = ch
        if c != prev:
            out.append(c)
            prev = c
    return "".join(out)[:8]


class Featurizer:
    """Feature lists for sentences, with per-word parts cached."""

    OFFSETS = (-2, -1, 1, 2)

    def __init__(
        self,
        clusters: Mapping[str, tuple[str, ...]] | None = None,
        known: Collection[str] | None = None,
    ) -> None:
        self.clusters = clusters or {}
        # A trained model's attributes: others carry no weight, so they are
        # dropped before the CRF has to look them up.
        self.known = known
        self._cache: dict[str, tuple[list[str], ...]] = {}

    def word(self, word: str) -> tuple[list[str], ...]:
        """(own features, then the word seen at -2, -1, +1, +2): one list per window slot."""
        parts = self._cache.get(word)
        if parts is None:
            if len(self._cache) > 500_000:
                self._cache.clear()
            parts = self._build(word)
            if self.known is not None:
                known = self.known
                parts = tuple([f for f in view if f in known] for view in parts)
            self._cache[word] = parts
        return parts

    def _build(self, w: str) -> tuple[list[str], ...]:
        n = len(w)
        shape = word_shape(w)
        classes = []
        if w in TITLES:
            classes.append("T")
        if w in ORG_HEADS:
            classes.append("OH")
        if w in LOC_CUES:
            classes.append("LC")
        cl = self.clusters.get(w, ())
        own = [
            "b",
            "w=" + w,
            "sh=" + shape,
            _LENGTHS[min(n, 8)],
            *(f"p{k}=" + w[:k] for k in (1, 2, 3, 4) if n > k),
            *(f"s{k}=" + w[-k:] for k in (1, 2, 3, 4) if n > k),
            *(f"c{i}=" + c for i, c in enumerate(cl)),
            *classes,
        ]
        if ZWNJ in w:
            own.append("zw")
            own.append("h=" + w.split(ZWNJ, 1)[0])
            own.append("t=" + w.rsplit(ZWNJ, 1)[1])
        if any(ch.isdigit() for ch in w):
            own.append("dig")
        if not cl:
            own.append("nocl")
        views = [own]
        for k in self.OFFSETS:
            near = abs(k) == 1
            view = [f"{k}w=" + w, f"{k}sh=" + shape, *(f"{k}{c}" for c in classes)]
            if cl:
                view.extend(f"{k}c{i}=" + c for i, c in enumerate(cl) if near or i == 0)
            if near:
                view.extend(f"{k}s{j}=" + w[-j:] for j in (2, 3) if n > j)
            views.append(view)
        return tuple(views)

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        words = [self.word(t) for t in tokens]
        n = len(words)
        known = self.known
        out = []
        for i, parts in enumerate(words):
            f = list(parts[0])
            if i >= 2:
                f.extend(words[i - 2][1])
            if i >= 1:
                f.extend(words[i - 1][2])
                bigram = "bg-=" + tokens[i - 1] + "|" + tokens[i]
                if known is None or bigram in known:
                    f.append(bigram)
            else:
                f.append("BOS")
            if i + 1 < n:
                f.extend(words[i + 1][3])
                bigram = "bg+=" + tokens[i] + "|" + tokens[i + 1]
                if known is None or bigram in known:
                    f.append(bigram)
            else:
                f.append("EOS")
            if i + 2 < n:
                f.extend(words[i + 2][4])
            out.append(f)
        return out


def default_model_dir() -> Path:
    return Path(str(resources.files("rasad") / "resources" / "ner"))


def read_lines(path: Path) -> frozenset[str] | None:
    """The lines of a gzip file as a set; missing file: None."""
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return frozenset(f.read().split("\n")) - {""}


def read_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    """`word<TAB>id<TAB>id...` lines (gzip); missing file: no clusters."""
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = (line.rstrip("\n").split("\t") for line in f)
        return {row[0]: tuple(row[1:]) for row in rows if row[0]}


class NerModel:
    """A trained CRF tagger with its featurizer; pickles by path and reopens lazily."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.meta: dict[str, Any] = {}
        meta = self.path / META_FILE
        if meta.exists():
            self.meta = json.loads(meta.read_text(encoding="utf-8"))
        if not (self.path / MODEL_FILE).exists():
            raise FileNotFoundError(
                f"no NER model in {self.path}: train one with "
                f"`python -m rasad.extract.ner_train --out {self.path}`"
            )
        if self.meta.get("feature_set", FEATURE_SET) != FEATURE_SET:
            raise ValueError(
                f"NER model in {self.path} was trained with features "
                f"{self.meta['feature_set']!r}, this rasad computes {FEATURE_SET!r}; retrain it"
            )
        self.featurizer = Featurizer(
            read_clusters(self.path / CLUSTERS_FILE), read_lines(self.path / ATTRIBUTES_FILE)
        )
        self._tagger: pycrfsuite.Tagger | None = None

    @classmethod
    def load(cls, path: Path | str | None = None) -> NerModel:
        """The model in `path`; without one, the shipped model (loaded once)."""
        return _shipped() if path is None else cls(path)

    @property
    def tagger(self) -> pycrfsuite.Tagger:
        if self._tagger is None:
            tagger = pycrfsuite.Tagger()
            tagger.open(str(self.path / MODEL_FILE))
            self._tagger = tagger
        return self._tagger

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """IOB2 labels for `tokens` (rasad's tokens of normalized text)."""
        if not tokens:
            return []
        labels: list[str] = self.tagger.tag(self.featurizer.sentence(tokens))
        return labels

    def tag_many(self, sentences: Iterable[Sequence[str]]) -> list[list[str]]:
        return [self.tag(s) for s in sentences]

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]


@cache
def _shipped() -> NerModel:
    return NerModel(default_model_dir())


def entity_spans(tokens: Sequence[str], labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """`(start, end, label)` token spans, end exclusive, read strictly from IOB2.

    An entity starts at `B-X` and runs over the `I-X` after it; a stray `I-X`
    (after `O` or another type) also starts one, as conlleval reads it.
    """
    if len(tokens) != len(labels):
        raise ValueError(f"{len(tokens)} tokens but {len(labels)} labels")
    spans = []
    start, kind = -1, ""
    for i, label in enumerate([*labels, "O"]):
        tag, _, typ = label.partition("-")
        if start >= 0 and (tag != "I" or typ != kind):
            spans.append((start, i, kind))
            start = -1
        if tag == "B" or (tag == "I" and start < 0):
            start, kind = i, typ
    return spans


def strict_scores(
    gold: Iterable[Sequence[str]],
    predicted: Iterable[Sequence[str]],
    groups: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, dict[str, float]]:
    """Entity-level precision, recall and F1, CoNLL strict (as seqeval's default).

    An entity counts as found only when its type and both boundaries match a
    gold entity. Returns one row per label, `micro` over all labels, and one
    row per named group of labels (e.g. `{"PER+ORG+LOC": ("PER", "ORG", "LOC")}`);
    each row has precision, recall, f1, gold (entities in the reference) and
    predicted.
    """
    tp: dict[str, int] = {}
    n_gold: dict[str, int] = {}
    n_pred: dict[str, int] = {}
    for g, p in zip(gold, predicted, strict=True):
        g_spans = set(entity_spans(g, g))
        p_spans = set(entity_spans(p, p))
        for *_, label in g_spans:
            n_gold[label] = n_gold.get(label, 0) + 1
        for span in p_spans:
            n_pred[span[2]] = n_pred.get(span[2], 0) + 1
            if span in g_spans:
                tp[span[2]] = tp.get(span[2], 0) + 1
    rows = {label: _prf(tp, n_gold, n_pred, [label]) for label in sorted(n_gold.keys() | n_pred)}
    rows["micro"] = _prf(tp, n_gold, n_pred, n_gold.keys() | n_pred)
    for name, labels in (groups or {}).items():
        rows[name] = _prf(tp, n_gold, n_pred, labels)
    return rows


def _prf(
    tp: Mapping[str, int], gold: Mapping[str, int], pred: Mapping[str, int], labels: Iterable[str]
) -> dict[str, float]:
    labels = list(labels)
    t = sum(tp.get(x, 0) for x in labels)
    g = sum(gold.get(x, 0) for x in labels)
    p = sum(pred.get(x, 0) for x in labels)
    precision = t / p if p else 0.0
    recall = t / g if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold": g, "predicted": p}
