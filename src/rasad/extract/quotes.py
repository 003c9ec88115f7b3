"""Quotations: who said what, direct and reported, with the evidence span.

Rules over the clean text and the entity mentions, in three passes:

1. cues (`rasad.extract.cues`): every reporting verb in every tense a report
   uses, and source phrases (`rasad.extract.sources`: `به گزارش X`، `X گزارش
   داد که`) that name where the news comes from and never a speaker;
2. quotations (here): `CUE: «...»` and `«...»، CUE` (direct, over several
   sentences if the guillemets run on), `CUE: ...` to the end of the paragraph
   (the wire-agency form), `CUE که ...`, `CUE، ...`, `CUE ...` and `به گفته X،
   ...` or `بر اساس اعلام X، ...` (indirect), the preamble `با اشاره به
   اینکه ...` before a cue, documents (`در بیانیه X آمده است:`) and the
   answers of an interview (`سؤال: ...` paragraphs, then `X: ...`);
3. speakers (`rasad.extract.speakers`): the subject of the clause that ends at
   the cue, a pronoun or description resolved to its antecedent, or the noun
   phrase that opens the clause.

A colon quotation runs to the end of its paragraph unless a new speaker's
`CUE:` stands inside it; a report inside a quotation (`... خواستار ... است`،
`که در آن اعلام شده`) is a quotation of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from rasad.extract.cues import (
    ACCORDING_TO,
    ASKED,
    BARE_CUE,
    COMMA_CUE,
    CONTENT_BEFORE,
    CUE,
    DEMAND,
    DEMAND_OBJECT,
    DOCUMENT,
    FIRST_PERSON,
    FIRST_PLURAL,
    MAX_CLAUSE,
    NOT_SPEECH,
    PLURAL_VERB,
    PREAMBLE,
    PREAMBLE_TAIL,
    RELAYED_DOCUMENT,
    REQUEST,
    STATED_IN,
    cue_head,
    goftogu,
    impersonal,
    last_stop,
    sentence_end,
    skip_blanks,
    trim_span,
    verb_forms,
)
from rasad.extract.parties import PRONOUNS, WB, WE, Names, is_actor, word_after, word_before
from rasad.extract.sources import report_goes_on, source_phrases, source_spans
from rasad.extract.speakers import (
    DETERMINERS,
    DOCUMENT_CUE,
    TITLE_NOUNS,
    attribute,
    clause_like,
    document_issuer,
    guessed,
    headline_subject,
    issued_by,
    opening_phrase,
    relayed_body,
)
from rasad.model import Article, Party, Quote

#: `این را در حالی گفت که ...`: the `که` opens a circumstance, not the content.
_WHILE_CUE = re.compile(WB + r"در\s*حالی" + WE)
_THAT = re.compile(WB + "که" + WE)


def _while_clause(text: str, cue: int) -> bool:
    """Does `در حالی` stand in the clause before the cue with its `که` still to
    come (`ماکی در حالی از لزوم ترمیم خط لوله خبر داد که ...`)? Then the `که`
    after the cue opens a circumstance, and the content is before the cue."""
    floor = max(last_stop(text, cue), text.rfind("\n", 0, cue)) + 1
    found = list(_WHILE_CUE.finditer(text, floor, cue))
    return bool(found) and not _THAT.search(text, found[-1].end(), cue)


#: `به قول معروف`، `به اعتقاد من`، `به گفته خودش`: a saying, or a view named by nobody new.
_NOT_ACCORDING = frozenset("معروف مشهور من ما خود خودش خودشان خویش دیگر بهتر".split())
#: `به کار خود ادامه داد`: a verb that reports only after a bare subject.
_BARE_AFTER_SUBJECT = "ادامه"
#: `گفت و ...`، `افزود اما ...`: a conjunction after the verb opens no content.
_NOT_CONTENT = frozenset("و اما ولی تا اگر چون زیرا".split())
_COMMA_THAT = re.compile(r"[،,]\s*که(?![\w\u200c])")


def _noun_participle(text: str, m: re.Match[str]) -> bool:
    """Is this bare participle (`گفته که`) a noun after a determiner (`این گفته`)?"""
    return m.group().endswith("ه") and word_before(text, m.start()) in DETERMINERS


@dataclass
class _Cue:
    start: int
    end: int
    text: str
    plural: bool

    @classmethod
    def at(cls, text: str, start: int, end: int) -> _Cue:
        """The reporting verb `text[start:end]`, plural when its ending says so."""
        verb = text[start:end]
        return cls(start, end, verb, bool(PLURAL_VERB.search(verb)))


def find_quotes(article: Article) -> tuple[Quote, ...]:
    """Every quotation in the article, in text order."""
    text = article.text
    if not text:
        return ()
    names = Names.of(article)
    cues = [
        _Cue.at(text, m.start(), m.end())
        for m in CUE.finditer(text)
        if not goftogu(text, m)
        and not report_goes_on(text, m.start())
        and not _noun_participle(text, m)
    ]
    cues += [_Cue.at(text, m.start(1), m.end(1)) for m in REQUEST.finditer(text)]
    cues.sort(key=lambda c: c.start)
    demands = [(m, _Cue.at(text, m.start(), m.end())) for m in DEMAND.finditer(text)]
    sources = source_phrases(text)
    paragraph_ends = [m.start() for m in re.finditer("\n", text)] + [len(text)]
    found: list[Quote] = []
    taken: list[tuple[int, int]] = []
    for cue in cues:
        got = _quote_at(text, cue, paragraph_ends)
        if got is None:
            continue
        outer = [(s, e) for s, e in taken if s <= cue.start < e]
        if impersonal(text, cue.start, cue.text, bool(outer)):
            continue
        cut = _new_speaker(text, names, cue, outer, got) if len(outer) == 1 else None
        if cut is not None:  # `... نخواهد کرد، اسپنسر گراهام ... افزود: ...` ends the last one
            i = taken.index(outer[0])
            q = found[i]
            taken[i] = (q.start, cut)
            found[i] = replace(q, end=cut, content=text[q.start : cut])
            outer = []
        # `وی گفت: اعضا معتقد بودند که ...`: a report inside a quotation is one too,
        # but not the speaker's own view in the present (`... را عامل اصلی می‌دانیم`).
        if outer and not (got[2] == "indirect" and all(got[1] <= e for _, e in outer)):
            continue
        if got[1] <= cue.start and cue.text.startswith("می") and (outer or _subordinate(text, cue)):
            continue  # `کارهایی که ... را آزادی می‌نامند، گفت`: a relative clause
        start, end, kind = got
        if end <= cue.start:  # `علی لاریجانی وضعیت ... را مناسب دانست`: not from inside the name
            start = next(
                (x.end for x in names.within(start - 60, end) if x.start < start < x.end), start
            )
            start = skip_blanks(text, start)
        taken.append((start, end))
        found.append(Quote(start, end, text[start:end], kind, cue.text, cue.start, cue.end))
    for m in DEMAND_OBJECT.finditer(text):
        cue_start = text.index("خواستار", m.end(1))
        demands.append((m, _Cue.at(text, cue_start, m.end())))
    for m, cue in demands:
        outer = [(s, e) for s, e in taken if s <= cue.start < e]
        # `گفت: «... برمر خواستار اجرای آن است»`: a demand inside a quotation is one too.
        if outer and not all(s <= m.start(1) and m.end(1) <= e for s, e in outer):
            continue
        begin = m.start(1)
        for x in names.within(begin, m.end(1)):  # the subject is not the content
            if x.start <= begin + 1 and x.label in ("PER", "ORG", "LOC"):
                begin = x.end
        got = trim_span(text, begin, m.end(1), "indirect")
        if got and text[got[0] : got[1]] not in _PRONOUN_OBJECTS:  # `خواهان این است که`
            start, end, kind = got
            taken.append((start, end))
            head = "خواهان" if text.startswith("خواهان", cue.start) else "خواستار"
            verb = head + (" شدند" if cue.plural else " شد")
            found.append(
                Quote(start, end, text[start:end], kind, verb, cue.start, cue.start + len(head))
            )
    found += _according_to(text, names, taken)
    found += _interview(text, names, taken, paragraph_ends)
    found += _after_quote(text, cues, taken)
    found += _documents(text, names, taken, paragraph_ends)
    found += _stated_in(text, names, taken)
    found.sort(key=lambda q: q.cue_start)
    preambles = list(_preambles(text, found))

    quotes = attribute(text, names, found, sources)
    quotes += _first_person(text, names, quotes, paragraph_ends)
    for m, end, main_cue in preambles:
        for q in quotes:
            if q.cue_start == main_cue:
                quotes.append(
                    Quote(m.end(), end, text[m.end() : end], "indirect", m.group().strip(),
                          m.start(), m.end(), q.speaker, q.source)
                )  # fmt: skip
                break
    return tuple(sorted(quotes, key=lambda q: (q.start, q.cue_start)))


def _first_person(
    text: str, names: Names, quotes: list[Quote], paragraph_ends: list[int]
) -> Iterator[Quote]:
    """`گفت: ... بنده اعلام کردم که ...`، `من به صراحت اعلام می‌کنم که ...`:
    a cue in the first person. Inside a quotation the one quoted speaks (`ما`
    only for a body: a person's `ما` is a group nobody names); outside any,
    the author of the message the article is (`متن کامل پیام X`). With
    neither, nobody is guessed and no quotation is made."""
    author: Party | None = None
    authored = False
    for m in FIRST_PERSON.finditer(text):
        after = skip_blanks(text, m.end())
        bare = m.group().startswith(("گفت", "می")) and not text.startswith(("که", ":", "«"), after)
        if not (text.startswith((":", "«"), after) or word_after(text, after) == "که" or bare):
            continue
        if word_before(text, m.start()) in _AS:  # `همان گونه که گفتم ...`: no content follows
            continue
        if m.group() in _TOLD:  # `به او گفتم: مرد حسابی!`: a story's dialogue, told by whom?
            continue
        cue = _Cue(m.start(), m.end(), m.group(), False)
        got = _quote_at(text, cue, paragraph_ends)
        if bare and got is None:
            end = sentence_end(text, after, paragraph_ends[bisect_right(paragraph_ends, after)])
            ok = after < end and text[after].isalpha() and len(text[after:end].split()) >= 4
            got = trim_span(text, after, end, "indirect") if ok else None
        if got is None or (bare and word_after(text, got[0]) in _NOT_CONTENT):
            continue
        outer = [q for q in quotes if q.start <= m.start() < q.end and q.cue_start != m.start()]
        if outer:  # the words given as the speaker's own, not a report inside them
            direct = [q for q in outer if q.kind == "direct"] or outer
            speaker = max(direct, key=_start_of).speaker
            if speaker is not None and FIRST_PLURAL.search(m.group()) and speaker.label != "ORG":
                speaker = None
        else:
            if not authored:
                author, authored = message_author(text, names), True
            speaker = author
        if speaker is None:
            continue
        start, end, kind = got
        yield Quote(start, end, text[start:end], kind, m.group(), m.start(), m.end(), speaker)


#: `همان گونه که گفتم`، `چنانکه گفتیم`: the cue stands in an aside.
_AS = frozenset("که چنانکه چنان‌که همانطورکه همان‌طورکه چه".split())
#: `گفتم`، `گفتیم`: the simple past of `گفتن` narrates a dialogue more than it reports.
_TOLD = frozenset({"گفتم", "گفتیم"})


def _start_of(q: Quote) -> int:
    return q.start


#: `متن کامل پیام حضرت امام به ...`: a headline that says the article is X's own words.
_MESSAGE_HEADLINE = re.compile(
    r"(?:متن\s+(?:کامل\s+)?)?(?:پیام|نامه|سخنان|بیانات|سخنرانی|نطق|وصیت[\u200c ]?نامه)\s+"
)
#: At most this many words in an author named by a headline without an entity.
AUTHOR_WORDS = 4


def message_author(text: str, names: Names) -> Party | None:
    """Who speaks in an article that is a message or speech (`متن کامل پیام
    حضرت امام به مناسبت ...`): the person named after the headline's noun."""
    line_end = text.find("\n")
    m = _MESSAGE_HEADLINE.match(text, 0, line_end if line_end != -1 else len(text))
    if m is None:
        return None
    named = next(iter(names.within(m.end(), m.end() + 60)), None)
    if named is not None and named.start == m.end():
        return names.party(named, resolved=True) if named.label == "PER" else None
    head = opening_phrase(text, m.end(), line_end)
    if head is None or len(text[head[0] : head[1]].split()) > AUTHOR_WORDS:
        return None
    return Party(head[0], head[1], text[head[0] : head[1]])


#: Where a clause inside a quotation can open: after a stop or a comma.
_CLAUSE_BREAK = re.compile(r"[.؟?!،]\s*")
#: At most this many words in a clause that opens a new quotation inside another.
NEW_SPEAKER_WORDS = 20


def _new_speaker(
    text: str, names: Names, cue: _Cue, outer: list[tuple[int, int]], got: tuple[int, int, str]
) -> int | None:
    """Where a colon quotation ends because a new one starts inside it.

    `گفت: ... نخواهد کرد، اسپنسر گراهام با اشاره به ... افزود: ...`: a clause
    that opens with a person, a pronoun or an office and ends in `CUE:` is the
    reporter's again, not the speaker's; the first quotation ends before it.
    Quotations in guillemets are closed by their own marks and never cut."""
    start = outer[0][0]
    if got[2] != "direct" or not text.startswith(":", skip_blanks(text, cue.end)):
        return None
    if not text[:start].rstrip(" \u200c").endswith(":"):
        return None
    for m in _CLAUSE_BREAK.finditer(text, start, cue.start):
        at = m.end()
        if len(text[at : cue.start].split()) > NEW_SPEAKER_WORDS or "«" in text[at : cue.start]:
            continue
        first = word_after(text, at, cue.start)
        people = [x for x in names.within(at, cue.start) if x.label == "PER"]
        if first in PRONOUNS or first in TITLE_NOUNS or (people and people[0].start == at):
            cut = trim_span(text, start, m.start(), "direct")
            return cut[1] if cut else None
    return None


def _preambles(text: str, found: list[Quote]) -> Iterator[tuple[re.Match[str], int, int]]:
    """`با بیان اینکه X، افزود: ...`: X, ending at the last comma before the main cue."""
    cues = sorted({q.cue_start for q in found})
    for m in PREAMBLE.finditer(text):
        after = [c for c in cues if m.end() < c <= m.end() + MAX_CLAUSE]
        if not after or "\n" in text[m.end() : after[0]]:
            continue
        comma = text.rfind("،", m.end(), after[0])
        if comma == -1 or len(text[comma + 1 : after[0]].split()) > PREAMBLE_TAIL:
            # `وی با اشاره به اینکه ... دارد گفت:`: no comma, the clause runs to the cue.
            comma = after[0]
            while comma > m.end() and text[comma - 1] in " \u200c":
                comma -= 1
            if text[max(m.end(), comma - 2) : comma] == " و":
                comma -= 2
        if len(text[m.end() : comma].split()) < 3:
            continue
        yield m, comma, after[0]


def _quote_at(text: str, cue: _Cue, paragraph_ends: list[int]) -> tuple[int, int, str] | None:
    """The quotation a cue introduces: `CUE: «...»`, `CUE: ...`, `CUE که ...`."""
    i = cue.end
    while i < len(text) and text[i] in " \u200c":
        i += 1
    para_end = paragraph_ends[bisect_right(paragraph_ends, cue.end - 1)]
    if i < len(text) and text[i] in ":：":
        i += 1
        while i < para_end and text[i] in " \u200c\t":
            i += 1
        if i == para_end < len(text):  # `گفت:` ends its line: the next paragraph is the quote
            i += 1
            para_end = paragraph_ends[bisect_right(paragraph_ends, i)]
        if i < len(text) and text[i] == "«":
            close = text.find("»", i + 1)
            if close != -1 and not _name_in_guillemets(text, i, close, para_end):
                return trim_span(text, i + 1, close, "direct")
        return trim_span(text, i, para_end, "direct")
    if text.startswith("«", i):
        close = text.find("»", i + 1)
        if close != -1 and close - i > 10:
            return trim_span(text, i + 1, close, "direct")
    comma_that = _COMMA_THAT.match(text, i)
    if comma_that:  # `гуфт, ки ...` (Tajik), `گفت، که ...`: a comma before که
        i = comma_that.end() - 2
    rest = text[i : i + 4]
    if text.startswith("،", i) and COMMA_CUE.fullmatch(cue.text):  # `اعلام کرد، ارتش ...`
        j = i + 1
        while j < para_end and text[j] == " ":
            j += 1
        end = sentence_end(text, j, para_end)
        if j < para_end and text[j].isalpha() and len(text[j:end].split()) >= 4:
            return trim_span(text, j, end, "indirect")
    if (
        rest.startswith("که")
        and (len(rest) < 3 or not rest[2].isalnum())
        and not _while_clause(text, cue.start)
        and not _relative_that(text, cue)
    ):
        start = i + 2
        end = sentence_end(text, start, para_end)
        return trim_span(text, start, end, "indirect")
    if ASKED.fullmatch(cue.text) and word_after(text, i) == "تا":  # `از X خواست تا ...`
        start = i + len("تا") + text[i:].index("تا")
        return trim_span(text, start, sentence_end(text, start, para_end), "indirect")
    markers = [m for head, m in CONTENT_BEFORE if cue_head(cue.text, head)]
    for marker in markers:  # `وی از بهره‌برداری ... خبر داد`، `... را الزامی دانست`
        floor = max(last_stop(text, cue.start), text.rfind("\n", 0, cue.start)) + 1
        before = _content_before(text, floor, cue.start, marker)
        if before is not None and not _no_predicate(text, cue, marker):
            return before
    if (
        BARE_CUE.fullmatch(cue.text)
        and i < len(text)
        and text[i].isalpha()
        and word_before(text, cue.start) not in NOT_SPEECH
        and word_after(text, i) not in _NOT_CONTENT
        and not (cue.text.startswith(_BARE_AFTER_SUBJECT) and _long_clause(text, cue.start))
    ):
        end = sentence_end(text, i, para_end)
        if len(text[i:end].split()) >= 4:
            return trim_span(text, i, end, "indirect")
    return None


#: `طرحی را پیشنهاد کرد که ...`: after an object, `که` opens a relative clause.
_RELATIVE_AFTER_OBJECT = ("پیشنهاد",)
#: `آن را اعلام کرد`: a pronoun object gives no content.
_PRONOUN_OBJECTS = frozenset("آن این آنها اینها او وی ایشان".split())
_OWN = frozenset("خود خویش".split())
#: Cues that state a content rather than evaluate an object.
_STATED = ("اعلام", "عنوان")


def _no_content(text: str, mark: int, cue: int) -> bool:
    """Is the object before `را` only a pronoun (`... و آن را به طور علنی
    اعلام کرد`), or the speaker's own thing right before the cue (`اعتراض خود
    را اعلام کردند`)? Then the report gives no content. A pronoun after a noun
    is a possessor (`تاخیر آن را`), and an evaluation (`آن را غیرقانونی
    خواند`) gives its content after `را`."""
    before = word_before(text, mark)
    if before in _OWN:
        return not text[mark + 2 : cue].strip()
    if before not in _PRONOUN_OBJECTS or not text.startswith(_STATED, cue):
        return False
    rest = text[max(0, mark - 200) : mark].rstrip(" \u200c")[: -len(before)].rstrip(" \u200c")
    return not rest or rest.endswith(("،", ",", ".", "\n")) or word_before(rest, len(rest)) == "و"


#: Cues that evaluate their object (`X را مثبت ارزیابی کرد`): the predicate is the content.
_PREDICATE_HEADS = tuple(
    "دانست ندانست برشمرد خواند شمرد نامید توصیف ارزیابی تلقی قلمداد تشبیه".split()
)


def _no_predicate(text: str, cue: _Cue, marker: str) -> bool:
    """Is there nothing between `را` and an evaluating cue (`داوران آثار را
    ارزیابی کردند`، `پیام را خواند`)? Then the verb acts on its object and
    reports no view."""
    heads = [h for h in _PREDICATE_HEADS if cue_head(cue.text, h)]
    return bool(heads) and marker == "را" and word_before(text, cue.start) == "را"


def _relative_that(text: str, cue: _Cue) -> bool:
    """Is the `که` after this cue a relative clause on its object (`نکاتی را
    پیشنهاد کرد که ایران باید ...`), not the content?"""
    return cue.text.startswith(_RELATIVE_AFTER_OBJECT) and word_before(text, cue.start) == "را"


def _subordinate(text: str, cue: _Cue) -> bool:
    """Does the cue stand in a clause opened by `که` since the last comma
    (`کارهایی که ... را آزادی می‌نامند`)?"""
    floor = max(last_stop(text, cue.start), text.rfind("\n", 0, cue.start)) + 1
    floor = max(floor, text.rfind("،", floor, cue.start))  # `X که ... است، ... می‌داند`
    return bool(re.search(WB + "که" + WE, text[floor : cue.start]))


def _long_clause(text: str, cue: int) -> bool:
    """More than a short subject before the cue (`ارتش به حملات خود ادامه داد`)."""
    floor = max(last_stop(text, cue), text.rfind("\n", 0, cue)) + 1
    return len(text[floor:cue].split()) > 3


def _name_in_guillemets(text: str, start: int, close: int, para_end: int) -> bool:
    """`نوشت: «فرانکو فراتینی» وزیر ... گفت`: a short name in guillemets opens
    the quoted sentence, which runs on after them."""
    after = skip_blanks(text, close + 1)
    return (
        len(text[start + 1 : close].split()) <= 3
        and after < para_end
        and (text[after].isalpha() or text[after] == "\u200c")
    )


def _content_before(text: str, floor: int, cue: int, marker: str) -> tuple[int, int, str] | None:
    """The content between a marker and the cue: after `از`/`بر`, or before `را`."""
    if marker == "را":
        at = [m for m in re.finditer(WB + "را" + WE, text[floor:cue])]
        if not at:
            return None
        last = floor + at[-1].start()
        if _no_content(text, last, cue):
            return None
        # The content is the object before `را`, after the subject: from the
        # last comma or from four words back.
        comma = text.rfind("،", floor, last)
        words = list(re.finditer(r"\S+", text[floor:last]))
        start = max(comma + 1, floor + words[-4].start() if len(words) >= 4 else floor)
        return trim_span(text, start, cue, "indirect")
    frm = re.search(WB + marker + WE, text[floor:cue])
    if frm and len(text[floor + frm.end() : cue].split()) >= 2:
        return trim_span(text, floor + frm.end(), cue, "indirect")
    return None


def _according_to(text: str, names: Names, taken: list[tuple[int, int]]) -> Iterator[Quote]:
    """`به گفته X، ...`: the speaker follows the cue, the content follows the comma."""
    for m in ACCORDING_TO.finditer(text):
        after = [x for x in names.within(m.end(), m.end() + 120) if x.start - m.end() < 60]
        # `افزود: بنابر اعلام پزشکی قانونی، ...`: a report inside a quotation is one too.
        inside = any(s <= m.start() < e for s, e in taken)
        first = word_after(text, m.end())
        if (inside and first in PRONOUNS) or first in _NOT_ACCORDING:
            continue
        stop = sentence_end(text, m.end(), m.end() + 160)
        comma = text.find("،", m.end(), stop)
        colon = text.find(":", m.end(), stop)  # `به تعبیر استاد مطهری: ...`
        if colon != -1 and (comma == -1 or colon < comma):
            comma = colon
        if comma == -1:  # `به گفته وی سفر ...`، `به گفته پلیس عراق ساکنان ...`
            comma = _named_end(text, names, m.end())
        if comma == -1 or (_PHRASED in m.group() and len(text[m.end() : comma].split()) > 5):
            continue  # `که به تعبیر وی برنامه ... طراحی شده است،`: an aside, not a source
        people = [x for x in after if x.end <= comma and x.start <= m.end() + 1]
        speaker = names.party(people[0], resolved=True) if people else None
        if speaker is None and text[m.end() : comma].strip() in PRONOUNS:
            person = names.last_person(m.start(), skip=taken)
            speaker = names.party(person, resolved=True) if person else None
        if speaker is None:
            speaker = Party(m.end(), comma, text[m.end() : comma].strip())
        if guessed(speaker):  # `بر اساس اعلام آمارهای کشور ... فاصله دارد، گفت`: no source named
            speaker = _surname(text, names, m.end(), comma) or _head_of(text, m.end(), comma)
            if speaker is None:
                continue
        end = sentence_end(text, comma + 1, len(text))
        got = trim_span(text, comma + 1, end, "indirect")
        if got:
            start, end, kind = got
            taken.append((start, end))
            yield Quote(
                start, end, text[start:end], kind, m.group().strip(), m.start(), m.end(), speaker
            )


def _surname(text: str, names: Names, start: int, end: int) -> Party | None:
    """The person whose name ends in the words that open a long source phrase
    (`به گفته یگانه کاری در چهارمین دوره ... راه یافته است که ...،` for `محسن
    یگانه کاری`): the entity layer missed the surname there."""
    words = text[start:end].split()
    for n in (2, 1):
        head = " ".join(words[:n])
        named = [x for x in names.mentions if x.label == "PER" and x.text.endswith(head)]
        if len(words) > n and named and len(named[0].text) > len(head):
            return names.party(named[0], resolved=True)
    return None


def _head_of(text: str, start: int, end: int) -> Party | None:
    """The noun phrase that opens a source phrase too long to be a name, when
    no verb stands in it (`به گفته مدیریت امور دانشجویی دانشگاه با توجه به
    جلسه برگزار شده با ...،`)."""
    head = opening_phrase(text, start, end)
    if head is None or clause_like(text[start:end]):
        return None
    return Party(head[0], head[1], text[head[0] : head[1]])


#: `به تعبیر X:`: a source named in a few words before its comma or colon.
_PHRASED = "تعبیر"


def _named_end(text: str, names: Names, start: int) -> int:
    """Where the speaker named at `start` ends when no comma follows it: a
    pronoun, or a phrase up to its first name (`عضو کمیسیون ... مجلس شورای اسلامی`)."""
    pronoun = word_after(text, start)
    if pronoun in PRONOUNS:
        return start + len(pronoun)
    first = next(iter(names.within(start, start + 80)), None)
    if first is None or len(text[start : first.start].split()) > 8:
        return -1
    return first.end


def _documents(
    text: str, names: Names, taken: list[tuple[int, int]], paragraph_ends: list[int]
) -> Iterator[Quote]:
    """`در بیانیه سازمان نظام پرستاری آمده است: ...`: the issuer is the speaker.

    `در این پیام ... آمده است` names no issuer: it is the one of the last
    document, else the body the paragraph's source lead relays (`به نقل از
    روابط عمومی حزب ...، در این بیانیه ... آمده است`), else the one the
    headline opens with. `به نقل از X آمده است:` quotes X's own text."""
    last: Party | None = None
    found = sorted([*DOCUMENT.finditer(text), *RELAYED_DOCUMENT.finditer(text)], key=_start)
    for m in found:
        if any(s <= m.start() < e for s, e in taken):
            continue
        speaker = (
            document_issuer(text, names, m)
            or last
            or relayed_body(text, names, m.start())
            or issued_by(text, names, m.start(), source_spans(text))
            or headline_subject(text)
        )
        para_end = paragraph_ends[bisect_right(paragraph_ends, m.end() - 1)]
        got = trim_span(text, m.end(), para_end, "direct")
        if got and speaker:
            start, end, kind = got
            taken.append((start, end))
            last = speaker
            yield Quote(
                start, end, text[start:end], kind, DOCUMENT_CUE, m.start("verb"), m.end(), speaker
            )


def _start(m: re.Match[str]) -> int:
    return m.start()


#: At most this many words between the issuer and `که در آن` (`نامه‌ای از دولت
#: عربستان دریافت کرده که در آن`); further, the party named is not the issuer.
ISSUER_GAP = 3


def _stated_in(text: str, names: Names, taken: list[tuple[int, int]]) -> Iterator[Quote]:
    """`نامه‌ای از دولت عربستان دریافت کرده که در آن اعلام شده ...`: the content
    is the document's, and its issuer is the party named just before it. With no
    party named there, nobody is guessed and no quotation is made."""
    for m in STATED_IN.finditer(text):
        floor = max(last_stop(text, m.start()), text.rfind("\n", 0, m.start())) + 1
        issuers = [
            x
            for x in names.within(floor, m.start())
            if is_actor(x) and len(text[x.end : m.start()].split()) <= ISSUER_GAP
        ]
        para_end = text.find("\n", m.end())
        end = sentence_end(text, m.end(), para_end if para_end != -1 else len(text))
        got = trim_span(text, m.end(), end, "indirect") if issuers else None
        if got is None:
            continue
        start, end, kind = got
        verb = m.group().split("آن", 1)[1].strip(" :،\u200c")
        taken.append((start, end))
        speaker = names.party(issuers[-1], resolved=True)
        yield Quote(start, end, text[start:end], kind, verb, m.start(), m.end(), speaker)


#: `سؤال: ...`، `فارس: ...`: the interviewer's paragraph in a question-and-answer article.
QUESTION = re.compile(r"(?:سؤال|سوال|سئوال|پرسش|س|فارس|خبرنگار(?:\s+فارس)?)\s*:")
#: `مشایی: ...`: an answer opens with the speaker's name and a colon.
_LABEL = re.compile(r"([^\s:«»\n.،؟][^:«»\n.،؟]{0,40}?)\s*:")
#: Fewer question paragraphs than this, and `X:` paragraphs are not an interview.
MIN_QUESTIONS = 2
#: At most this many words in an answer's label (`اسفندیار رحیم مشایی:`).
LABEL_WORDS = 4


def _interview(
    text: str, names: Names, taken: list[tuple[int, int]], paragraph_ends: list[int]
) -> Iterator[Quote]:
    """In a question-and-answer article (two `سؤال: ...` paragraphs or more),
    `X: ...` opens X's answer, and every paragraph after it up to the next
    question is X's too: one direct quotation per paragraph."""
    starts = [0] + [e + 1 for e in paragraph_ends[:-1]]
    paragraphs = [(skip_blanks(text, s), e) for s, e in zip(starts, paragraph_ends, strict=True)][
        1:
    ]
    if sum(bool(QUESTION.match(text, s, e)) for s, e in paragraphs) < MIN_QUESTIONS:
        return
    label: re.Match[str] | None = None
    speaker: Party | None = None
    for s, e in paragraphs:
        if QUESTION.match(text, s, e):
            label = None
            continue
        m = _LABEL.match(text, s, e)
        if m and _answer_label(m.group(1)):
            label, speaker, body = m, _answerer(text, names, m.start(1), m.end(1)), m.end()
        elif label is None:
            continue
        else:
            body = s
        got = trim_span(text, body, e, "direct")
        if got and speaker and not any(a <= got[0] < b for a, b in taken):
            taken.append((got[0], got[1]))
            quote = Quote(got[0], got[1], text[got[0] : got[1]], "direct", label.group())
            yield replace(quote, cue_start=label.start(), cue_end=label.end(), speaker=speaker)


def _answer_label(label: str) -> bool:
    """A name before a colon, not a clause (`وی افزود:`) or a heading."""
    words = label.split()
    return 0 < len(words) <= LABEL_WORDS and words[0] not in PRONOUNS and not CUE.search(label)


def _answerer(text: str, names: Names, start: int, end: int) -> Party:
    """The person an answer's label names: the mention there, else the person
    whose name ends in it (`مشایی` for `اسفندیار رحیم مشایی`), else the label."""
    here = [x for x in names.within(start, end) if x.label == "PER"]
    if here:
        return names.party(here[0], resolved=True)
    label = text[start:end]
    named = [x for x in names.mentions if x.label == "PER" and x.text.endswith(label)]
    if named:
        return names.party(named[0], resolved=True)
    return Party(start, end, label)


def _after_quote(text: str, cues: list[_Cue], taken: list[tuple[int, int]]) -> Iterator[Quote]:
    """`«...»، وی افزود.`: guillemets followed by a short clause that ends in a cue."""
    for m in re.finditer(r"«([^«»]{12,}?)»", text):
        if any(s <= m.start() + 1 < e for s, e in taken) or len(m.group(1).split()) < 4:
            continue
        for cue in cues:
            gap = text[m.end() : cue.start]
            if (
                0 <= cue.start - m.end() <= 40
                and not text.startswith(":", skip_blanks(text, cue.end))  # `نوشت: ...` looks ahead
                and "«" not in gap
                and "." not in gap
                and "\n" not in gap
            ):
                taken.append((m.start() + 1, m.end() - 1))
                yield Quote(
                    m.start() + 1, m.end() - 1, m.group(1), "direct", cue.text, cue.start, cue.end
                )
                break


__all__ = ["CUE", "WB", "WE", "find_quotes", "opening_phrase", "source_spans", "verb_forms"]
