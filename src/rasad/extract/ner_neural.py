"""Named entities with a small neural network: rasad's accurate tagger.

The same job and interface as the CRF in `ner.py` (`tag(tokens)` gives IOB2
labels for rasad's tokens of normalized text), slower but more accurate. Each
token is described by a word vector (pretrained on raw Persian news, then
tuned), a character CNN over the word (affixes, unknown names), its word
clusters, its shape, whether the knowledge base knows a name through it, and
the cue-word lists of the CRF (titles, organization heads, place cues); a
bidirectional LSTM reads the sentence and a CRF layer picks the best label
sequence.

The shipped model (`rasad/resources/ner-accurate/`, trained by
`rasad.extract.ner_neural_train`) loads lazily, once, offline. It needs torch
(`pip install 'rasad[accurate]'`); tagging runs on one CPU thread.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import Tensor, nn

from rasad.extract.kb import name_key
from rasad.extract.ner import LOC_CUES, ORG_HEADS, TITLES, word_shape

MODEL_FILE = "model.pt"
LEXICON_FILE = "lexicon.json.gz"
META_FILE = "meta.json"
FEATURE_SET = "rasad-ner-neural-1"  # bump when the inputs change: weights are tied to them
PAD, UNK = 0, 1
MAX_CHARS = 20  # a longer word is read as its first and last ten characters
GAZ_TYPES = ("PER", "ORG", "GPE", "LOC", "FAC")
GAZ_TAGS = ("O", *(f"{p}-{t}" for t in GAZ_TYPES for p in "BI"))
MAX_NAME_TOKENS = 8


def word_form(token: str) -> str:
    """The key of a word vector: lower case, every digit written as 0."""
    return "".join("0" if ch.isdigit() else ch for ch in token.lower())


def cue_class(token: str) -> int:
    """Membership of the CRF's title, organization-head and place-cue lists, as 3 bits."""
    return (token in TITLES) | (token in ORG_HEADS) << 1 | (token in LOC_CUES) << 2


@dataclass(frozen=True, slots=True)
class Encoded:
    """One sentence as the network's integer inputs, one row per token."""

    words: np.ndarray  # (T,)
    chars: np.ndarray  # (T, MAX_CHARS + 2)
    clusters: np.ndarray  # (T, n cluster sizes)
    shapes: np.ndarray  # (T,)
    gazetteer: np.ndarray  # (T,)
    cues: np.ndarray  # (T,)


class Lexicon:
    """Everything that turns tokens into integers: words, characters, shapes, clusters
    and the gazetteer, frozen at training time so a model never sees other inputs."""

    def __init__(
        self,
        words: Sequence[str],
        chars: Sequence[str],
        shapes: Sequence[str],
        clusters: Mapping[str, Sequence[int]],
        cluster_sizes: Sequence[int],
        gazetteer: Mapping[str, str],
    ) -> None:
        self.words = list(words)  # index 0: padding, 1: unknown
        self.chars = list(chars)  # 0: padding, 1: unknown, 2: word start, 3: word end
        self.shapes = list(shapes)  # 0: padding, 1: unknown
        self.cluster_sizes = list(cluster_sizes)
        self.clusters = {w: tuple(c) for w, c in clusters.items()}
        self.gazetteer = dict(gazetteer)  # name key (tokens joined by spaces) -> KB type
        self.word_ids = {w: i for i, w in enumerate(self.words)}
        self.char_ids = {c: i for i, c in enumerate(self.chars)}
        self.shape_ids = {s: i for i, s in enumerate(self.shapes)}
        self.longest: dict[str, int] = {}
        for key in self.gazetteer:
            parts = key.split(" ")
            self.longest[parts[0]] = max(self.longest.get(parts[0], 0), len(parts))
        self._cache: dict[str, tuple[int, list[int], tuple[int, ...], int, int, str]] = {}

    def token(self, token: str) -> tuple[int, list[int], tuple[int, ...], int, int, str]:
        """(word id, char ids, cluster ids, shape id, cue class, name key) of a token, cached."""
        row = self._cache.get(token)
        if row is None:
            if len(self._cache) > 500_000:
                self._cache.clear()
            form = word_form(token)
            text = token if len(token) <= MAX_CHARS else token[:10] + token[-10:]
            chars = [2, *(self.char_ids.get(c, UNK) for c in text), 3]
            chars += [PAD] * (MAX_CHARS + 2 - len(chars))
            none = (0,) * len(self.cluster_sizes)
            row = (
                self.word_ids.get(form, UNK),
                chars,
                self.clusters.get(form, none),
                self.shape_ids.get(word_shape(token), UNK),
                cue_class(token),
                name_key(token),
            )
            self._cache[token] = row
        return row

    def encode(self, tokens: Sequence[str]) -> Encoded:
        rows = [self.token(t) for t in tokens]
        return Encoded(
            words=np.array([r[0] for r in rows], dtype=np.int64),
            chars=np.array([r[1] for r in rows], dtype=np.int64),
            clusters=np.array([r[2] for r in rows], dtype=np.int64).reshape(len(rows), -1),
            shapes=np.array([r[3] for r in rows], dtype=np.int64),
            gazetteer=np.array(self.gazetteer_tags([r[5] for r in rows]), dtype=np.int64),
            cues=np.array([r[4] for r in rows], dtype=np.int64),
        )

    def gazetteer_tags(self, keys: Sequence[str]) -> list[int]:
        """Longest knowledge-base names over tokens' name keys, left to right, as B/I tags."""
        tags = [0] * len(keys)
        i = 0
        while i < len(keys):
            longest = self.longest.get(keys[i], 0)
            for n in range(min(longest, len(keys) - i), 0, -1):
                kind = self.gazetteer.get(" ".join(keys[i : i + n]))
                if kind:
                    tags[i] = GAZ_TAGS.index("B-" + kind)
                    tags[i + 1 : i + n] = [GAZ_TAGS.index("I-" + kind)] * (n - 1)
                    i += n
                    break
            else:
                i += 1
        return tags

    def to_json(self) -> dict[str, Any]:
        return {
            "words": self.words,
            "chars": self.chars,
            "shapes": self.shapes,
            "cluster_sizes": self.cluster_sizes,
            "clusters": {w: list(c) for w, c in sorted(self.clusters.items())},
            "gazetteer": dict(sorted(self.gazetteer.items())),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Lexicon:
        return cls(
            data["words"],
            data["chars"],
            data["shapes"],
            data["clusters"],
            data["cluster_sizes"],
            data["gazetteer"],
        )

    def save(self, path: Path) -> None:
        """Gzip JSON with no name or time in its header: the same lexicon, the same bytes."""
        raw = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))
        with path.open("wb") as f, gzip.GzipFile("", "wb", fileobj=f, mtime=0) as g:
            g.write(raw.encode("utf-8"))

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            return cls.from_json(json.load(f))


@dataclass(frozen=True, slots=True)
class Batch:
    """Sentences padded to one length; `mask` marks real tokens."""

    words: Tensor
    chars: Tensor
    clusters: Tensor
    shapes: Tensor
    gazetteer: Tensor
    cues: Tensor
    mask: Tensor
    lengths: Tensor


def collate(sentences: Sequence[Encoded]) -> Batch:
    n, t = len(sentences), max(len(s.words) for s in sentences)
    k = sentences[0].clusters.shape[1]

    def pad(name: str, *shape: int) -> Tensor:
        out = np.zeros((n, t, *shape), dtype=np.int64)
        for i, s in enumerate(sentences):
            value = getattr(s, name)
            out[i, : len(value)] = value
        return torch.from_numpy(out)

    lengths = torch.tensor([len(s.words) for s in sentences], dtype=torch.int64)
    return Batch(
        words=pad("words"),
        chars=pad("chars", MAX_CHARS + 2),
        clusters=pad("clusters", k),
        shapes=pad("shapes"),
        gazetteer=pad("gazetteer"),
        cues=pad("cues"),
        mask=torch.arange(t)[None, :] < lengths[:, None],
        lengths=lengths,
    )


DEFAULT_CONFIG: dict[str, Any] = {
    "word_dim": 100,
    "char_dim": 32,
    "char_filters": 64,
    "cluster_dim": 16,
    "shape_dim": 12,
    "gazetteer_dim": 12,
    "cue_dim": 6,
    "hidden": 160,
    "layers": 1,
    "dropout": 0.5,
}


class Dropout(nn.Module):
    """Inverted dropout from uniform noise: torch's own draws Bernoulli noise, several
    times slower on CPU, where training spends its time."""

    def __init__(self, p: float) -> None:
        super().__init__()
        self.p = p

    def forward(self, x: Tensor) -> Tensor:
        if not self.training or self.p <= 0:
            return x
        keep = torch.rand_like(x) >= self.p
        return x * keep / (1 - self.p)


def reverse_index(lengths: Tensor, t: int) -> Tensor:
    """(batch, t) positions that reverse each sentence within its length, padding kept last."""
    pos = torch.arange(t).unsqueeze(0)
    return torch.where(pos < lengths.unsqueeze(1), lengths.unsqueeze(1) - 1 - pos, pos)


class BiLSTM(nn.Module):
    """A bidirectional LSTM over padded batches, read right to left per sentence.

    Each direction is its own one-way LSTM over sentences padded at the end,
    the backward one over every sentence reversed within its length: torch's
    packed sequences would do the same, but their CPU backward pass grows with
    the square of the length.
    """

    def __init__(self, width: int, hidden: int, layers: int, dropout: float) -> None:
        super().__init__()
        self.forward_layers = nn.ModuleList(
            nn.LSTM(width if i == 0 else 2 * hidden, hidden, batch_first=True)
            for i in range(layers)
        )
        self.backward_layers = nn.ModuleList(
            nn.LSTM(width if i == 0 else 2 * hidden, hidden, batch_first=True)
            for i in range(layers)
        )
        self.dropout = Dropout(dropout)

    def forward(self, x: Tensor, lengths: Tensor) -> Tensor:
        n, t, _ = x.shape
        flip = None if n == 1 else reverse_index(lengths, t).unsqueeze(2)
        for i, (fw, bw) in enumerate(zip(self.forward_layers, self.backward_layers, strict=True)):
            if i:
                x = self.dropout(x)
            ahead, _ = fw(x)
            if flip is None:
                back, _ = bw(x.flip(1))
                back = back.flip(1)
            else:
                back, _ = bw(x.gather(1, flip.expand(-1, -1, x.shape[2])))
                back = back.gather(1, flip.expand(-1, -1, back.shape[2]))
            x = torch.cat([ahead, back], dim=2)
        return x


class Network(nn.Module):
    """Token features -> BiLSTM -> label scores, with a CRF's transition scores."""

    def __init__(self, config: Mapping[str, Any], lexicon: Lexicon, labels: Sequence[str]):
        super().__init__()
        c = {**DEFAULT_CONFIG, **config}
        self.config = c
        n_labels = len(labels)
        self.words = nn.Embedding(len(lexicon.words), c["word_dim"], padding_idx=PAD)
        self.chars = nn.Embedding(len(lexicon.chars), c["char_dim"], padding_idx=PAD)
        self.char_cnn = nn.Conv1d(c["char_dim"], c["char_filters"], 3, padding=1)
        self.clusters = nn.ModuleList(
            nn.Embedding(size + 1, c["cluster_dim"]) for size in lexicon.cluster_sizes
        )
        self.shapes = nn.Embedding(len(lexicon.shapes), c["shape_dim"], padding_idx=PAD)
        self.gazetteer = nn.Embedding(len(GAZ_TAGS), c["gazetteer_dim"])
        self.cues = nn.Embedding(8, c["cue_dim"])
        self.token_width = (
            c["word_dim"]
            + c["char_filters"]
            + c["cluster_dim"] * len(lexicon.cluster_sizes)
            + c["shape_dim"]
            + c["cue_dim"]
        )
        width = self.token_width + c["gazetteer_dim"]
        self.dropout = Dropout(c["dropout"])
        self.lstm = BiLSTM(width, c["hidden"], c["layers"], c["dropout"])
        self.out = nn.Linear(2 * c["hidden"], n_labels)
        self.transitions = nn.Parameter(torch.zeros(n_labels, n_labels))  # from -> to
        self.start = nn.Parameter(torch.zeros(n_labels))
        self.end = nn.Parameter(torch.zeros(n_labels))

    def token_vectors(
        self, words: Tensor, chars: Tensor, clusters: Tensor, shapes: Tensor, cues: Tensor
    ) -> Tensor:
        """The part of each token's input that depends on the token alone (any leading
        shape): in inference it is computed once per distinct token and cached."""
        lead = words.shape
        c = self.chars(chars.reshape(-1, chars.shape[-1])).transpose(1, 2)
        char_vec = torch.relu(self.char_cnn(c)).max(dim=2).values.reshape(*lead, -1)
        parts = [
            self.words(words),
            char_vec,
            *(emb(clusters[..., i]) for i, emb in enumerate(self.clusters)),
            self.shapes(shapes),
            self.cues(cues),
        ]
        return torch.cat(parts, dim=-1)

    def scores(self, tokens: Tensor, gazetteer: Tensor, lengths: Tensor) -> Tensor:
        """(batch, time, labels) label scores from token vectors and gazetteer tags."""
        x = self.dropout(torch.cat([tokens, self.gazetteer(gazetteer)], dim=2))
        return self.out(self.dropout(self.lstm(x, lengths)))

    def emissions(self, b: Batch) -> Tensor:
        """(batch, time, labels) scores of each label at each token."""
        tokens = self.token_vectors(b.words, b.chars, b.clusters, b.shapes, b.cues)
        return self.scores(tokens, b.gazetteer, b.lengths)

    def loss(self, b: Batch, tags: Tensor) -> Tensor:
        """Mean negative log-likelihood of the gold label sequences under the CRF."""
        em = self.emissions(b)
        mask = b.mask
        maskf = mask.float()
        gold = (em.gather(2, tags.unsqueeze(2)).squeeze(2) * maskf).sum(1)
        gold = gold + self.start[tags[:, 0]]
        gold = gold + (self.transitions[tags[:, :-1], tags[:, 1:]] * maskf[:, 1:]).sum(1)
        last = tags.gather(1, (b.lengths - 1).unsqueeze(1)).squeeze(1)
        gold = gold + self.end[last]
        # unbind once: indexing em[:, i] in the loop would cost a full-size
        # gradient tensor per step in the backward pass.
        steps = em.unbind(1)
        alpha = self.start + steps[0]
        trans = self.transitions.unsqueeze(0)
        for i in range(1, len(steps)):
            step = torch.logsumexp(alpha.unsqueeze(2) + trans, dim=1) + steps[i]
            alpha = torch.where(mask[:, i : i + 1], step, alpha)
        log_z = torch.logsumexp(alpha + self.end, dim=1)
        return (log_z - gold).mean()


def viterbi(
    emissions: np.ndarray, transitions: np.ndarray, start: np.ndarray, end: np.ndarray
) -> list[int]:
    """The best label sequence for one sentence's (time, labels) scores."""
    score = start + emissions[0]
    back = []
    for row in emissions[1:]:
        total = score[:, None] + transitions
        best = total.argmax(0)
        back.append(best)
        score = total[best, np.arange(len(best))] + row
    path = [int((score + end).argmax())]
    for best in reversed(back):
        path.append(int(best[path[-1]]))
    return path[::-1]


def default_model_dir() -> Path:
    return Path(str(resources.files("rasad") / "resources" / "ner-accurate"))


class NeuralNerModel:
    """A trained network with its lexicon; pickles by path and reopens lazily."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if not (self.path / MODEL_FILE).exists():
            raise FileNotFoundError(
                f"no neural NER model in {self.path}: train one with "
                f"`python -m rasad.extract.ner_neural_train --out {self.path}`"
            )
        self.meta: dict[str, Any] = json.loads((self.path / META_FILE).read_text("utf-8"))
        if self.meta.get("feature_set") != FEATURE_SET:
            raise ValueError(
                f"NER model in {self.path} was built for inputs "
                f"{self.meta.get('feature_set')!r}, this rasad computes {FEATURE_SET!r}; retrain it"
            )
        self.labels: list[str] = list(self.meta["labels"])
        self.lexicon = Lexicon.load(self.path / LEXICON_FILE)
        self._network: Network | None = None
        self._crf: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._vectors: dict[str, Tensor] = {}

    @classmethod
    def load(cls, path: Path | str | None = None) -> NeuralNerModel:
        """The model in `path`; without one, the shipped model (loaded once)."""
        return _shipped() if path is None else cls(path)

    @property
    def network(self) -> Network:
        if self._network is None:
            # One thread: tagging runs beside other work (and in many worker
            # processes at once), where torch's default of every core oversubscribes.
            torch.set_num_threads(1)
            network = Network(self.meta["network"], self.lexicon, self.labels)
            state = torch.load(self.path / MODEL_FILE, map_location="cpu", weights_only=True)
            network.load_state_dict({k: v.float() for k, v in state.items()})
            network.eval()
            self._network = network
            self._crf = (
                network.transitions.detach().numpy(),
                network.start.detach().numpy(),
                network.end.detach().numpy(),
            )
        return self._network

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """IOB2 labels for `tokens` (rasad's tokens of normalized text)."""
        if not tokens:
            return []
        return self.tag_many([tokens])[0]

    def tag_many(self, sentences: Iterable[Sequence[str]], batch_size: int = 32) -> list[list[str]]:
        """Labels for many sentences, run through the network in batches of similar length."""
        items = [list(s) for s in sentences]
        out: list[list[str]] = [[] for _ in items]
        order = sorted((i for i in range(len(items)) if items[i]), key=lambda i: len(items[i]))
        network = self.network
        assert self._crf is not None
        with torch.inference_mode():
            for k in range(0, len(order), batch_size):
                chunk = [items[i] for i in order[k : k + batch_size]]
                t = len(chunk[-1])
                tokens = torch.zeros(len(chunk), t, network.token_width)
                gazetteer = torch.zeros(len(chunk), t, dtype=torch.int64)
                for row, sentence in enumerate(chunk):
                    tokens[row, : len(sentence)] = self._token_vectors(sentence)
                    keys = [self.lexicon.token(w)[5] for w in sentence]
                    gazetteer[row, : len(sentence)] = torch.tensor(
                        self.lexicon.gazetteer_tags(keys)
                    )
                lengths = torch.tensor([len(s) for s in chunk])
                scores = network.scores(tokens, gazetteer, lengths).numpy()
                for row, i in enumerate(order[k : k + batch_size]):
                    path = viterbi(scores[row, : len(items[i])], *self._crf)
                    out[i] = [self.labels[j] for j in path]
        return out

    def _token_vectors(self, tokens: Sequence[str]) -> Tensor:
        """(time, width) token vectors, computed once per distinct token."""
        cache = self._vectors
        missing = list(dict.fromkeys(t for t in tokens if t not in cache))
        if missing:
            if len(cache) > 100_000:
                cache.clear()
            e = self.lexicon.encode(missing)
            rows = self.network.token_vectors(
                *(torch.from_numpy(x) for x in (e.words, e.chars, e.clusters, e.shapes, e.cues))
            )
            cache.update(zip(missing, rows, strict=True))
        return torch.stack([cache[t] for t in tokens])

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]


@cache
def _shipped() -> NeuralNerModel:
    return NeuralNerModel(default_model_dir())
