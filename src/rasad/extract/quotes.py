"""Quotations: who said what, direct and reported, with the evidence span.

Rules over the clean text and the entity mentions, in three passes:

1. cues: every reporting verb (`گفت`، `اظهار داشت`، `افزوده است`...) in
   every tense a report uses, and source phrases (`به گزارش X`، `X گزارش داد
   که`) that name where the news comes from and never a speaker;
2. quotations: `CUE: «...»` and `«...»، CUE` (direct, over several sentences
   if the guillemets run on), `CUE: ...` to the end of the paragraph (the
   wire-agency form), `CUE که ...`, `CUE، ...`, `CUE ...` and `به گفته X، ...`
   or `بر اساس اعلام X، ...` (indirect), and the preamble `با اشاره به اینکه
   ...` before a cue;
3. speakers: the subject of the clause that ends at the cue (coordinated
   subjects with a plural verb, two plural groups as two speakers), else
   `وی`/`او` or a description (`این مقام امنیتی تاجیکستان`) resolved to the
   last speaker whose words hold its noun, or to the person last quoted or
   named before it (or, when the lead that named them is left out, the one
   named next), else the noun phrase that opens the clause (`رئیس شورای شهر
   قم`، `برخی از اعضا`، `یک منبع ...`) after any source, setting, contrast or
   adverbial clause before it.

A colon quotation runs to the end of its paragraph unless a new speaker's
`CUE:` stands inside it; a report inside a quotation (`... خواستار ... است`،
`که در آن اعلام شده`) is a quotation of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from rasad.extract.parties import (
    ANAPHORA,
    PRONOUNS,
    WB,
    WE,
    Names,
    is_actor,
    word_after,
    word_before,
)
from rasad.model import Article, Party, Quote

_SEP = r"[ \u200c]?"

#: Light verbs: past stem and third-person present (singular).
LIGHT_VERBS = {
    "کرد": "کند",
    "نمود": "نماید",
    "داشت": "دارد",
    "داد": "دهد",
    "شد": "شود",
    "ساخت": "سازد",
}

#: Reporting cues: (noun, verb). An empty noun is a simple verb.
CUES: tuple[tuple[str, str], ...] = (
    ("", "گفت"),
    ("", "افزود"),
    ("", "نوشت"),
    ("اظهار", "داشت"),
    ("اظهار", "کرد"),
    ("اظهار", "نمود"),
    ("بیان", "داشت"),
    ("بیان", "کرد"),
    ("ابراز", "داشت"),
    ("ابراز", "کرد"),
    ("تاکید", "کرد"),
    ("تأکید", "کرد"),
    ("تاکید", "نمود"),
    ("تأکید", "نمود"),
    ("تصریح", "کرد"),
    ("تصریح", "نمود"),
    ("خاطرنشان", "کرد"),
    ("خاطرنشان", "ساخت"),
    ("خاطر نشان", "کرد"),
    ("خاطر نشان", "ساخت"),
    ("اعلام", "کرد"),
    ("اعلام", "داشت"),
    ("اعلام", "نمود"),
    ("عنوان", "کرد"),
    ("عنوان", "داشت"),
    ("اضافه", "کرد"),
    ("ادامه", "داد"),
    ("توضیح", "داد"),
    ("پاسخ", "داد"),
    ("هشدار", "داد"),
    ("اطمینان", "داد"),
    ("یادآور", "شد"),
    ("یادآوری", "کرد"),
    ("متذکر", "شد"),
    ("مدعی", "شد"),
    ("ادعا", "کرد"),
    ("اذعان", "کرد"),
    ("اذعان", "داشت"),
    ("تشریح", "کرد"),
    ("خبر", "داد"),
    ("اعتراف", "کرد"),
    ("اظهار امیدواری", "کرد"),
    ("ابراز امیدواری", "کرد"),
    ("ابراز نگرانی", "کرد"),
    ("اظهار نگرانی", "کرد"),
    ("", "دانست"),
    ("", "برشمرد"),
    ("", "خواند"),
    ("", "شمرد"),
    ("", "نامید"),
    ("توصیف", "کرد"),
    ("ارزیابی", "کرد"),
    ("اشاره", "داشت"),
    ("تاکید", "داشت"),
    ("تأکید", "داشت"),
    ("اصرار", "داشت"),
    ("تشبیه", "کرد"),
    ("تلقی", "کرد"),
    ("قلمداد", "کرد"),
    ("پیش‌بینی", "کرد"),
    ("", "فرمود"),
    ("نتیجه", "گرفت"),
    ("ابراز اطمینان", "کرد"),
    ("پیشنهاد", "داد"),
    ("در خواست", "کرد"),
    ("متهم", "کرد"),
    ("تفسیر", "کرد"),
    ("فریاد", "زد"),
    ("نام", "برد"),
)
#: `توصیف نمود`، `تشبیه نمود`: the formal light verb stands for `کرد` in every cue.
CUES += tuple(
    (noun, "نمود") for noun, verb in CUES if verb == "کرد" and noun and (noun, "نمود") not in CUES
)
#: Beliefs reported like speech: `معتقد است که`، `بر این باورند که`.
BELIEF_CUES = (
    r"معتقد(?:\s(?:است|هستند|بود(?:ند)?|شد(?:ند)?)|ند)",
    r"اعتقاد\s?(?:دارد|دارند|داشت(?:ند)?)",
    r"بر\s?این\s?باور(?:\s?(?:است|اند|هستند|بود(?:ند)?)|ند)",
    r"عقیده\s?(?:دارد|دارند|داشت(?:ند)?)",
    r"(?:تاکید|تأکید|اصرار)\s?(?:دارد|دارند)",
    r"(?:امیدوار|معترف)(?:\s(?:است|هستند|بود(?:ند)?)|ند)",
)
#: Cues whose content comes before them: `از ... خبر داد`، `بر ... تاکید کرد`،
#: `... را الزامی دانست`، `از ... ابراز نگرانی کردند`.
CONTENT_BEFORE = (
    ("خبر", "از"),
    ("هشدار", "نسبت به"),
    ("ابراز نگرانی", "از"),
    ("اظهار نگرانی", "از"),
    ("تاکید", "بر"),
    ("تأکید", "بر"),
    ("دانست", "را"),
    ("برشمرد", "را"),
    ("خواند", "را"),
    ("شمرد", "را"),
    ("نامید", "را"),
    ("توصیف", "را"),
    ("ارزیابی", "را"),
    ("عنوان", "را"),
    ("اعلام", "را"),
    ("نام", "از"),
    ("نام", "را"),
    ("تشبیه", "را"),
    ("تلقی", "را"),
    ("قلمداد", "را"),
    ("پیش‌بینی", "را"),
)
_PRESENT = {
    "گفت": "گوید",
    "افزود": "افزاید",
    "نوشت": "نویسد",
    "دانست": "داند",
    "برشمرد": "برشمارد",
    "خواند": "خواند",
    "شمرد": "شمارد",
    "نامید": "نامد",
    "فرمود": "فرماید",
    "گرفت": "گیرد",
    "زد": "زند",
    "برد": "برد",
} | LIGHT_VERBS


def verb_forms(past: str, present: str) -> str:
    """A regex for the reporting tenses of a verb: گفت، گفتند، گفته است، گفته‌اند،
    گفته بود، می‌گوید، می‌گویند, the perfect without its `است` when `که` or a
    colon follows (`اعلام کرده که ...`) and the past continuous before a colon
    (`فریاد می‌زد: «...»`)."""
    plural_present = present[:-1] + "ند"
    return (
        rf"(?:{past}ه{_SEP}(?:است|اند|بود(?:ند)?)|{past}ه(?=\s+که{WE}|\s*:)|{past}(?:ند)?|"
        rf"می{_SEP}(?:{present}|{plural_present}|{past}(?:ند)?(?=\s*:)))"
    )


def _cue_regex() -> re.Pattern[str]:
    alts = []
    for noun, verb in CUES:
        forms = verb_forms(verb, _PRESENT[verb])
        head = noun.replace(" ", _SEP) + r"(?:\s|\u200c)?" if noun else ""
        alts.append(head + forms)
    alts += BELIEF_CUES
    alts.sort(key=len, reverse=True)
    return re.compile(WB + "(?:" + "|".join(alts) + ")" + WE)


CUE = _cue_regex()
#: `X تشکیل دولت فراگیر را خواستار شد`: the content before `را` (up to six words).
DEMAND_OBJECT = re.compile(
    r"((?:[^\s.،؛:!؟?\n«»]+\s+){1,6}?)را\s+خواستار\s+"
    r"(?:شد(?:ند)?|شده[ \u200c]?(?:است|اند)|می[ \u200c]?شو(?:د|ند))" + WE
)
#: `X خواستار تشکیل دولت فراگیر شد`: a demand reported with its content inside.
DEMAND = re.compile(
    WB + r"خواستار((?:\s+[^\s.،؛:!؟?\n«»]+){1,24}?)\s+"
    r"(?:شد(?:ند)?|شده[ \u200c]?(?:است|اند)|می[ \u200c]?شو(?:د|ند)|است|هستند|بود(?:ند)?)" + WE
)
#: `به گزارش X،`، `به نقل از X،`: where the article comes from.
SOURCE_LEAD = re.compile(
    WB + r"(?:به\s+گزارش|به\s+نقل\s+از|بنا\s+بر\s+گزارش|بر\s+اساس\s+گزارش)\s+([^،,:\n]{2,200})[،,]"
)
#: `بنا بر این گزارش،`: the article's own source goes on.
THIS_REPORT = re.compile(
    WB + r"(?:(?:بنا\s*بر|بر\s*اساس|طبق)\s*(?:این|همین)\s*(?:گزارش|خبر)|"
    r"(?:این|همین)\s+(?:گزارش|خبر)\s+حاکی\s+است)\s*[،,]"
)  # `این گزارش حاکی است،` as well
#: A clause that opens with its source and no comma after it (`به گزارش
#: خبرنگار فارس از کرمان محمد نیازی ... گفت`): the speaker comes after.
_LEAD_OPEN = re.compile(r"(?:به\s+گزارش|به\s+نقل\s+از|بنا\s+بر\s+گزارش)\s")
#: `این در حالی است که X ...`: a clause that opens a contrast; X is its subject.
_WHILE = re.compile(WB + r"(?:این|آن)\s+در\s+حالی\s*(?:است|بود)\s+که\s+")
#: `درپی کاهش قیمت،`، `به دنبال این حادثه،`: an adverbial clause before the subject.
_OPENER = re.compile(
    r"(?:در\s?پی|به\s+دنبال|پس\s+از|بعد\s+از|پیش\s+از|قبل\s+از|با\s+توجه\s+به)\s[^،.:\n]{3,150}،"
)
#: `همچنین در این جلسه`، `در ادامه این مراسم`: a setting before the subject.
_SETTING = re.compile(
    r"(?:همچنین\s+)?(?:در\s+(?:ادامه\s+|پایان\s+)?(?:این|آن)\s+[\w\u200c]+\s+|همچنین\s+)"
)
#: `این را در حالی گفت که ...`: the `که` opens a circumstance, not the content.
_WHILE_CUE = re.compile(WB + r"در\s+حالی\s*$")
#: `X گزارش داد که`، `X گزارش کرده است که`
SOURCE_VERB = re.compile(
    WB + r"گزارش\s?(?:" + verb_forms("داد", "دهد") + "|" + verb_forms("کرد", "کند") + r")" + WE
)
#: `در بیانیه X آمده است: ...`، `در ادامه این اطلاعیه آمده است`: a document
#: speaks for whoever issued it.
DOCUMENT = re.compile(
    WB + r"در\s+(?:بخش(?:ی|های)?\s+(?:دیگری\s+)?از\s+|ادامه\s+|پایان\s+)?(?:این\s+)?"
    r"(?:بیانیه|نامه|پیام|اطلاعیه|گزارش|متن|قطعنامه)(?:\s+|\u200c)([^:.\n«»]{0,100}?)\s*"
    r"(?P<verb>آمده|تاکید\s?شده|تأکید\s?شده|ذکر\s?شده)(?:\s*است)?\s*:"
)
#: `این گزارش می‌افزاید`: the agency's own report goes on; no one is quoted.
_REPORT_SUBJECT = re.compile(r"(?:این|همین)\s+گزارش(?:\s+(?:همچنین|در\s+ادامه))?")
_RELAYED = re.compile(WB + r"به\s+نقل\s+(?:از\s+)?")
ACCORDING_TO = re.compile(
    WB + r"(?:به\s+(?:گفته|نوشته)(?:\u200c?ی)?|به\s+(?:اعتقاد|قول)|"
    r"(?:بر\s*اساس|بنا\s*بر|طبق)\s+اعلام)\s+"
)
#: `به قول معروف`، `به اعتقاد من`: a saying, or the speaker's own view inside a quotation.
_NOT_ACCORDING = frozenset("معروف مشهور من ما".split())
_PLURAL_NOUN = re.compile(r"(?:ها|های|ان)$")
_PLURAL = re.compile(r"(?:ند|اند|بودند|یند|هستند)$")
_STOP_WORDS = frozenset(
    "در با امروز دیروز ظهر صبح عصر شب روز ضمن پس پیش طی به از هم نیز همچنین که هنگام روز "
    "درباره دربارهٔ پیرامون بر برای".split()
)
#: Phrases that open an adverbial between the subject and the verb.
_ADVERBIAL = re.compile(
    WB + r"(?:با\s+(?:اشاره|بیان|تاکید|تأکید|ابراز|انتقاد|یادآوری|اعلام|گرامی[\s\u200c]?داشت|"
    r"تبریک|تشکر|قدردانی)|ضمن|در\s+(?:گفت[\u200c ]?و[\u200c ]?گو|گفتگو|"
    r"حاشیه|مراسم|جمع|نشست|دیدار|ملاقات|پاسخ|ادامه|سخنانی|مصاحبه))" + WE
)
MAX_CLAUSE = 400
_ASKED = r"خواست(?:ند)?|خواسته[ \u200c]?(?:است|اند|بود(?:ند)?)"
#: `ریاض از سران عربی خواسته است نشست را ...`: a request, reported like speech.
REQUEST = re.compile(
    WB + r"از\s+(?:[^\s.،؛:!؟?\n«»]+\s+){1,6}?(?<!در\s)(" + _ASKED + ")" + WE
)  # not `در خواست کردند`, which is `درخواست کردند` written apart


def cue_forms(pairs: tuple[tuple[str, str], ...]) -> str:
    """A regex alternation for (noun, verb) cues in every reporting tense."""
    alts = []
    for noun, verb in pairs:
        head = noun.replace(" ", _SEP) + r"(?:\s|\u200c)?" if noun else ""
        alts.append(head + verb_forms(verb, _PRESENT[verb]))
    return "|".join(sorted(alts, key=len, reverse=True))


#: Speech verbs that report a clause without `که` (`او گفت دولت ...`) or after
#: a comma (`اعلام کرد، ارتش عراق باید ...`), in every tense.
SPEECH_VERBS: tuple[tuple[str, str], ...] = (
    ("", "گفت"),
    ("", "افزود"),
    ("", "نوشت"),
    ("اعلام", "کرد"),
    ("تاکید", "کرد"),
    ("تأکید", "کرد"),
    ("تصریح", "کرد"),
    ("هشدار", "داد"),
    ("اظهار", "داشت"),
    ("خاطرنشان", "کرد"),
    ("اضافه", "کرد"),
    ("ادامه", "داد"),
    ("یادآور", "شد"),
    ("اظهار امیدواری", "کرد"),
    ("ابراز امیدواری", "کرد"),
    ("پیشنهاد", "داد"),
    ("در خواست", "کرد"),
    ("پیش‌بینی", "کرد"),
)
_SPEECH = cue_forms(SPEECH_VERBS)
#: Cues that report a clause without `که` (`او گفت دولت ...`).
BARE_CUE = re.compile(_SPEECH + r"|معتقد\s(?:است|هستند|بود(?:ند)?)|" + _ASKED)
#: `به کار خود ادامه داد`: a verb that reports only after a bare subject.
_BARE_AFTER_SUBJECT = "ادامه"
#: `گفت و ...`، `افزود اما ...`: a conjunction after the verb opens no content.
_NOT_CONTENT = frozenset("و اما ولی تا اگر چون زیرا".split())
#: Cues that report the clause after a comma (`تصریح کرد، این حمله ...`).
COMMA_CUE = re.compile(_SPEECH)
#: `تبریک گفت`، `سخن گفت`: the verb is not reporting anything.
NOT_SPEECH = frozenset("تبریک تسلیت سخن دروغ خوشامد خیرمقدم ترک پاسخ‌ها".split())
_COMMA_THAT = re.compile(r"[،,]\s*که(?![\w\u200c])")
_SPACED_GOFTOGU = re.compile(r"\s*و\s*گو")


def _report_goes_on(text: str, cue: int) -> bool:
    """Is the clause before the cue only `این گزارش` (the agency's report)?"""
    floor = max(text.rfind("\n", 0, cue), text.rfind(".", 0, cue)) + 1
    return bool(_REPORT_SUBJECT.fullmatch(text[floor:cue].strip(" ،,\u200c")))


#: `این گفته که ...`: a determiner makes a bare participle a noun.
_DETERMINERS = frozenset("این آن همین همان".split())


def _noun_participle(text: str, m: re.Match[str]) -> bool:
    """Is this bare participle (`گفته که`) a noun after a determiner (`این گفته`)?"""
    return m.group().endswith("ه") and word_before(text, m.start()) in _DETERMINERS


def _goftogu(text: str, m: re.Match[str]) -> bool:
    """Is this `گفت` the first half of `گفت و گو` (an interview, not a cue)?"""
    return m.group() == "گفت" and bool(_SPACED_GOFTOGU.match(text, m.end()))


#: `وی با بیان اینکه ...، افزود: ...`: a reported clause inside the speaker's sentence.
PREAMBLE = re.compile(
    WB + r"(?:با|ضمن)\s+(?:بیان|اشاره\s+به|تاکید\s?بر|تأکید\s?بر|یادآوری|اعلام|ابراز|طرح)\s*"
    r"(?:این\u200c?که|این\s+که|این\s*(?:مساله|مسئله|موضوع|نکته|مطلب|سوال|سئوال|سؤال)\s+که)\s+"
)
#: At most this many words between a preamble's last comma and the main cue
#: (`، در ادامه افزود`); more, and the comma is inside the preamble.
PREAMBLE_TAIL = 3
#: Offices written before the body or country they belong to (`وزیر کشور`).
TITLE_NOUNS = frozenset(
    "وزیر رئیس رییس سخنگوی سخنگو معاون مدیر مدیرکل دبیر دبیرکل فرمانده نماینده سفیر "
    "استاندار فرماندار شهردار دادستان رهبر مشاور عضو نایب‌رئیس قائم‌مقام مسئول "
    "کارشناس رئیس‌جمهور نخست‌وزیر سرکنسول کاردار بخشدار امام".split()
)


@dataclass
class _Cue:
    start: int
    end: int
    text: str
    plural: bool


def find_quotes(article: Article) -> tuple[Quote, ...]:
    """Every quotation in the article, in text order."""
    text = article.text
    if not text:
        return ()
    names = Names.of(article)
    cues = [
        _Cue(m.start(), m.end(), m.group(), bool(_PLURAL.search(m.group())))
        for m in CUE.finditer(text)
        if not _goftogu(text, m)
        and not _report_goes_on(text, m.start())
        and not _noun_participle(text, m)
    ]
    cues += [
        _Cue(m.start(1), m.end(1), m.group(1), bool(_PLURAL.search(m.group(1))))
        for m in REQUEST.finditer(text)
    ]
    cues.sort(key=lambda c: c.start)
    demands = [
        (m, _Cue(m.start(), m.end(), m.group(), bool(_PLURAL.search(m.group()))))
        for m in DEMAND.finditer(text)
    ]
    sources = _sources(text)
    paragraph_ends = [m.start() for m in re.finditer("\n", text)] + [len(text)]
    found: list[Quote] = []
    taken: list[tuple[int, int]] = []
    for cue in cues:
        got = _quote_at(text, cue, paragraph_ends)
        if got is None:
            continue
        outer = [(s, e) for s, e in taken if s <= cue.start < e]
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
            start = _skip_blanks(text, start)
        taken.append((start, end))
        found.append(Quote(start, end, text[start:end], kind, cue.text, cue.start, cue.end))
    for m in DEMAND_OBJECT.finditer(text):
        cue_start = text.index("خواستار", m.end(1))
        verb = text[cue_start : m.end()]
        demands.append((m, _Cue(cue_start, m.end(), verb, bool(_PLURAL.search(verb)))))
    for m, cue in demands:
        outer = [(s, e) for s, e in taken if s <= cue.start < e]
        # `گفت: «... برمر خواستار اجرای آن است»`: a demand inside a quotation is one too.
        if outer and not all(s <= m.start(1) and m.end(1) <= e for s, e in outer):
            continue
        begin = m.start(1)
        for x in names.within(begin, m.end(1)):  # the subject is not the content
            if x.start <= begin + 1 and x.label in ("PER", "ORG", "LOC"):
                begin = x.end
        got = _trim(text, begin, m.end(1), "indirect")
        if got:
            start, end, kind = got
            taken.append((start, end))
            verb = "خواستار شدند" if cue.plural else "خواستار شد"
            found.append(Quote(start, end, text[start:end], kind, verb, cue.start, cue.start + 7))
    found += _according_to(text, names, taken)
    found += _after_quote(text, cues, taken)
    found += _documents(text, names, taken, paragraph_ends)
    found += _stated_in(text, names, taken)
    found.sort(key=lambda q: q.cue_start)
    preambles = list(_preambles(text, found))

    quotes: list[Quote] = []
    spans = [(q.start, q.end) for q in found]
    last_speaker: tuple[int, Party] | None = None
    heard: list[Party] = []  # every speaker so far, for `این مقام` to find its own
    said: dict[int, list[Party]] = {}  # cue -> its speakers, nested ones too
    waiting: list[int] = []
    for q in found:
        nested = any(s <= q.cue_start < e for s, e in spans)  # `وی` is not one quoted inside
        if q.speaker is not None:  # به گفته X
            quotes.append(_with_source(q, text, sources))
            if not nested:
                last_speaker = (q.cue_start, q.speaker)
                heard.append(q.speaker)
            continue
        speakers = _speakers(text, q, names, spans, sources, last_speaker, heard, said)
        said[q.cue_start] = speakers
        if not speakers and _pronoun_subject(text, q, spans, sources):
            waiting.append(len(quotes))  # `وی گفت` before anyone is named
        elif waiting and len(speakers) == 1 and _singular(speakers[0]):
            # The lead that named the speaker was left out: `وی` is the one named next.
            for i in waiting:
                quotes[i] = replace(quotes[i], speaker=speakers[0])
            waiting = []
        if len(speakers) == 1 and speakers[0].start == q.start < q.end < q.cue_start:
            q = _without_subject(q, speakers[0].end, text)  # `X این طرح را لازم دانست`
        for speaker in speakers or (None,):
            quotes.append(_with_source(replace(q, speaker=speaker), text, sources))
        if speakers and not nested:
            last_speaker = (q.cue_start, speakers[-1])
            heard += speakers
    for m, end, main_cue in preambles:
        for q in quotes:
            if q.cue_start == main_cue:
                quotes.append(
                    Quote(m.end(), end, text[m.end() : end], "indirect", m.group().strip(),
                          m.start(), m.end(), q.speaker, q.source)
                )  # fmt: skip
                break
    return tuple(sorted(quotes, key=lambda q: (q.start, q.cue_start)))


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
    if got[2] != "direct" or not text.startswith(":", _skip_blanks(text, cue.end)):
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
            cut = _trim(text, start, m.start(), "direct")
            return cut[1] if cut else None
    return None


def _without_subject(q: Quote, subject_end: int, text: str) -> Quote:
    """A content before its cue that opened with the speaker starts after it."""
    got = _trim(text, subject_end, q.end, q.kind)
    if got is None:
        return q
    return replace(q, start=got[0], content=text[got[0] : q.end])


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
                return _trim(text, i + 1, close, "direct")
        return _trim(text, i, para_end, "direct")
    if text.startswith("«", i):
        close = text.find("»", i + 1)
        if close != -1 and close - i > 10:
            return _trim(text, i + 1, close, "direct")
    comma_that = _COMMA_THAT.match(text, i)
    if comma_that:  # `гуфт, ки ...` (Tajik), `گفت، که ...`: a comma before که
        i = comma_that.end() - 2
    rest = text[i : i + 4]
    if text.startswith("،", i) and COMMA_CUE.fullmatch(cue.text):  # `اعلام کرد، ارتش ...`
        j = i + 1
        while j < para_end and text[j] == " ":
            j += 1
        end = _sentence_end(text, j, para_end)
        if j < para_end and text[j].isalpha() and len(text[j:end].split()) >= 4:
            return _trim(text, j, end, "indirect")
    if (
        rest.startswith("که")
        and (len(rest) < 3 or not rest[2].isalnum())
        and not _WHILE_CUE.search(text, max(0, cue.start - 30), cue.start)
    ):
        start = i + 2
        end = _sentence_end(text, start, para_end)
        return _trim(text, start, end, "indirect")
    markers = [m for head, m in CONTENT_BEFORE if _cue_head(cue.text, head)]
    for marker in markers:  # `وی از بهره‌برداری ... خبر داد`، `... را الزامی دانست`
        floor = max(_last_stop(text, cue.start), text.rfind("\n", 0, cue.start)) + 1
        before = _content_before(text, floor, cue.start, marker)
        if before is not None:
            return before
    if (
        BARE_CUE.fullmatch(cue.text)
        and i < len(text)
        and text[i].isalpha()
        and word_before(text, cue.start) not in NOT_SPEECH
        and word_after(text, i) not in _NOT_CONTENT
        and not (cue.text.startswith(_BARE_AFTER_SUBJECT) and _long_clause(text, cue.start))
    ):
        end = _sentence_end(text, i, para_end)
        if len(text[i:end].split()) >= 4:
            return _trim(text, i, end, "indirect")
    return None


def _subordinate(text: str, cue: _Cue) -> bool:
    """Does the cue stand in a clause opened by `که` since the last comma
    (`کارهایی که ... را آزادی می‌نامند`)?"""
    floor = max(_last_stop(text, cue.start), text.rfind("\n", 0, cue.start)) + 1
    floor = max(floor, text.rfind("،", floor, cue.start))  # `X که ... است، ... می‌داند`
    return bool(re.search(WB + "که" + WE, text[floor : cue.start]))


def _cue_head(cue: str, head: str) -> bool:
    """Does the cue start with this noun or verb, in the past or the present
    (`... را عامل اصلی می‌داند` as well as `دانست`)?"""
    if cue.startswith(head):
        return True
    present = _PRESENT.get(head)
    return present is not None and bool(re.match(rf"می{_SEP}(?:{present}|{present[:-1]}ند)", cue))


def _long_clause(text: str, cue: int) -> bool:
    """More than a short subject before the cue (`ارتش به حملات خود ادامه داد`)."""
    floor = max(_last_stop(text, cue), text.rfind("\n", 0, cue)) + 1
    return len(text[floor:cue].split()) > 3


def _skip_blanks(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \u200c":
        i += 1
    return i


def _name_in_guillemets(text: str, start: int, close: int, para_end: int) -> bool:
    """`نوشت: «فرانکو فراتینی» وزیر ... گفت`: a short name in guillemets opens
    the quoted sentence, which runs on after them."""
    after = _skip_blanks(text, close + 1)
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
        # The content is the object before `را`, after the subject: from the
        # last comma or from four words back.
        comma = text.rfind("،", floor, last)
        words = list(re.finditer(r"\S+", text[floor:last]))
        start = max(comma + 1, floor + words[-4].start() if len(words) >= 4 else floor)
        return _trim(text, start, cue, "indirect")
    frm = re.search(WB + marker + WE, text[floor:cue])
    if frm and len(text[floor + frm.end() : cue].split()) >= 2:
        return _trim(text, floor + frm.end(), cue, "indirect")
    return None


def _sentence_end(text: str, start: int, ceiling: int) -> int:
    """The end of the sentence from `start`, not counting stops inside «»."""
    depth = 0
    for j in range(start, ceiling):
        c = text[j]
        if c == "«":
            depth += 1
        elif c == "»":
            depth = max(0, depth - 1)
        elif c in ".؟?!" and depth == 0 and not (c == "." and _decimal(text, j)):
            return j
    return ceiling


def _decimal(text: str, j: int) -> bool:
    return 0 < j < len(text) - 1 and text[j - 1].isdigit() and text[j + 1].isdigit()


def _trim(text: str, start: int, end: int, kind: str) -> tuple[int, int, str] | None:
    while start < end and text[start] in " \u200c\t«":
        start += 1
    while end > start and text[end - 1] in " \u200c\t.،,؛»":
        end -= 1
    if end - start < 3:
        return None
    return start, end, kind


def _according_to(text: str, names: Names, taken: list[tuple[int, int]]) -> Iterator[Quote]:
    """`به گفته X، ...`: the speaker follows the cue, the content follows the comma."""
    for m in ACCORDING_TO.finditer(text):
        after = [x for x in names.within(m.end(), m.end() + 120) if x.start - m.end() < 60]
        # `افزود: بنابر اعلام پزشکی قانونی، ...`: a report inside a quotation is one too.
        inside = any(s <= m.start() < e for s, e in taken)
        first = word_after(text, m.end())
        if (inside and first in PRONOUNS) or first in _NOT_ACCORDING:
            continue
        comma = text.find("،", m.end(), _sentence_end(text, m.end(), m.end() + 160))
        if comma == -1:  # `به گفته وی سفر ...`، `به گفته پلیس عراق ساکنان ...`
            comma = _named_end(text, names, m.end())
        if comma == -1:
            continue
        people = [x for x in after if x.end <= comma and x.start <= m.end() + 1]
        speaker = names.party(people[0], resolved=True) if people else None
        if speaker is None and text[m.end() : comma].strip() in PRONOUNS:
            person = names.last_person(m.start(), skip=taken)
            speaker = names.party(person, resolved=True) if person else None
        if speaker is None:
            speaker = Party(m.end(), comma, text[m.end() : comma].strip())
        end = _sentence_end(text, comma + 1, len(text))
        got = _trim(text, comma + 1, end, "indirect")
        if got:
            start, end, kind = got
            taken.append((start, end))
            yield Quote(
                start, end, text[start:end], kind, m.group().strip(), m.start(), m.end(), speaker
            )


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
    document, or else the one the headline opens with."""
    last: Party | None = None
    for m in DOCUMENT.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        speaker = _issuer(text, names, m) or last or _headline_subject(text)
        para_end = paragraph_ends[bisect_right(paragraph_ends, m.end() - 1)]
        got = _trim(text, m.end(), para_end, "direct")
        if got and speaker:
            start, end, kind = got
            taken.append((start, end))
            last = speaker
            yield Quote(
                start, end, text[start:end], kind, "آمده است", m.start("verb"), m.end(), speaker
            )


#: `نامه‌ای از دولت عربستان ... که در آن اعلام شده ...`: a passive report of
#: what a document named just before it says.
STATED_IN = re.compile(
    WB + r"که\s+در\s+آن\s+(?:اعلام|عنوان|بیان|ذکر|تاکید|تأکید)\s?شده(?:\s*(?:است|بود))?"
    r"(?:\s*که)?" + WE + r"\s*[:،]?"
)
#: At most this many words between the issuer and `که در آن` (`نامه‌ای از دولت
#: عربستان دریافت کرده که در آن`); further, the party named is not the issuer.
ISSUER_GAP = 3


def _stated_in(text: str, names: Names, taken: list[tuple[int, int]]) -> Iterator[Quote]:
    """`نامه‌ای از دولت عربستان دریافت کرده که در آن اعلام شده ...`: the content
    is the document's, and its issuer is the party named just before it. With no
    party named there, nobody is guessed and no quotation is made."""
    for m in STATED_IN.finditer(text):
        floor = max(_last_stop(text, m.start()), text.rfind("\n", 0, m.start())) + 1
        issuers = [
            x
            for x in names.within(floor, m.start())
            if is_actor(x) and len(text[x.end : m.start()].split()) <= ISSUER_GAP
        ]
        para_end = text.find("\n", m.end())
        end = _sentence_end(text, m.end(), para_end if para_end != -1 else len(text))
        got = _trim(text, m.end(), end, "indirect") if issuers else None
        if got is None:
            continue
        start, end, kind = got
        verb = m.group().split("آن", 1)[1].strip(" :،\u200c")
        taken.append((start, end))
        speaker = names.party(issuers[-1], resolved=True)
        yield Quote(start, end, text[start:end], kind, verb, m.start(), m.end(), speaker)


def _issuer(text: str, names: Names, m: re.Match[str]) -> Party | None:
    """Who issued the document: a name, or the words after its noun up to an adverbial."""
    head = opening_phrase(text, m.start(1), m.end(1)) if m.group(1).strip() else None
    if head is None:
        return None
    issuer = [x for x in names.within(head[0], head[1]) if x.label in ("ORG", "PER")]
    if issuer:
        return names.party(issuer[0], resolved=True)
    return Party(head[0], head[1], text[head[0] : head[1]].strip(" ،"))


def _headline_subject(text: str) -> Party | None:
    """The noun phrase a one-line headline opens with (`رئیس سازمان ... پیام داد`)."""
    end = text.find("\n")
    head = opening_phrase(text, 0, end) if end > 0 else None
    if head is None or len(text[head[0] : head[1]].split()) > 8:
        return None
    return Party(head[0], head[1], text[head[0] : head[1]])


def _after_quote(text: str, cues: list[_Cue], taken: list[tuple[int, int]]) -> Iterator[Quote]:
    """`«...»، وی افزود.`: guillemets followed by a short clause that ends in a cue."""
    for m in re.finditer(r"«([^«»]{12,}?)»", text):
        if any(s <= m.start() + 1 < e for s, e in taken) or len(m.group(1).split()) < 4:
            continue
        for cue in cues:
            gap = text[m.end() : cue.start]
            if (
                0 <= cue.start - m.end() <= 40
                and not text.startswith(":", _skip_blanks(text, cue.end))  # `نوشت: ...` looks ahead
                and "«" not in gap
                and "." not in gap
                and "\n" not in gap
            ):
                taken.append((m.start() + 1, m.end() - 1))
                yield Quote(
                    m.start() + 1, m.end() - 1, m.group(1), "direct", cue.text, cue.start, cue.end
                )
                break


#: Words that open an outlet's name (`خبرگزاری فارس`).
_OUTLET_HEADS = frozenset(
    "خبرگزاری روزنامه شبکه پایگاه رادیو تلویزیون سایت نشریه هفته‌نامه ماهنامه".split()
)


def _lead(m: re.Match[str]) -> tuple[int, int, str]:
    """A source lead; without its comma (`به گزارش فارس جرج بوش ... ،`) only the
    outlet's name is the lead, not the clause that follows it."""
    outlet = m.group(1).strip()
    words = outlet.split()
    if len(words) <= 8 or "به نقل از" in outlet:
        return m.start(), m.end(), outlet
    n = 2 if words[0] in _OUTLET_HEADS else 1
    name = " ".join(words[:n])
    return m.start(), m.start(1) + m.group(1).index(name) + len(name), name


def source_spans(text: str) -> list[tuple[int, int]]:
    """Where the text names its sources (`به گزارش X،`): no party stands there."""
    return [(s, e) for s, e, _ in _sources(text)]


def _sources(text: str) -> list[tuple[int, int, str]]:
    """Source phrases: (start, end, outlet)."""
    out = [_lead(m) for m in SOURCE_LEAD.finditer(text)]
    out += [(m.start(), m.end(), "") for m in THIS_REPORT.finditer(text)]
    for m in SOURCE_VERB.finditer(text):
        line_start = max(text.rfind("\n", 0, m.start()), text.rfind(".", 0, m.start())) + 1
        lead = text[line_start : m.start()].strip(" ،,")
        # `روز پنجشنبه، رادیو تاجیکی «صدای خراسان» گزارش داد که`: the outlet
        # is the last comma-separated part before the verb.
        outlet = lead.rsplit("،", 1)[-1].strip()
        end = m.end()
        rest = text[end : end + 4]
        if rest.lstrip().startswith("که"):
            end = text.index("که", end) + 2
        out.append((line_start, end, outlet))
    return out


def _with_source(q: Quote, text: str, sources: list[tuple[int, int, str]]) -> Quote:
    line_start = text.rfind("\n", 0, q.cue_start) + 1
    for start, _end, outlet in sources:
        if line_start <= start <= q.cue_start:
            return replace(q, source=outlet)
    return q


def _clause_start(
    text: str,
    q: Quote,
    spans: list[tuple[int, int]],
    sources: list[tuple[int, int, str]],
) -> int:
    """Where the clause that ends at the cue begins."""
    cue = q.cue_start
    start = (
        max(
            text.rfind("\n", 0, cue),
            _last_stop(text, cue),
            cue - MAX_CLAUSE,
        )
        + 1
    )
    for s, e in spans:  # an earlier quotation in the same sentence
        if start <= e <= cue and (s, e) != (q.start, q.end):
            if PREAMBLE.search(text, start, s):  # `X با اشاره به اینکه ... خواستار ... است، گفت`
                continue
            start = max(start, e + 1)
    for s, e, _ in sources:
        if s <= start < e or start <= s < cue and e <= cue:
            start = max(start, e)
    while start < cue and text[start] in " ،,»\u200c":
        start += 1
    return start


def _pronoun_subject(
    text: str, q: Quote, spans: list[tuple[int, int]], sources: list[tuple[int, int, str]]
) -> bool:
    """Does the clause before the cue open with `وی`/`او`?"""
    start = _clause_start(text, q, spans, sources)
    return word_after(text, start, q.cue_start) in PRONOUNS


def _last_stop(text: str, before: int) -> int:
    """The last sentence stop before `before`, outside guillemets."""
    depth = 0
    for j in range(before - 1, max(-1, before - MAX_CLAUSE - 1), -1):
        c = text[j]
        if c == "»":
            depth += 1
        elif c == "«":
            depth = max(0, depth - 1)
        elif c in ".؟?!:\n" and depth == 0 and not (c == "." and _decimal(text, j)):
            if c in "؟?" and text[j + 1 : j + 3].strip().startswith("،"):
                continue  # `در پاسخ به این پرسش که ...؟، گفت`: the question is inside
            return j
    return -1


def _speakers(
    text: str,
    q: Quote,
    names: Names,
    spans: list[tuple[int, int]],
    sources: list[tuple[int, int, str]],
    last_speaker: tuple[int, Party] | None,
    heard: Sequence[Party] = (),
    said: dict[int, list[Party]] | None = None,
) -> list[Party]:
    start = _clause_start(text, q, spans, sources)
    end = q.cue_start
    if q.kind == "indirect" and start <= q.start < q.cue_start:  # `وی از ... خبر داد`
        end = q.start
    elif (
        q.end <= q.cue_start and q.start >= start
    ):  # «...»، وی افزود: the clause is after the quote
        start = q.end + 1
        while start < end and text[start] in " ،,»\u200c":
            start += 1
    # `... تاکید کرد و افزود`: a second verb shares the subject of the first.
    earlier = [
        m
        for m in CUE.finditer(text, start, end)
        if not _goftogu(text, m) and word_before(text, m.start(), start) != "که"
    ]  # `در پاسخ به دانشجویی که عنوان کرد ...، گفت`: a relative clause keeps the subject
    if earlier:
        rest = text[earlier[-1].end() : end].split()
        shared = (said or {}).get(earlier[-1].start())
        if rest and rest[0] == "و" and shared:  # the speakers of that verb
            return shared
        if not (rest and rest[0] == "و"):  # `X ... توصیف کرد و معتقد است`: X is still the subject
            start = earlier[-1].end()
        while start < end and text[start] in " ،,\u200c":
            start += 1
    if q.kind == "indirect" and start == q.start and q.cue_start > q.end:
        # `کره شمالی طرح آمریکا را غیرواقع‌بینانه توصیف کرد`: the content opens with its subject.
        subjects = names.subjects(q.start, q.end, plural=bool(_PLURAL.search(q.cue)))
        if subjects and subjects[0].start == q.start:
            return [names.party(m) for m in subjects]
        first = word_after(text, q.start, q.end)
        if (
            _PLURAL.search(q.cue)
            and _PLURAL_NOUN.search(first)
            and word_after(text, q.start + len(first), q.end) != "را"
        ):  # `استراتژیست‌ها این سیاست را ... نامیده‌اند`: a plural subject, a plural verb
            return [Party(q.start, q.start + len(first), first)]
    opener = _OPENER.match(text, start, end)
    if opener:  # `درپی کاهش قیمت، کشاورزان ... خبر دادند`
        start = _skip_blanks(text, opener.end())
    setting = _SETTING.match(text, start, end)
    if setting and (
        word_after(text, setting.end(), end) in TITLE_NOUNS
        or (
            text[setting.start() : setting.end()].strip() not in ("همچنین",)
            and not names.within(setting.start(), setting.end())
            and _named_phrase(text, names, setting.end(), end)
        )
    ):
        start = setting.end()  # `در این جلسه نماینده مردم ... گفت`، `در پایان این مسابقات X، ...`
    comma = text.find("،", start, end) if text.startswith("در ", start) else -1
    if comma != -1 and _named_phrase(text, names, _skip_blanks(text, comma + 1), end):
        start = _skip_blanks(text, comma + 1)  # `در مذاکرات ... که در پکن برگزار شد، آمریکا ...`
    while_clause = _WHILE.search(text, start, end)
    if while_clause:  # `این در حالی است که ترکمن‌ها ... اصرار دارند که`
        start = while_clause.end()
    if _LEAD_OPEN.match(text, start):
        people = [x for x in names.within(start, end) if x.label == "PER"]
        if people:
            start = people[0].start
    relayed = _RELAYED.search(text, start, end)
    if relayed:  # `خبرگزاری شین‌هوا به نقل از یک منبع امنیتی ... گفت`: the source speaks
        start = relayed.end()
    opening = text[start:end].split()
    described = ANAPHORA.match(text, start)
    same = _described(described.group().split()[-1], heard) if described else None
    if same is not None:  # `این مقام ... گفت` after `یک مقام نیروهای ائتلافی ... گفت`
        return [same]
    if (opening and opening[0] in PRONOUNS) or described:
        return _antecedent(q, names, spans, last_speaker, start)
    contrast = [m for m in _BUT.finditer(text, start, end) if len(text[m.end() : end].split()) > 1]
    if contrast and "،" not in text[contrast[-1].end() : end]:
        # `... حق دارد ولی آیت الله هاشمی شاهرودی ... معتقدند`: the last clause
        start = contrast[-1].end()
    called = _CALLED.search(text, start, min(end, start + 60))
    person = next((x for x in names.within(start, end) if called and x.start == called.end()), None)
    if person is not None and person.label == "PER":  # `مرد میانسالی به نام اصغر نعمتی`
        return [names.party(person)]
    if _UNNAMED.match(text, start, end):  # `یک منبع در مجلس عراق گفت`: not عراق
        head = opening_phrase(text, start, end)
        if head is not None:
            return [Party(head[0], head[1], text[head[0] : head[1]])]
    adverbial = _ADVERBIAL.search(text, start, end)
    head_end = adverbial.start() if adverbial and adverbial.start() > start else end
    subjects = names.subjects(start, head_end, plural=bool(_PLURAL.search(q.cue)))
    if not subjects and head_end < end:
        head = opening_phrase(text, start, head_end)
        if head is not None:  # `فراتینی با ابراز حمایت اتحادیه اروپا ... گفت`
            return [Party(head[0], head[1], text[head[0] : head[1]])]
        subjects = names.subjects(start, end, plural=bool(_PLURAL.search(q.cue)))
    phrase = opening_phrase(text, start, end)
    if subjects and subjects[0].label != "PER":
        titled = _title_before(text, start, subjects[0].start)
        if titled is not None:
            m = subjects[0]
            return [Party(titled, m.end, text[titled : m.end])]
    if (
        phrase
        and subjects
        and subjects[0].start >= phrase[1]
        and _PLURAL.search(q.cue)
        and _PLURAL_NOUN.search(text[phrase[0] : phrase[1]].split()[0])
    ):  # `کشاورزان منطقه ... از مسئولان وزارت بازرگانی درخواست کردند`: the plural noun
        return _joint(text, *phrase)
    if subjects and not (phrase and _titled(text, start, subjects[0])):
        return [names.party(m) for m in subjects]
    if phrase:
        s, e = _group(text, *_before_object(text, *phrase), end)
        return _joint(text, s, e) if _PLURAL.search(q.cue) else [Party(s, e, text[s:e])]
    return _antecedent(q, names, spans, last_speaker, start) if not opening else []


def _named_phrase(text: str, names: Names, start: int, end: int) -> bool:
    """Does a name open the clause at `start`, or a noun phrase with a comma
    after it (`اسکار مون‌تابالان، یکی از اعضای رئال مادرید`)?"""
    first = next(iter(names.within(start, end)), None)
    if first is not None and first.start == start and is_actor(first):
        return True
    phrase = opening_phrase(text, start, end)
    return phrase is not None and text.startswith("،", _skip_blanks(text, phrase[1]))


#: `... ولی X معتقدند`: a contrast opens a clause with its own subject.
_BUT = re.compile(WB + r"(?:ولی|اما|لیکن)\s+")
#: `مرد میانسالی به نام X`: a description that gives the name after it.
_CALLED = re.compile(WB + r"به\s+نام\s+")
_OBJECT = re.compile(WB + "را" + WE)


def _before_object(text: str, start: int, end: int) -> tuple[int, int]:
    """The subject ends before the object that `را` marks (`دادستان تهران این
    افراد را متهم کرد`): at a demonstrative after its first word, else one word
    before `را`."""
    mark = _OBJECT.search(text, start, end)
    if mark is None:
        return start, end
    words = list(re.finditer(r"[\w\u200c]+", text[start : mark.start()]))
    cut = next((w for w in words[1:] if w.group() in _DETERMINERS), None)
    if cut is None:
        cut = words[-1] if len(words) > 1 else None
    if cut is None:
        return start, end
    stop = start + cut.start()
    while stop > start and text[stop - 1] in " \u200c":
        stop -= 1
    return start, stop


#: `یک منبع ...`، `یک مقام آمریکایی`: an unnamed source; a name after it is not the speaker.
_UNNAMED = re.compile(
    r"یک\s+(?:منبع|مقام|مسئول|مسؤول|دیپلمات|سخنگو|عضو|نماینده|کارشناس|فرمانده|افسر|شاهد)"
    r"(?:\s|\u200c)"
)
#: `ترکمن‌ها و عرب‌ها`: two groups, each a plural noun.
_TWO_GROUPS = re.compile(r"([\w\u200c]+(?:ها|های))\s+و\s+([\w\u200c]+(?:ها|های))")


def _joint(text: str, start: int, end: int) -> list[Party]:
    """Two groups that speak together (`ترکمن‌ها و عرب‌ها ... اصرار دارند`) are
    two speakers, each with the same quotation."""
    m = _TWO_GROUPS.fullmatch(text, start, end)
    if m is None:
        return [Party(start, end, text[start:end])]
    return [Party(m.start(i), m.end(i), m.group(i)) for i in (1, 2)]


#: `برخی از اعضا`، `یکی از مقامات`: a part of a group speaks for it.
_QUANTIFIERS = frozenset(
    "برخی بعضی بسیاری یکی تعدادی شماری گروهی جمعی عده‌ای اکثر اغلب بیشتر هیچ‌یک".split()
)


_OF = re.compile(r"\s+از\s+")


def _group(text: str, start: int, end: int, ceiling: int) -> tuple[int, int]:
    """`برخی` or `یکی دیگر` before `از X`: the speaker is `برخی از X`, not the
    quantifier alone."""
    words = text[start:end].split()
    if not words or words[0] not in _QUANTIFIERS or words[1:] not in ([], ["دیگر"]):
        return start, end
    frm = _OF.match(text, end, ceiling)
    rest = opening_phrase(text, frm.end(), ceiling) if frm else None
    return (start, rest[1]) if rest else (start, end)


def _antecedent(
    q: Quote,
    names: Names,
    spans: list[tuple[int, int]],
    last_speaker: tuple[int, Party] | None,
    before: int,
) -> list[Party]:
    """The person a pronoun or description refers to: last quoted or last named
    before it (not one named between it and the cue: `وی با بیان اینکه X ...`)."""
    person = names.last_person(before, skip=spans)
    if last_speaker and not _singular(last_speaker[1]):
        last_speaker = None  # `وی` is one person, not `مخالفان این طرح` or a ministry
    if last_speaker and (person is None or last_speaker[0] > person.start):
        return [last_speaker[1]] if last_speaker[1].entity_id or last_speaker[1].text else []
    if person is not None:
        return [names.party(person, resolved=True)]
    if last_speaker:
        return [last_speaker[1]]
    headline = _HEADLINE_SPEAKER.match(names.text)
    if (
        headline
        and headline.group(1).split()[0] not in PRONOUNS
        and not CUE.search(headline.group(1))
    ):  # `وانونو: تهدید ...` over the article: the one who speaks in it
        return [Party(headline.start(1), headline.end(1), headline.group(1))]
    return []


def _described(noun: str, heard: Sequence[Party]) -> Party | None:
    """The last speaker whose own words hold the noun of a description (`مقام`
    in `این مقام` for `یک مقام نیروهای ائتلافی`), even with a name between."""
    for party in reversed(heard):
        if any(w.startswith(noun) for w in party.text.split()):
            return party
    return None


def _singular(party: Party) -> bool:
    """Can `وی`/`او` refer to this speaker: not a body or place, not a plural noun."""
    if party.label in ("ORG", "LOC"):
        return False
    words = party.text.split()
    return party.label == "PER" or not (words and re.search(r"(?:ان|ها|های)$", words[0]))


#: A headline that opens with its speaker: `وانونو: تهدید هسته‌ای اسرائیل ...`.
_HEADLINE_SPEAKER = re.compile(r"([^\s:\n«»]+(?:\s[^\s:\n«»]+){0,2})\s?:\s")


def _title_before(text: str, floor: int, pos: int) -> int | None:
    """Where an office that owns the name at `pos` starts (`سفیر آذربایجان`،
    `نماینده مردم رامیان`): a title among the three words before it."""
    words = list(re.finditer(r"[\w\u200c]+", text[max(floor, pos - 60) : pos]))[-3:]
    base = max(floor, pos - 60)
    for w in words:
        gap = text[base + w.end() : pos]
        if w.group() in TITLE_NOUNS and not re.search("[،,:؛.]", gap):
            return base + w.start()
    return None


def _titled(text: str, start: int, first: Party | object) -> bool:
    """Does a title open the clause before its first name (`سخنگوی ارتش ... گفت`)?"""
    m_start = getattr(first, "start", start)
    label = getattr(first, "label", "")
    if label == "PER" or m_start <= start:
        return False
    words = text[start:m_start].split()
    if words and words[0] in TITLE_NOUNS:  # `استاندار اردبیل از ... بازدید و ... تاکید کرد`
        return True
    return bool(words) and not any(w in _STOP_WORDS for w in words)


def opening_phrase(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase that opens a clause: words up to an adverb or preposition."""
    pos, last = start, None
    for m in re.finditer(r"[\w\u200c]+", text[start:end]):
        word = m.group()
        if word in _STOP_WORDS or word in PRONOUNS:
            break
        if "،" in text[pos : start + m.start()]:
            break
        last = start + m.end()
        pos = last
        if len(text[start:last].split()) >= 10:
            break
    if last is None:
        return None
    return start, last


__all__ = ["CUE", "WB", "WE", "find_quotes", "verb_forms"]
