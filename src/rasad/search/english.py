"""English queries over Persian text: names, event types and news words turned into Persian.

`Rahmon Macron meeting` becomes three units of Persian alternatives:

- names through the knowledge base (`rasad.extract.kb`): a run of words
  that is an entity's English name or alias (`Emomali Rahmon`, `Iran`), a
  person's surname alone (`Rahmon`, `Macron`), or a country's adjective
  (`Iranian`) gives that entity's Persian name and aliases;
- event words (`threaten`, `meeting`, `protests`) give an event type
  (`EVENT_WORDS`) and its Persian triggers from the events table;
- other news words (`oil`, `election`) go through a small hand-written
  glossary (`resources/search/glossary_en.tsv`);
- anything else is kept as written, for Latin words Persian news prints
  as they are (`OPEC`, `ICT`); words the index does not hold drop out.

Each unit is an OR of Persian spellings; `rasad.search.hybrid` ranks
articles by how many units they match. What is not understood here is
left to the multilingual vectors (`rasad.search.vectors`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rasad.extract.kb import KnowledgeBase, load_kb

MAX_NGRAM = 4
MIN_SURNAME = 4  # shorter surnames (Li, Ali) are too often other words
WEIGHTS = {"entity": 2.0, "name": 2.0, "event": 1.0, "word": 1.0, "latin": 1.0}

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019.-]*[A-Za-z]|[A-Za-z]")
_LETTER = re.compile(r"[^\W\d_]")
_CAPITAL = re.compile(r"(?<![\w'\u2019])[A-Z][A-Za-z'\u2019]*")

STOPWORDS = frozenset(
    """a an the of in on at to for from by with about and or not no is are was were be been
    being has have had do does did this that these those it its as into over after before
    between against during under what who whom which when where why how news article report
    reports say says said any all some more most than then there their they them he she his
    her him we our you your i me my new latest""".split()
)

# English words for rasad's event types (docs/events.md); inflected forms listed.
EVENT_WORDS: dict[str, str] = {
    **dict.fromkeys(("appeal", "appeals", "urge", "urges", "urged", "request"), "appeal"),
    **dict.fromkeys(("promise", "promises", "pledge", "pledges", "pledged"), "intend-cooperate"),
    **dict.fromkeys(
        ("meet", "meets", "met", "meeting", "meetings", "visit", "visits", "visited", "summit")
        + ("negotiate", "negotiates", "negotiations", "consult", "consultations", "session"),
        "consult",
    ),
    **dict.fromkeys(
        ("cooperate", "cooperation", "cooperates", "sign", "signs", "signed"), "cooperate"
    ),
    **dict.fromkeys(("aid", "assistance", "help", "donate", "donation", "relief"), "aid"),
    **dict.fromkeys(("demand", "demands", "demanded", "call"), "demand"),
    **dict.fromkeys(
        ("criticize", "criticizes", "criticized", "criticise", "criticism", "condemn")
        + ("condemns", "condemned", "blame", "blames", "accuse", "accuses"),
        "criticize",
    ),
    **dict.fromkeys(
        ("reject", "rejects", "rejected", "refuse", "refuses", "deny", "denies"), "reject"
    ),
    **dict.fromkeys(
        ("threaten", "threatens", "threatened", "threat", "threats", "warn"), "threaten"
    ),
    **dict.fromkeys(
        ("protest", "protests", "protesters", "demonstration", "demonstrations", "rally", "strike")
        + ("strikes", "rallies", "demonstrators"),
        "protest",
    ),
    **dict.fromkeys(
        ("mobilize", "deploy", "deploys", "deployed", "troops", "drill"), "exhibit-force"
    ),
    **dict.fromkeys(("sanction", "sanctions", "sanctioned", "embargo", "boycott"), "sanction"),
    **dict.fromkeys(
        ("arrest", "arrests", "arrested", "detain", "detained", "execute", "executed", "seize"),
        "coerce",
    ),
    **dict.fromkeys(
        ("attack", "attacks", "attacked", "bombing", "bomb", "bombs", "explosion", "blast"),
        "assault",
    ),
    **dict.fromkeys(("fight", "fighting", "clash", "clashes", "battle", "war"), "fight"),
    **dict.fromkeys(("massacre", "genocide", "slaughter"), "mass-violence"),
}

# Country adjectives: the word, then the country's English name as the knowledge base has it.
DEMONYMS: dict[str, str] = {
    "iranian": "Iran", "persian": "Iran", "afghan": "Afghanistan", "tajik": "Tajikistan",
    "uzbek": "Uzbekistan", "turkmen": "Turkmenistan", "kazakh": "Kazakhstan", "kyrgyz": "Kyrgyzstan",
    "pakistani": "Pakistan", "indian": "India", "chinese": "China", "russian": "Russia",
    "american": "United States", "us": "United States", "usa": "United States",
    "british": "United Kingdom", "uk": "United Kingdom", "french": "France", "german": "Germany",
    "iraqi": "Iraq", "syrian": "Syria", "lebanese": "Lebanon", "israeli": "Israel",
    "palestinian": "Palestinian Territories", "saudi": "Saudi Arabia", "turkish": "Türkiye",
    "egyptian": "Egypt", "japanese": "Japan", "korean": "South Korea", "european": "European Union",
    "azerbaijani": "Azerbaijan", "armenian": "Armenia", "georgian": "Georgia",
    "italian": "Italy", "spanish": "Spain", "emirati": "United Arab Emirates", "qatari": "Qatar",
    "yemeni": "Yemen", "venezuelan": "Venezuela", "cuban": "Cuba", "brazilian": "Brazil",
}  # fmt: skip

_LIGHT = frozenset(("کرد", "شد", "داد", "نمود", "زد", "رساند", "گرفت", "کردند", "شدند"))


@dataclass(frozen=True, slots=True)
class Concept:
    """One thing the query asks for, with the Persian ways of writing it."""

    kind: str  # entity, name (spelled out in Persian), event, word or latin
    english: str  # the query's words it came from
    persian: tuple[str, ...]  # alternatives; a space inside one makes a phrase
    ref: str = ""  # entity id or event type

    @property
    def weight(self) -> float:
        return WEIGHTS[self.kind]


def is_latin(query: str) -> bool:
    """Whether most letters of the query are Latin: read it as English."""
    letters = _LETTER.findall(query)
    latin = sum(1 for c in letters if c.isascii())
    return bool(letters) and latin * 2 > len(letters)


def english_key(text: str) -> str:
    """Lower case, accents dropped, one space between words (`Élysée` -> `elysee`)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(w.strip("'\u2019.-") for w in _LATIN_WORD.findall(bare))


def words_of(query: str) -> list[str]:
    """The query's words, keyed (possessive 's dropped, hyphenated words apart)."""
    out = []
    for w in english_key(query).replace("-", " ").split():
        w = re.sub(r"['\u2019]s$", "", w).strip("'\u2019")
        if w:
            out.append(w)
    return out


def capitalized(query: str) -> set[str]:
    """Keys of the words written with a capital: names, which may be spelled out in Persian."""
    return {w for w in words_of(" ".join(_CAPITAL.findall(query)))}


@dataclass(frozen=True)
class Names:
    """The knowledge base's English names, keyed: full names and persons' surnames."""

    full: dict[str, tuple[str, ...]]
    surnames: dict[str, tuple[str, ...]]


_names: dict[int, tuple[KnowledgeBase, Names]] = {}


def english_names(kb: KnowledgeBase | None = None) -> Names:
    """The English names of `kb` (the shipped one by default), indexed once per knowledge base."""
    kb = kb or load_kb()
    found = _names.get(id(kb))
    if found is not None and found[0] is kb:
        return found[1]
    names = _index_names(kb)
    _names[id(kb)] = (kb, names)
    return names


def _index_names(kb: KnowledgeBase) -> Names:
    full: dict[str, list[str]] = {}
    surnames: dict[str, list[str]] = {}
    for entity in kb.entities.values():
        for name in (entity.name_en, *entity.aliases_en):
            key = english_key(name)
            if not key:
                continue
            full.setdefault(key, []).append(entity.id)
            parts = key.split()
            if entity.type == "PER" and len(parts) > 1 and len(parts[-1]) >= MIN_SURNAME:
                surnames.setdefault(parts[-1], []).append(entity.id)
    return Names(
        {k: tuple(dict.fromkeys(v)) for k, v in full.items()},
        {k: tuple(dict.fromkeys(v)) for k, v in surnames.items() if k not in STOPWORDS},
    )


def persian_names(entity_ids: Iterable[str], kb: KnowledgeBase | None = None) -> tuple[str, ...]:
    """Every Persian name and alias of these entities."""
    kb = kb or load_kb()
    names: list[str] = []
    for entity_id in entity_ids:
        entity = kb.get(entity_id)
        if entity is not None:
            names += [entity.name_fa, *entity.aliases_fa]
    return tuple(dict.fromkeys(n for n in names if n))


@cache
def event_words() -> dict[str, tuple[str, ...]]:
    """Event type -> the Persian words of its triggers (light verbs dropped)."""
    from rasad.extract.events import triggers

    out: dict[str, list[str]] = {}
    for trigger, _anchor, _pattern in triggers():
        if trigger.form == "split":
            continue
        phrase = trigger.phrase.split("|")[0]
        words = phrase.split()
        if trigger.form == "verb" and len(words) > 1 and words[-1] in _LIGHT:
            words = words[:-1]
        out.setdefault(trigger.type, []).append(" ".join(words))
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


@cache
def glossary() -> dict[str, tuple[str, ...]]:
    """English word -> Persian words, from the shipped glossary."""
    path = resources.files("rasad") / "resources" / "search" / "glossary_en.tsv"
    out: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        english, persian = line.split("\t")
        targets = tuple(p.strip() for p in persian.split(",") if p.strip())
        for word in english.split(","):
            out[word.strip().lower()] = targets
    return out


def understand(query: str, kb: KnowledgeBase | None = None) -> list[Concept]:
    """The concepts of an English query, in order, longest names first."""
    kb = kb or load_kb()
    names = english_names(kb)
    words = words_of(query)
    concepts: list[Concept] = []
    i = 0
    while i < len(words):
        found = _name_at(words, i, names)
        if found is not None:
            ids, used = found
            english = " ".join(words[i : i + used])
            concepts.append(Concept("entity", english, persian_names(ids, kb), ids[0]))
            i += used
            continue
        concepts += _word_concepts(words[i], kb, names)
        i += 1
    return _merge(concepts)


def _name_at(words: list[str], i: int, names: Names) -> tuple[tuple[str, ...], int] | None:
    """The entities named by the longest run of words from `i`, and how many words it takes."""
    for n in range(min(MAX_NGRAM, len(words) - i), 0, -1):
        key = " ".join(words[i : i + n])
        if n == 1 and key in STOPWORDS:
            return None
        if key in names.full:
            return names.full[key], n
    if words[i] in names.surnames:
        return names.surnames[words[i]], 1
    return None


def _word_concepts(word: str, kb: KnowledgeBase, names: Names) -> list[Concept]:
    if word in STOPWORDS:
        return []
    out: list[Concept] = []
    if word in DEMONYMS:
        ids = names.full.get(english_key(DEMONYMS[word]), ())
        if ids:
            out.append(Concept("entity", word, persian_names(ids, kb), ids[0]))
    gloss = glossary().get(word) or glossary().get(word.rstrip("s")) or ()
    if word in EVENT_WORDS:  # one concept: the triggers of its type and the word's glosses
        kind = EVENT_WORDS[word]
        persian = tuple(dict.fromkeys((*gloss, *event_words().get(kind, ()))))
        out.append(Concept("event", word, persian, kind))
    elif gloss:
        out.append(Concept("word", word, gloss))
    if not out and len(word) > 1:
        out.append(Concept("latin", word, (word,)))
    return out


def _merge(concepts: list[Concept]) -> list[Concept]:
    """One concept per entity or event type (`meet` and `meeting` ask once)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for c in concepts:
        key = (c.kind, c.ref or c.english)
        if key in seen or not c.persian:
            continue
        seen.add(key)
        out.append(c)
    return out
