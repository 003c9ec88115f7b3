"""Reporting cues: the verbs and phrases that introduce speech in Persian news.

Every reporting verb (`گفت`، `اظهار داشت`، `افزوده است`...) in every tense a
report uses, beliefs reported like speech (`معتقد است`، `بر این باورند`),
demands (`خواستار ... شد`) and requests (`از X خواست`), and the phrases that
report a document (`در بیانیه X آمده است:`) or a speaker before the content
(`به گفته X،`). The clause boundaries every pass over a quotation shares (the
last sentence stop, the end of a sentence, a span trimmed of its marks) live
here too, so the quotation and speaker modules agree on them.
"""

from __future__ import annotations

import re

from rasad.extract.parties import WB, WE, word_before

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
    ("یاد آور", "شد"),
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
    ("", "ندانست"),
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
    ("پیشنهاد", "کرد"),
    ("در خواست", "کرد"),
    ("متهم", "کرد"),
    ("تفسیر", "کرد"),
    ("فریاد", "زد"),
    ("نام", "برد"),
    ("ذکر", "کرد"),
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
    ("ندانست", "را"),
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
    ("یادآور", "را"),
    ("خاطرنشان", "را"),
    ("خاطر نشان", "را"),
    ("ذکر", "را"),
)
_PRESENT = {
    "گفت": "گوید",
    "افزود": "افزاید",
    "نوشت": "نویسد",
    "دانست": "داند",
    "ندانست": "نداند",
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


#: `روزنامه X در سرمقاله خود ... آورده است:`: a writer's text, given after a colon only
#: (`به دست آورده است` reports nothing).
WRITTEN = r"آورد(?:ه(?:[ \u200c]?(?:است|اند|بود(?:ند)?))?|ند)?(?=\s*:)"
#: Evaluating verbs whose bare participle joins a second verb (`... را مثبت دانسته و
#: اعلام کرد که ...`): the first report ends at `و`.
_JOINED = "دانست ندانست برشمرد شمرد نامید".split()
#: Where a cue starts: after a word boundary, after a comma and a stray ZWNJ
#: (`وی،‌گفت:`), or after `و` written onto `گفت`/`افزود` (`اشاره کرد وگفت:`).
_CUE_START = r"(?:(?<![\w\u200c])|(?<=[،,.:]\u200c)|(?<=\sو)(?=گفت|افزود))"


def _cue_regex() -> re.Pattern[str]:
    alts = []
    for noun, verb in CUES:
        forms = verb_forms(verb, _PRESENT[verb])
        head = noun.replace(" ", _SEP) + r"(?:\s|\u200c)?" if noun else ""
        alts.append(head + forms)
        if not noun and verb in _JOINED:  # `را مثبت دانسته و`
            alts.append(head + verb + r"ه(?=\s+و" + WE + ")")
    alts += BELIEF_CUES
    alts.append(WRITTEN)
    alts.sort(key=len, reverse=True)
    # `اظهار داشت‌:`: a stray ZWNJ before the colon still ends the verb.
    return re.compile(
        _CUE_START + "(?:" + "|".join(alts) + ")" + r"(?:(?![\w\u200c])|(?=\u200c\s*:))"
    )


CUE = _cue_regex()
#: `X تشکیل دولت فراگیر را خواستار شد`: the content before `را` (up to six words).
DEMAND_OBJECT = re.compile(
    r"((?:[^\s.،؛:!؟?\n«»]+\s+){1,6}?)را\s+خواستار\s+"
    r"(?:شد(?:ند)?|شده[ \u200c]?(?:است|اند)|می[ \u200c]?شو(?:د|ند))" + WE
)
#: `X خواستار تشکیل دولت فراگیر شد`: a demand reported with its content inside.
DEMAND = re.compile(
    WB + r"(?:خواستار|خواهان)((?:\s+[^\s.،؛:!؟?\n«»]+){1,24}?)\s+"
    r"(?:شد(?:ند)?|شده[ \u200c]?(?:است|اند)|می[ \u200c]?شو(?:د|ند)|است|هستند|بود(?:ند)?)" + WE
)
#: `در بیانیه X آمده است: ...`، `در ادامه این اطلاعیه آمده است`: a document
#: speaks for whoever issued it.
DOCUMENT = re.compile(
    WB + r"در\s+(?:بخش(?:ی|های)?\s+(?:دیگری\s+)?از\s+|ادامه\s+|پایان\s+|ابتدای\s+)?(?:این\s+)?"
    r"(?:بیانیه|نامه|پیام|اطلاعیه|گزارش|متن|قطعنامه)(?:\s+|\u200c)([^:.\n«»]{0,100}?)\s*"
    r"(?P<verb>آمده|تاکید\s?شده|تأکید\s?شده|ذکر\s?شده)(?:\s*است)?\s*:"
)
#: `به نقل از دادسرای امور جنایی تهران آمده است:`: the body's own text, quoted.
RELAYED_DOCUMENT = re.compile(
    WB + r"به\s+نقل\s+از\s+([^،:.\n«»]{2,80}?)\s*(?P<verb>آمده)(?:\s*است)?\s*:"
)
ACCORDING_TO = re.compile(
    WB + r"(?:به\s+(?:گفته|نوشته)(?:\u200c?ی)?|به\s+(?:اعتقاد|قول)|به[\u200c\s]+تعبیر|"
    r"(?:بر\s*اساس|بنا\s*بر|طبق)\s+اعلام)\s+"
)
PLURAL_VERB = re.compile(r"(?:ند|اند|بودند|یند|هستند)$")
MAX_CLAUSE = 400
_ASKED = r"خواست(?:ند)?|خواسته[ \u200c]?(?:است|اند|بود(?:ند)?)"
#: `از X می‌خواهد تا ...`: the present asks only before `تا` or `که`.
_ASKS = r"می[ \u200c]?خواه(?:د|ند)"
#: `از X خواست`: a request, whose content may follow `تا` as well as `که`.
ASKED = re.compile(_ASKED + "|" + _ASKS)
#: `ریاض از سران عربی خواسته است نشست را ...`: a request, reported like speech.
REQUEST = re.compile(
    WB + r"از\s+(?:[^\s.،؛:!؟?\n«»]+\s+){1,6}?(?<!در\s)"
    r"(" + _ASKED + "|" + _ASKS + r"(?=\s+(?:تا|که)" + WE + "))" + WE
)  # not `در خواست کردند`, which is `درخواست کردند` written apart


#: Cues in the first person (`اعلام می‌کنم که`، `می‌گوییم`، `گفته‌ایم`): the
#: speaker is whoever speaks in the quotation or message they stand in.
FIRST_PERSON_CUES: tuple[tuple[str, str], ...] = (
    ("", "گفت"),
    ("اعلام", "کرد"),
    ("اعلام", "نمود"),
    ("تاکید", "کرد"),
    ("تأکید", "کرد"),
    ("تصریح", "کرد"),
    ("عرض", "کرد"),
    ("سفارش", "کرد"),
    ("توصیه", "کرد"),
    ("اخطار", "کرد"),
    ("هشدار", "داد"),
    ("اصرار", "کرد"),
)


def first_person_forms(past: str, present: str) -> str:
    """A regex for a verb in the first person: گفتم، گفتیم، گفته‌ام، گفته‌ایم،
    می‌گویم، می‌گوییم."""
    stem = present[:-1]
    return (
        rf"(?:{past}ه{_SEP}ا?(?:م|یم)|{past}(?:م|یم)|"
        rf"می{_SEP}{stem}(?:م|یم))"
    )


def _first_person_regex() -> re.Pattern[str]:
    alts = []
    for noun, verb in FIRST_PERSON_CUES:
        head = noun.replace(" ", _SEP) + r"(?:\s|\u200c)?" if noun else ""
        alts.append(head + first_person_forms(verb, _PRESENT[verb]))
    return re.compile(WB + "(?:" + "|".join(sorted(alts, key=len, reverse=True)) + ")" + WE)


FIRST_PERSON = _first_person_regex()
#: `ما`، `نحن`: a first-person plural ending.
FIRST_PLURAL = re.compile(r"یم$")


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
    ("مدعی", "شد"),
    ("ادعا", "کرد"),
    ("اظهار امیدواری", "کرد"),
    ("ابراز امیدواری", "کرد"),
    ("پیشنهاد", "داد"),
    ("در خواست", "کرد"),
    ("پیش‌بینی", "کرد"),
)
_SPEECH = cue_forms(SPEECH_VERBS)
#: Cues that report a clause without `که` (`او گفت دولت ...`).
BARE_CUE = re.compile(
    _SPEECH
    + r"|معتقد\s(?:است|هستند|بود(?:ند)?)|بر\s?این\s?باور\s?(?:است|اند|هستند|بود(?:ند)?)|"
    + _ASKED
)
#: Cues that report the clause after a comma (`تصریح کرد، این حمله ...`).
COMMA_CUE = re.compile(_SPEECH)
#: `تبریک گفت`، `سخن گفت`: the verb is not reporting anything.
NOT_SPEECH = frozenset("تبریک تسلیت سخن دروغ خوشامد خیرمقدم ترک پاسخ‌ها".split())
_SPACED_GOFTOGU = re.compile(r"\s*و\s*گو")


def goftogu(text: str, m: re.Match[str]) -> bool:
    """Is this `گفت` the first half of `گفت و گو` (an interview, not a cue)?"""
    return m.group() == "گفت" and bool(_SPACED_GOFTOGU.match(text, m.end()))


#: `وی با بیان اینکه ...، افزود: ...`: a reported clause inside the speaker's sentence.
PREAMBLE = re.compile(
    WB + r"(?:با|ضمن)\s+(?:بیان|اشاره\s+به|تاکید\s?بر|تأکید\s?بر|یادآوری|اعلام|طرح|"
    r"ابراز(?:\s+(?:امیدواری|نگرانی|خرسندی|تاسف|تأسف)(?:\s+(?:از|بر))?)?)\s*"
    r"(?:این\u200c?که|این\s+که|این\s*(?:مساله|مسئله|موضوع|نکته|مطلب|سوال|سئوال|سؤال|پرسش)\s+که)"
    r"\s*،?\s+"
)
#: At most this many words between a preamble's last comma and the main cue
#: (`، در ادامه افزود`); more, and the comma is inside the preamble.
PREAMBLE_TAIL = 3


def cue_head(cue: str, head: str) -> bool:
    """Does the cue start with this noun or verb, in the past or the present
    (`... را عامل اصلی می‌داند` as well as `دانست`)?"""
    if cue.startswith(head):
        return True
    present = _PRESENT.get(head)
    return present is not None and bool(re.match(rf"می{_SEP}(?:{present}|{present[:-1]}ند)", cue))


def skip_blanks(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \u200c":
        i += 1
    return i


def sentence_end(text: str, start: int, ceiling: int) -> int:
    """The end of the sentence from `start`, not counting stops inside «»."""
    depth = 0
    for j in range(start, ceiling):
        c = text[j]
        if c == "«":
            depth += 1
        elif c == "»":
            depth = max(0, depth - 1)
        elif c in ".؟?!" and depth == 0 and not (c == "." and _not_stop(text, j)):
            return j
    return ceiling


def _decimal(text: str, j: int) -> bool:
    return 0 < j < len(text) - 1 and text[j - 1].isdigit() and text[j + 1].isdigit()


def _initial(text: str, j: int) -> bool:
    """Is the dot at `j` between single letters (`ج.ا.ا`، `آ.ا`): an abbreviation?"""
    single = j > 0 and text[j - 1].isalpha() and (j < 2 or not text[j - 2].isalpha())
    return single and j + 1 < len(text) and text[j + 1].isalpha()


def _not_stop(text: str, j: int) -> bool:
    """A dot that ends no sentence: a decimal point or an abbreviation's."""
    return _decimal(text, j) or _initial(text, j)


def trim_span(text: str, start: int, end: int, kind: str) -> tuple[int, int, str] | None:
    while start < end and text[start] in " \u200c\t«":
        start += 1
    while end > start and text[end - 1] in " \u200c\t.،,؛»":
        end -= 1
    if end - start < 3:
        return None
    return start, end, kind


#: `نامه‌ای از دولت عربستان ... که در آن اعلام شده ...`: a passive report of
#: what a document named just before it says.
STATED_IN = re.compile(
    WB + r"که\s+در\s+آن\s+(?:اعلام|عنوان|بیان|ذکر|تاکید|تأکید)\s?شده(?:\s*(?:است|بود))?"
    r"(?:\s*که)?" + WE + r"\s*[:،]?"
)


def last_stop(text: str, before: int) -> int:
    """The last sentence stop before `before`, outside guillemets."""
    depth = 0
    for j in range(before - 1, max(-1, before - MAX_CLAUSE - 1), -1):
        c = text[j]
        if c == "»":
            depth += 1
        elif c == "«":
            depth = max(0, depth - 1)
        elif c in ".؟?!:\n" and depth == 0 and not (c == "." and _not_stop(text, j)):
            if c in "؟?" and text[j + 1 : j + 3].strip().startswith("،"):
                continue  # `در پاسخ به این پرسش که ...؟، گفت`: the question is inside
            return j
    return -1


#: `باید گفت که`، `می‌توان X را Y دانست`: a modal before a bare past stem is impersonal.
_MODAL = re.compile(WB + r"(?:ن?می[ \u200c]?(?:توان|بایست(?:ی)?)|ن?بایست(?:ی)?|ن?باید)" + WE)
_PAST_STEMS = frozenset(
    "گفت افزود نوشت دانست برشمرد خواند شمرد نامید فرمود گرفت زد برد کرد نمود داشت داد شد "
    "ساخت بود".split()
)
#: `با بیان اینکه باید ... کرد، گفت`: the modal stands in a clause of its own.
_OWN_CLAUSE = re.compile(WB + r"(?:این[ \u200c]?که|آیا)" + WE)


def impersonal(text: str, start: int, cue: str, nested: bool) -> bool:
    """Is the cue the short infinitive after a modal (`باید اذعان کرد که`،
    `می‌توان ارتش را سیاسی‌ترین ارتش قلمداد کرد`)? Then nobody is reported:
    the writer speaks. Right after the modal always; further on only in the
    same comma-free stretch (anywhere in the clause inside a quotation), and
    not when the modal stands in a preamble (`با بیان اینکه باید ...، گفت`)."""
    if cue.startswith("می") or cue.split()[-1] not in _PAST_STEMS:
        return False
    floor = max(last_stop(text, start), text.rfind("\n", 0, start)) + 1
    modals = list(_MODAL.finditer(text, floor, start))
    if not modals:
        return False
    between = text[modals[-1].end() : start]
    if not between.strip(" \u200c") or word_before(text, modals[-1].start(), floor) == "را":
        return True  # `باید گفت که`، `مهمترین آنها را می‌توان X، Y ... دانست`
    if PREAMBLE.search(text, floor, start) or _OWN_CLAUSE.search(text, floor, modals[-1].start()):
        return False
    return nested or "،" not in between
