"""Speakers: who says each quotation that the cue pass found.

The subject of the clause that ends at the cue (coordinated subjects with a
plural verb, two plural groups as two speakers), else `وی`/`او` or a
description (`این مقام امنیتی تاجیکستان`) resolved to the last speaker whose
words hold its noun, or to the person last quoted or named before it (or, when
the lead that named them is left out, the one named next), else the noun
phrase that opens the clause (`رئیس شورای شهر قم`، `برخی از اعضا`، `یک منبع
...`) after any source, setting, contrast or adverbial clause before it. A
clause with no subject before its cue (`البته توضیح می‌دهد که`) is the last
speaker's; `این بیانیه` is whoever issued the last document quoted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rasad.extract.cues import (
    CUE,
    MAX_CLAUSE,
    PLURAL_VERB,
    PREAMBLE,
    PREAMBLE_TAIL,
    goftogu,
    impersonal,
    last_stop,
    skip_blanks,
    trim_span,
)
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
from rasad.extract.sources import OUTLETS, with_source
from rasad.model import Mention, Party, Quote

#: A clause that opens with its source and no comma after it (`به گزارش
#: خبرنگار فارس از کرمان محمد نیازی ... گفت`): the speaker comes after.
_LEAD_OPEN = re.compile(
    r"(?:به\s+گزارش|به\s+نقل\s+از|بنا\s+بر\s+(?:(?:این|همین)\s+)?گزارش)\s"
)  # `بنا بر همین گزارش سید رمضان جعفری، ...`
#: `این در حالی است که X ...`: a clause that opens a contrast; X is its subject.
_WHILE = re.compile(WB + r"(?:این|آن)\s+در\s+حالی[\s\u200c]*(?:است|ست|بود)\s+که\s+")
#: `... پرسید که وی در پاسخ گفت`: a clause after `که` whose subject is a pronoun.
_THAT_PRONOUN = re.compile(WB + r"که\s+(?=(?:وی|او|ایشان)\s)")
#: `پس از آن که X ... اعلام کرد`: a time clause with its own subject, X.
_AFTER_THAT = re.compile(WB + r"(?:پس|بعد|قبل|پیش)\s+از\s+(?:آن|این)\s*[\u200c ]?که\s+")
#: `درپی کاهش قیمت،`، `به دنبال این حادثه،`: an adverbial clause before the subject.
_OPENER = re.compile(
    r"(?:در\s?پی|به\s+دنبال|پس\s+از|بعد\s+از|پیش\s+از|قبل\s+از|با\s+توجه\s+به)\s[^،.:\n]{3,150}،"
)
#: `همچنین در این جلسه`، `در ادامه این مراسم`: a setting before the subject.
_SETTING = re.compile(
    r"(?:همچنین\s+)?(?:در\s+(?:ادامه\s+|پایان\s+)?(?:این|آن)\s+[\w\u200c]+\s+|همچنین\s+)"
)
#: `در ادامه نماینده ...`: a setting of one word, before an office.
_RESUMED = re.compile(r"در\s+(?:ادامه|پایان)\s+")
#: `از این رو`، `بنابراین`، `با این حال`: a connective before the subject.
_CONNECTIVE = re.compile(
    r"(?:از\s*ای?ن[\s\u200c]*رو|بنا\s?بر[\s\u200c]?این|لذا|به\s+همین\s+(?:دلیل|خاطر)|در\s+نتیجه|"
    r"با\s+این\s+(?:حال|وجود)|از\s+سوی\s+دیگر|از\s+طرف\s+دیگر|در\s+عین\s+حال)\s*،?\s+"
)
_RELAYED = re.compile(WB + r"به\s+نقل\s+(?:از\s+)?")
_PLURAL_NOUN = re.compile(r"(?:ها|های|ان)$")
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
#: `این گفته که ...`: a determiner makes a bare participle a noun.
DETERMINERS = frozenset("این آن همین همان".split())
#: Offices written before the body or country they belong to (`وزیر کشور`).
TITLE_NOUNS = frozenset(
    "وزیر رئیس رییس سخنگوی سخنگو معاون مدیر مدیرکل دبیر دبیرکل فرمانده نماینده سفیر "
    "استاندار فرماندار شهردار دادستان رهبر مشاور عضو نایب‌رئیس قائم‌مقام مسئول "
    "کارشناس رئیس‌جمهور نخست‌وزیر سرکنسول کاردار بخشدار امام".split()
)


def attribute(
    text: str, names: Names, found: list[Quote], sources: list[tuple[int, int, str]]
) -> list[Quote]:
    """Each quotation with its speakers, in cue order: one quotation per speaker
    (joint speakers share the content), none when nobody can be named.

    Walks the quotations in order because a pronoun or description refers to
    the last speaker heard, and `وی` before anyone is named waits for the next
    one (the lead that named them is left out)."""
    quotes: list[Quote] = []
    spans = [(q.start, q.end) for q in found]
    last_speaker: tuple[int, Party] | None = None
    heard: list[Party] = []  # every speaker so far, for `این مقام` to find its own
    said: dict[int, list[Party]] = {}  # cue -> its speakers, nested ones too
    issuers: list[Party] = []  # who issued each document quoted so far
    waiting: list[int] = []
    for q in found:
        nested = any(s <= q.cue_start < e for s, e in spans)  # `وی` is not one quoted inside
        if q.speaker is not None:  # به گفته X
            quotes.append(with_source(q, text, sources))
            if q.cue == DOCUMENT_CUE:
                issuers.append(q.speaker)
            if not nested:
                last_speaker = (q.cue_start, q.speaker)
                heard.append(q.speaker)
            continue
        speakers = _speakers(text, q, names, spans, sources, last_speaker, heard, said, issuers)
        if nested and speakers and all(_bare_noun(s) for s in speakers):
            speakers = []  # `گفت: مراد از ... آن است که قیامت را ... ذکر نموده است`: not named
        if speakers and all(guessed(s) for s in speakers):
            said[q.cue_start] = []
            continue  # `البته ناپولی تنها مشتری این بازیکن نیست چون ...`: a clause, not a speaker
        said[q.cue_start] = speakers
        if not speakers and _pronoun_subject(text, q, spans, sources):
            waiting.append(len(quotes))  # `وی گفت` before anyone is named
        elif not speakers and nested:
            continue  # `... که به عنوان یک متخصص، معتقد است که`: the outer speaker's own words
        elif waiting and len(speakers) == 1 and _singular(speakers[0]):
            # The lead that named the speaker was left out: `وی` is the one named next.
            for i in waiting:
                quotes[i] = replace(quotes[i], speaker=speakers[0])
            waiting = []
        if len(speakers) == 1 and speakers[0].start == q.start < q.end < q.cue_start:
            q = _without_subject(q, speakers[0].end, text)  # `X این طرح را لازم دانست`
        for speaker in speakers or (None,):
            quotes.append(with_source(replace(q, speaker=speaker), text, sources))
        if speakers and not nested:
            last_speaker = (q.cue_start, speakers[-1])
            heard += speakers
    return quotes


#: Words that make a phrase a clause: a copula, a modal, a light verb.
_VERB_WORDS = frozenset(
    "است نیست هست هستند نیستند بود بودند شد شدند باشد باید نباید دارد دارند ندارد حالیست".split()
)
#: More words than this, and a phrase is a stretch of text rather than a name or description.
GUESS_WORDS = 16


def guessed(party: Party) -> bool:
    """Is a speaker with no entity a stretch of clause rather than a name or a
    description: a verb in it (`آمارهای کشور ... چقدر فاصله دارد`), or longer
    than any office is named? Then nobody is named."""
    if party.entity_id:
        return False
    return len(party.text.split()) > GUESS_WORDS or clause_like(party.text)


def _bare_noun(party: Party) -> bool:
    """Is the speaker one common word with no entity (`مراد`), not an office,
    a group (`کارشناسان`) or a part of one (`برخی`)?"""
    words = party.text.split()
    return (
        not party.entity_id
        and len(words) == 1
        and words[0] not in TITLE_NOUNS
        and words[0] not in _QUANTIFIERS
        and not _PLURAL_NOUN.search(words[0])
        and words[0] not in _BROKEN_PLURALS
    )


#: Arabic plurals that name a group (`اعضا معتقد بودند`).
_BROKEN_PLURALS = frozenset("اعضا اعضاء مقامات مسئولین مسئولان علما علماء فقها فقهاء".split())


def clause_like(phrase: str) -> bool:
    """Does a verb stand in the phrase (`فلسطینی‌ها حق دارند`، `گفته می‌شود`)?"""
    return any(
        w in _VERB_WORDS
        or w.startswith(("می\u200c", "نمی\u200c"))
        or w.endswith(("\u200cاند", "\u200cاست"))
        for w in phrase.split()
    )


def _without_subject(q: Quote, subject_end: int, text: str) -> Quote:
    """A content before its cue that opened with the speaker starts after it."""
    got = trim_span(text, subject_end, q.end, q.kind)
    if got is None:
        return q
    return replace(q, start=got[0], content=text[got[0] : q.end])


def document_issuer(text: str, names: Names, m: re.Match[str]) -> Party | None:
    """Who issued the document: a name, or the words after its noun up to an adverbial."""
    head = opening_phrase(text, m.start(1), m.end(1)) if m.group(1).strip() else None
    if head is None:
        return None
    issuer = [x for x in names.within(head[0], head[1]) if x.label in ("ORG", "PER")]
    if issuer:
        return names.party(issuer[0], resolved=True)
    return Party(head[0], head[1], text[head[0] : head[1]].strip(" ،"))


#: `به نقل از روابط عمومی حزب موتلفه اسلامی،`: the body a source lead relays.
_RELAYED_LEAD = re.compile(WB + r"به\s+نقل\s+از\s+([^،:.\n«»]{2,80}?)\s*،")


def relayed_body(text: str, names: Names, before: int) -> Party | None:
    """The body that the paragraph's source lead relays (`به نقل از روابط عمومی
    حزب موتلفه اسلامی، در این بیانیه ... آمده است`), if it is not an outlet."""
    floor = text.rfind("\n", 0, before) + 1
    leads = list(_RELAYED_LEAD.finditer(text, floor, before))
    if not leads:
        return None
    m = leads[-1]
    words = m.group(1).split()
    if not words or words[0] in OUTLETS or len(words) > 8:
        return None
    bodies = [x for x in names.within(m.start(1), m.end(1)) if x.label in ("ORG", "PER")]
    if bodies and bodies[0].start == m.start(1):
        return names.party(bodies[0], resolved=True)
    return Party(m.start(1), m.end(1), m.group(1).strip())


#: `بیانیه‌ای`، `پیامی`: a document introduced by the sentence that names its issuer.
_A_DOCUMENT = re.compile(
    WB + r"(?:بیانیه|اطلاعیه|نامه|پیام)(?:[ \u200c]?ای|(?<=پیام)ی)\s+(?:را\s+)?"
    r"(?:صادر|منتشر)\s?(?:کرد|نمود)(?:ند)?" + WE
)


def issued_by(
    text: str, names: Names, before: int, sources: Sequence[tuple[int, int]]
) -> Party | None:
    """Who issued a document, from the sentence before it that says so
    (`اعضای حزب ... بیانیه‌ای صادر کردند`): a name that opens the clause, else
    the noun phrase that does."""
    issued = [m for m in _A_DOCUMENT.finditer(text, 0, before)]
    if not issued:
        return None
    at = issued[-1].start()
    start = max(last_stop(text, at), text.rfind("\n", 0, at)) + 1
    for s, e in sources:
        if s <= start < e or start <= s < at:
            start = max(start, e)
    start = skip_blanks(text, start)
    while start < at and text[start] in "،, ":
        start += 1
    named = [x for x in names.within(start, at) if x.label in ("ORG", "PER")]
    if named and named[0].start == start:
        return names.party(named[0], resolved=True)
    head = opening_phrase(text, start, at)
    if head is None or len(text[head[0] : head[1]].split()) > 8:
        return None
    return Party(head[0], head[1], text[head[0] : head[1]])


def headline_subject(text: str) -> Party | None:
    """The noun phrase a one-line headline that reports speech opens with
    (`رئیس سازمان ... را تبریک گفت`); a headline of another kind (`زائران فقط
    با گذرنامه ... حق سفر دارند`) names no issuer."""
    end = text.find("\n")
    if end <= 0 or not CUE.search(text, 0, end):
        return None
    head = opening_phrase(text, 0, end)
    if head is None or len(text[head[0] : head[1]].split()) > 8:
        return None
    return Party(head[0], head[1], text[head[0] : head[1]])


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
            last_stop(text, cue),
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
    bullet = _BULLET.match(text, start, cue)
    return bullet.end() if bullet else start  # `1_ از سازمان ... درخواست می‌نماید`


#: `1_`، `2 -`، `*`: a list item's marker opens no subject.
_BULLET = re.compile(r"(?:[0-9۰-۹]{1,2}\s*[_\-–)]|[*•])\s*")


def _pronoun_subject(
    text: str, q: Quote, spans: list[tuple[int, int]], sources: list[tuple[int, int, str]]
) -> bool:
    """Does the clause before the cue open with `وی`/`او`?"""
    start = _clause_start(text, q, spans, sources)
    if _earlier_cues(text, start, q.cue_start):  # `وی ادامه می‌دهد که برخی ... معتقدند`
        return False
    return word_after(text, start, q.cue_start) in PRONOUNS


def _earlier_cues(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The cues between the clause start and this cue: a second verb shares the
    subject of the first (`... تاکید کرد و افزود`), and a report after `که`
    has its own. Not one in a relative clause (`در پاسخ به دانشجویی که عنوان
    کرد ...، گفت`), nor an impersonal one (`نمی‌توان گفت که ...، اظهار داشت`)."""
    inside = _preamble_stretches(text, start, end)
    return [
        m
        for m in CUE.finditer(text, start, end)
        if not goftogu(text, m)
        and word_before(text, m.start(), start) != "که"
        and not impersonal(text, m.start(), m.group(), False)
        and not any(s <= m.start() < e for s, e in inside)
    ]


def _preamble_stretches(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The reported clauses of preambles before the cue (`X با اشاره به اینکه
    ... خبر داد ... تصریح کرد`): up to the last comma before the cue (if only a
    few words follow it), else up to the cue. A cue there is the reported
    clause's own, not a verb the subject shares."""
    out = []
    for m in PREAMBLE.finditer(text, start, end):
        comma = text.rfind("،", m.end(), end)
        if comma == -1 or len(text[comma + 1 : end].split()) > PREAMBLE_TAIL:
            comma = end
        out.append((m.end(), comma))
    return out


def _reported_subject(text: str, names: Names, start: int, end: int) -> bool:
    """Does the clause after `که` open with a party of its own: a name, an
    office or a part of a group (`برخی کارشناسان`)?"""
    start = skip_blanks(text, start)
    first = word_after(text, start, end)
    if first in _QUANTIFIERS or first in TITLE_NOUNS:
        return True
    named = next(iter(names.within(start, end)), None)
    return named is not None and named.start == start and is_actor(named)


def _speakers(
    text: str,
    q: Quote,
    names: Names,
    spans: list[tuple[int, int]],
    sources: list[tuple[int, int, str]],
    last_speaker: tuple[int, Party] | None,
    heard: Sequence[Party] = (),
    said: dict[int, list[Party]] | None = None,
    issuers: Sequence[Party] = (),
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
    earlier = _earlier_cues(text, start, end)
    if earlier:
        rest = text[earlier[-1].end() : end].split()
        shared = (said or {}).get(earlier[-1].start())
        if rest and rest[0] == "و" and shared:  # the speakers of that verb
            return shared
        if not rest and shared is not None:  # `آن‌ها گفتند خواهان ... هستند`: that verb's own
            return list(shared)
        if not (rest and rest[0] == "و"):  # `X ... توصیف کرد و معتقد است`: X is still the subject
            start = earlier[-1].end()
        while start < end and text[start] in " ،,\u200c":
            start += 1
        if rest and rest[0] == "که" and _reported_subject(text, names, start + 2, end):
            start = skip_blanks(text, start + 2)  # `گفت که برخی کارشناسان معتقدند`
    if q.kind == "indirect" and start == q.start and q.cue_start > q.end:
        # `کره شمالی طرح آمریکا را غیرواقع‌بینانه توصیف کرد`: the content opens with its subject.
        subjects = _subjects(names, q.start, q.end, q.cue)
        if subjects and subjects[0].start == q.start:
            return [names.party(m) for m in subjects]
        first = word_after(text, q.start, q.end)
        if (
            PLURAL_VERB.search(q.cue)
            and _PLURAL_NOUN.search(first)
            and word_after(text, q.start + len(first), q.end) != "را"
        ):  # `استراتژیست‌ها این سیاست را ... نامیده‌اند`: a plural subject, a plural verb
            return [Party(q.start, q.start + len(first), first)]
    connective = _CONNECTIVE.match(text, start, end)
    if connective:  # `از این رو حزب مردم‌سالاری امیدوار است که`
        start = connective.end()
    opener = _OPENER.match(text, start, end)
    if opener:  # `درپی کاهش قیمت، کشاورزان ... خبر دادند`
        start = skip_blanks(text, opener.end())
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
    resumed = _RESUMED.match(text, start, end)
    if resumed and word_after(text, resumed.end(), end) in TITLE_NOUNS:
        start = resumed.end()  # `در ادامه نماینده ولی‌فقیه در استان، اظهار داشت`
    comma = text.find("،", start, end) if text.startswith("در ", start) else -1
    after = skip_blanks(text, comma + 1)
    if comma != -1 and (
        _named_phrase(text, names, after, end) or word_after(text, after, end) in TITLE_NOUNS
    ):  # `در مراسمی که ... برگزار شد، استاندار اردبیل ... اعلام کرد`
        start = skip_blanks(text, comma + 1)  # `در مذاکرات ... که در پکن برگزار شد، آمریکا ...`
    that_pronoun = list(_THAT_PRONOUN.finditer(text, start, end))
    if that_pronoun:  # `خبرنگاری از داوودی ... پرسید که وی در پاسخ گفت`: the pronoun speaks
        start = that_pronoun[-1].end()
    while_clause = _WHILE.search(text, start, end)
    if while_clause:  # `این در حالی است که ترکمن‌ها ... اصرار دارند که`
        start = while_clause.end()
    after_that = [
        m for m in _AFTER_THAT.finditer(text, start, end) if "،" not in text[m.end() : end]
    ]
    if after_that:  # `دولت کره پس از آن که اعضای شورا ... اعلام کرد، ...`: the cue is the clause's
        start = after_that[-1].end()
    if _LEAD_OPEN.match(text, start):
        people = [x for x in names.within(start, end) if x.label == "PER"]
        if people:
            start = people[0].start
    relayed = _RELAYED.search(text, start, end)
    if relayed:  # `خبرگزاری شین‌هوا به نقل از یک منبع امنیتی ... گفت`: the source speaks
        start = relayed.end()
    if _cut_short(text, start, q.cue_start):  # the sentence began before the longest clause
        return _sentence_subject(text, names, q.cue_start)
    opening = [w.strip("،,") for w in text[start:end].split()]  # `وی، به ... اشاره کرد و گفت`
    described = ANAPHORA.match(text, start)
    noun = described.group().split()[-1] if described else ""
    if noun in DOCUMENT_NOUNS:  # `این بیانیه می‌افزاید`: who issued the last document
        return list(issuers[-1:])
    same = _described(noun, heard) if described else None
    if same is not None:  # `این مقام ... گفت` after `یک مقام نیروهای ائتلافی ... گفت`
        return [same]
    if noun in _BODY_NOUNS:  # `این گروه ... اعلام کرد`: a body, never the person last named
        return [last_speaker[1]] if last_speaker and last_speaker[1].label == "ORG" else []
    if (opening and opening[0] in PRONOUNS) or described:
        return _antecedent(q, names, spans, last_speaker, start)
    if opening and all(w in _DROPPED or w in _VERB_WORDS for w in opening):
        # `البته توضیح می‌دهد`، `خواستار ... شد و گفت`: no subject of its own
        return _antecedent(q, names, spans, last_speaker, start)
    contrast = [m for m in _BUT.finditer(text, start, end) if len(text[m.end() : end].split()) > 1]
    if contrast and "،" not in text[contrast[-1].end() : end]:
        # `... حق دارد ولی آیت الله هاشمی شاهرودی ... معتقدند`: the last clause
        start = contrast[-1].end()
    quoted = _quoted_name(text, names, start, end)
    if quoted is not None:  # `«شاهین فرهت» رئیس ارکستر ... گفت`
        return [quoted]
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
    subjects = _subjects(names, start, head_end, q.cue)
    if not subjects and head_end < end:
        head = opening_phrase(text, start, head_end)
        if head is not None:  # `فراتینی با ابراز حمایت اتحادیه اروپا ... گفت`
            return [Party(head[0], head[1], text[head[0] : head[1]])]
        subjects = _subjects(names, start, end, q.cue)
    phrase = opening_phrase(text, start, end)
    if phrase and _pronoun_phrase(text[phrase[0] : phrase[1]]):
        phrase = None  # `آنها خواستار ... هستند`، `من ...`: nobody to name without guessing
    if phrase and subjects and _phrase_before_adjunct(text, phrase, subjects[0]):
        s, e = _group(text, *phrase, end)
        return [Party(s, e, text[s:e])]
    if subjects and subjects[0].label != "PER":
        titled = _title_before(text, start, subjects[0].start)
        if titled is not None:
            m = subjects[0]
            return [Party(titled, m.end, text[titled : m.end])]
    if (
        phrase
        and subjects
        and subjects[0].start >= phrase[1]
        and PLURAL_VERB.search(q.cue)
        and _PLURAL_NOUN.search(text[phrase[0] : phrase[1]].split()[0])
    ):  # `کشاورزان منطقه ... از مسئولان وزارت بازرگانی درخواست کردند`: the plural noun
        return _joint(text, *phrase)
    if phrase and subjects and _office_before_object(text, start, phrase[1], subjects[0]):
        return [Party(phrase[0], phrase[1], text[phrase[0] : phrase[1]])]
    if subjects and not (phrase and _titled(text, start, subjects[0])):
        if len(subjects) == 1 and PLURAL_VERB.search(q.cue):
            subjects = _titled_list(text, names, subjects[0], end)
        return [names.party(m) for m in subjects]
    if phrase:
        s, e = _group(text, *_before_object(text, *phrase), end)
        return _joint(text, s, e) if PLURAL_VERB.search(q.cue) else [Party(s, e, text[s:e])]
    if opening:
        return []
    if not text[text.rfind("\n", 0, q.cue_start) + 1 : q.cue_start].strip():
        # `... و پربار\nاعلام می‌دارد:`: a paragraph that opens with its cue; the
        # last speaker goes on, but a person merely named before is no speaker.
        return [last_speaker[1]] if last_speaker and _singular(last_speaker[1]) else []
    return _antecedent(q, names, spans, last_speaker, start)


#: A name has a letter in it; `)` tagged as a person is no name.
_LETTER = re.compile(r"[^\W\d_]")


def _subjects(names: Names, start: int, end: int, cue: str) -> list[Mention]:
    """The names that can be the subject of the cue, without any that hold no
    letter (a bracket the entity layer took for a person)."""
    found = names.subjects(start, end, plural=bool(PLURAL_VERB.search(cue)))
    return [m for m in found if _LETTER.search(m.text)]


def _cut_short(text: str, start: int, cue: int) -> bool:
    """Does the clause start only where the longest clause is cut off, with no
    stop or line before it? Then its first words are not the subject."""
    floor = max(text.rfind("\n", 0, cue), last_stop(text, cue))
    return floor < cue - MAX_CLAUSE and start <= cue - MAX_CLAUSE + 2


def _sentence_subject(text: str, names: Names, cue: int) -> list[Party]:
    """The speaker of a sentence longer than the longest clause (`مدیر کل حفظ
    آثار ... برپایی ۲۰ نمایشگاه، ... و رونمایی از ... را از دیگر برنامه‌ها ذکر
    کرد`): a name or an office that opens its paragraph, else nobody."""
    begin = skip_blanks(text, text.rfind("\n", 0, cue) + 1)
    first = next(iter(names.within(begin, cue)), None)
    if first is not None and first.start == begin and first.label == "PER":
        return [names.party(first)]
    head = opening_phrase(text, begin, cue)
    if head is None or word_after(text, begin, cue) not in TITLE_NOUNS:
        return []
    return [Party(head[0], head[1], text[head[0] : head[1]])]


def _named_phrase(text: str, names: Names, start: int, end: int) -> bool:
    """Does a name open the clause at `start`, or a noun phrase with a comma
    after it (`اسکار مون‌تابالان، یکی از اعضای رئال مادرید`)?"""
    first = next(iter(names.within(start, end)), None)
    if first is not None and first.start == start and is_actor(first):
        return True
    phrase = opening_phrase(text, start, end)
    return phrase is not None and text.startswith("،", skip_blanks(text, phrase[1]))


#: `این گروه`، `این سازمان`: a description of a body, not of a person.
_BODY_NOUNS = frozenset("سازمان وزارتخانه نهاد گروه".split())
#: Pronouns that `وی`/`او` resolution does not cover: plural, first and second person.
_OTHER_PRONOUNS = frozenset("آنها آن‌ها آنان اینها این‌ها ایشان‌ها من ما تو شما".split())
#: `ولی آنان خواهان ... هستند`: a conjunction before the pronoun names nobody either.
_CONJUNCTIONS = frozenset("و اما ولی لیکن لکن بلکه".split())


def _pronoun_phrase(phrase: str) -> bool:
    """Does the phrase open with a pronoun, after any conjunction (`ولی آنان`)?"""
    words = phrase.split()
    while len(words) > 1 and words[0] in _CONJUNCTIONS:
        words = words[1:]
    return words[0] in _OTHER_PRONOUNS


#: The cue of a document's quotation (`در بیانیه X آمده است:`).
DOCUMENT_CUE = "آمده است"
#: `این بیانیه`، `این نامه`: a description that refers back to a document, not a person.
DOCUMENT_NOUNS = frozenset("بیانیه نامه پیام اطلاعیه".split())
#: `البته توضیح می‌دهد`، `هر چند می‌گوید`: adverbs before a cue whose subject is dropped.
_DROPPED = frozenset("البته هر چند هرچند همچنین نیز اما ولی سپس آنگاه همچنان ضمنا ضمناً و".split())
#: `«شاهین فرهت» رئیس ارکستر`: a name in guillemets, after any setting.
_QUOTED_NAME = re.compile(r"(?:در\s+(?:ادامه|پایان)\s*)?«([^«»\n.،:؛]{3,40})»")
#: At most this many words in a name in guillemets.
QUOTED_NAME_WORDS = 3


def _quoted_name(text: str, names: Names, start: int, end: int) -> Party | None:
    """A short name in guillemets that opens the clause, or follows a comma in
    it, with an office after it (`«لوریس چکناواریان» رهبر ارکستر ... افزود`):
    the entity layer misses such names, and the speaker is the name."""
    for m in _QUOTED_NAME.finditer(text, start, end):
        before = text[start : m.start()].rstrip(" \u200c")
        if before and not before.endswith("،"):
            continue
        if len(m.group(1).split()) > QUOTED_NAME_WORDS:
            continue
        if word_after(text, m.end(), end) not in TITLE_NOUNS:
            continue
        inside = [x for x in names.within(m.start(1), m.end(1)) if x.label == "PER"]
        if inside:
            return names.party(inside[0])
        return Party(m.start(1), m.end(1), m.group(1).strip())
    return None


#: `... ولی X معتقدند`، `... چون X نیز خواهان ...`: a contrast or a reason opens a clause
#: with its own subject.
_BUT = re.compile(
    WB + r"(?:ولی(?![\s\u200c]*(?:فقیه|امر|عصر|نعمت)" + WE + r")|اما|لیکن|چون|زیرا|چرا\s?که)\s+"
)  # `ولی فقیه`، `ولی امر`: a title, not a contrast; `چون X نیز ...`: a reason with its subject
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
    cut = next((w for w in words[1:] if w.group() in DETERMINERS), None)
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
    r"یک\s+(?:منبع|مقام|مسئول|مسؤول|دیپلمات|سخنگو|عضو|نماینده|کارشناس|فرمانده|افسر|شاهد|"
    r"زن|مرد|دختر|پسر|جوان|کشاورز|کارگر|دانشجو|شهروند|راننده|فروشنده|هنرمند|ساکن)"
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
    if rest:  # `برخی از فقها صرف عدم مفسده را کافی ندانسته`: not the object
        rest = _before_object(text, *rest)
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
    if person is not None and not _LETTER.search(person.text):
        person = None
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


#: `A رئیس جمهور، B نخست وزیر و C ...`: a title after each name in a list.
_LIST_GAP = re.compile(r"\s+([^،.:\n«»]{2,40}?)\s*(?:،|\s+و)\s+")
#: At most this many words in the title between two names of a list.
LIST_TITLE_WORDS = 5


def _titled_list(text: str, names: Names, first: Mention, end: int) -> list[Mention]:
    """The people listed with their titles before a plural verb (`پراتیبها پاتیل
    رئیس جمهور، منموهان سینگ نخست وزیر و مورلی دئورا وزیر نفت هند اعلام
    کردند`): one speaker per name, each gap a title and a comma or `و`."""
    out, last = [first], first
    for m in names.within(first.end, end):
        if m.label != "PER":
            continue
        gap = _LIST_GAP.fullmatch(text, last.end, m.start)
        words = gap.group(1).split() if gap else []
        title = words and (words[0] in TITLE_NOUNS or "\u200c".join(words[:2]) in TITLE_NOUNS)
        if not title or len(words) > LIST_TITLE_WORDS:
            break
        out.append(m)
        last = m
    return out


def _office_before_object(text: str, start: int, phrase_end: int, first: Mention) -> bool:
    """Does an office open the clause, with the first person named only after a
    preposition that follows it (`نماینده عالی دولت در خراسان جنوبی به اقدامات
    ... دوران نمایندگی عبادی اشاره کرد`)? Then the office speaks, not the person."""
    between = text[phrase_end : first.start]
    return (
        first.label == "PER"
        and first.start > phrase_end
        and word_after(text, start) in TITLE_NOUNS
        and "،" not in between
        and any(w in _OBJECT_PREPOSITIONS for w in between.split())
    )


def _phrase_before_adjunct(text: str, phrase: tuple[int, int], first: Mention) -> bool:
    """Does a noun phrase open the clause with the first name only inside an
    adjunct after it (`فیلیپ دوست بلازی امروز در پاریس به شبکه رادیویی "رادیو جی"
    گفت`، `این فعال سیاسی در مورد ... پیشنهاد رئیس جمهور ایران گفت`)? Then the
    phrase speaks: the name is whom it speaks to or about."""
    between = text[phrase[1] : first.start]
    return (
        first.start > phrase[1]
        and "،" not in between
        and any(w in _ADJUNCT_WORDS for w in between.split())
        and "که" not in between.split()  # `... می‌گذشت که علی رستمی ...`: a clause of its own
        and not clause_like(between)
        and word_before(text, first.start) != "و"  # `... و معاون رئیس کمیته`: the same person
        and word_after(text, phrase[0]) != "یک"  # `یک نمونه از حمایت آمریکا ...`: no one
        and not clause_like(text[phrase[0] : phrase[1]])
    )


#: Prepositions that open an object or adjunct after the subject.
_OBJECT_PREPOSITIONS = frozenset("به از با بر برای درباره علیه".split())
#: ... and the nouns of compound ones (`در مورد`، `در خصوص`، `نسبت به`).
_ADJUNCT_WORDS = _OBJECT_PREPOSITIONS | frozenset("مورد خصوص باره".split())


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
    pos, last, first = start, None, start
    for m in re.finditer(r"[\w\u200c]+", text[start:end]):
        word = m.group()
        if word in _STOP_WORDS or word in PRONOUNS:
            break
        if last is None:  # `«اتحادیه» از ...`: the phrase starts at its first word
            first = start + m.start()
        if "،" in text[pos : start + m.start()]:
            break
        last = start + m.end()
        pos = last
        if len(text[start:last].split()) >= 10:
            break
    if last is None:
        return None
    return first, last
