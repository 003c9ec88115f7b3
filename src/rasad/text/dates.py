"""Dates in Persian news as spans, each with its Gregorian ISO value.

Handled: Jalali (`۲۱ مهر ۱۴۰۰`, `بیست و یکم مهرماه`, `مهر ۱۴۰۰`), Afghan
solar months (`۲۲ اسد ۱۴۰۰`, Dari and Pashto names), Gregorian with Persian
or Dari month names (`۱۴ اکتبر ۲۰۲۱`), Hijri qamari (`۱۰ محرم ۱۴۴۳`, by the
tabular calendar, so a day or two off the observed one), numeric dates
(`۱۴۰۰/۷/۲۱`, `2021-10-14`, and `14/10/2021` only when day and month cannot
be swapped), weekdays (`روز چهارشنبه`, `شنبه هفته آینده`) and relative days
(`دیروز`). Month names that are also ordinary words (`مهر` the news agency,
`میزان` amount, `مه` fog, `می` the verb prefix) count only next to a day
number or a year. A day and month without a year, weekdays and relative days
need the publication date; without one they are left out.

Not handled: ranges (`۲۰ تا ۲۲ مهر` yields `۲۲ مهر`), a year alone
(`سال ۱۴۰۰`), times of day, spelled-out years, and the tense of the verb
(a bare weekday is taken as the most recent one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import jdatetime

from rasad.model import DateMention

# A day and month without a year take the latest year that does not put the
# date more than this far after publication.
FUTURE_SLACK = timedelta(days=7)

_DIGITS = "0-9\u06f0-\u06f9\u0660-\u0669"  # Latin, Persian, Arabic-Indic
_D = f"[{_DIGITS}]"
_S = "[ \u00a0]+"  # between words
_J = "[ \u00a0\u200c]?"  # inside a compound word
_END = "(?![\\w\u200c])"
_FOLD = str.maketrans({" ": None, "\u00a0": None, "\u200c": None, "ي": "ی", "ى": "ی", "ك": "ک"})

_JALALI = "فروردین اردیبهشت خرداد تیر مرداد|امرداد شهریور مهر آبان آذر دی بهمن اسفند"
_AFGHAN = (
    "حمل|وری ثور|غویی جوزا|غبرگولی سرطان|چنگاښ اسد|زمری سنبله|وږی میزان|تله عقرب|لړم"
    " قوس|لیندۍ جدی|مرغومی دلو|سلواغه حوت|کب"
)
_GREGORIAN = (
    "ژانویه|جنوری فوریه|فبروری مارس|مارچ آوریل|آپریل|اپریل مه|می|مئی ژوئن|ژوین|جون"
    " ژوئیه|ژوییه|جولای|جولائی اوت|آگوست|اگوست|آگست|اگست سپتامبر|سپتمبر اکتبر|اکتوبر"
    " نوامبر|نومبر دسامبر|دسمبر"
)
# `_` marks an optional space or ZWNJ inside the name.
_HIJRI = (
    "محرم صفر ربیع_الاول|ربیع_الأول ربیع_الثانی|ربیع_الآخر|ربیع_الاخر"
    " جمادی_الاول|جمادی_الاولی|جمادی_الأولی جمادی_الثانی|جمادی_الثانیه|جمادی_الآخر|جمادی_الاخری"
    " رجب شعبان رمضان شوال ذی_القعده|ذوالقعده|ذی_قعده ذی_الحجه|ذوالحجه|ذی_حجه"
)
_WEAK_MONTHS = ("مه", "می", "مئی")  # May: fog and the verb prefix, so only with a year


def _loose(word: str) -> str:
    """A regex for a word, tolerant of Arabic yeh and kaf and of optional joints."""
    subs = {"_": _J, "ی": "[یيى]", "ک": "[کك]"}
    return "".join(subs.get(ch, re.escape(ch)) for ch in word)


_MONTH_NAMES = {"jalali": _JALALI, "afghan": _AFGHAN, "gregorian": _GREGORIAN, "hijri": _HIJRI}
_MONTHS = {  # month name without joints -> (calendar, month number)
    name.replace("_", ""): (calendar, number)
    for calendar, spec in _MONTH_NAMES.items()
    for number, names in enumerate(spec.split(), 1)
    for name in names.split("|")
}


def _alt(spec: str, skip: tuple[str, ...] = ()) -> str:
    names = sorted({n for n in spec.replace("|", " ").split() if n not in skip}, key=len)
    return "|".join(_loose(n) for n in reversed(names))


_ORDINALS = {
    **{w: n for n, w in enumerate("یکم دوم سوم چهارم پنجم ششم هفتم هشتم نهم".split(), 1)},
    "اول": 1,
    **{w: n for n, w in enumerate("دهم یازدهم دوازدهم سیزدهم چهاردهم".split(), 10)},
    **{w: n for n, w in enumerate("پانزدهم شانزدهم هفدهم هجدهم نوزدهم بیستم".split(), 15)},
    "هیفدهم": 17,
    "هیجدهم": 18,
    "سی_ام": 30,
}
_ORDINAL_VALUE = {word.replace("_", ""): n for word, n in _ORDINALS.items()}
_UNITS = "یکم|اول|دوم|سوم|چهارم|پنجم|ششم|هفتم|هشتم|نهم"
_ORDINAL = f"(?:بیست|{_loose('سی')})[ \u00a0\u200c]*و[ \u00a0\u200c]*(?:{_alt(_UNITS)})|{_alt(' '.join(_ORDINALS))}"
_SOLAR = _alt(_JALALI + " " + _AFGHAN)
_GREG_ALL = _alt(_GREGORIAN)
_GREG_STRONG = _alt(_GREGORIAN, _WEAK_MONTHS)
_GREG_WEAK = _alt(" ".join(_WEAK_MONTHS))
_HIJRI_ALT = _alt(_HIJRI)
_WEEKDAY = f"(?:(?:[یي][کك]|دو|سه|چهار|پنج){_J})?شنبه|جمعه"
_WEEKDAY_NUMBER = {"شنبه": 5, "یکشنبه": 6, "دوشنبه": 0, "سهشنبه": 1, "چهارشنبه": 2}
_WEEKDAY_NUMBER |= {"پنجشنبه": 3, "جمعه": 4}

_DAY = f"{_D}{{1,2}}(?!{_D})(?:{_J}ام)?"
# A year is not a quantity: `میزان ۱۴۰۰ میلیارد` is an amount, not a date.
_NOT_QUANTITY = (
    f"(?!{_D}|[ \u00a0]*(?:میلیون|میلیارد|هزار|نفر|تن|دلار|تومان|ریال|افغانی|درصد|یورو))"
)
_SOLAR_YEAR = f"[1۱١][34۳۴٣٤]{_D}{{2}}{_NOT_QUANTITY}"
_GREG_YEAR = f"(?:[1۱١][9۹٩]|[2۲٢][0۰٠]){_D}{{2}}{_NOT_QUANTITY}"
_SOLAR_TAIL = f"(?:{_S}(?:هجری{_S})?(?:شمسی|خورشیدی))?"
_HIJRI_TAIL = f"(?:{_S}(?:هجری{_S})?قمری|{_S}ه\\.{_J}ق\\.?)?"
_MAH = f"(?:{_J}ماه)?"
_YEAR_WORD = f"(?:سال{_S})?"
_RULES = {
    "solar_dmy": f"(?P<solar_dmy_d>{_DAY}){_S}(?P<solar_dmy_m>{_SOLAR}){_MAH}{_END}"
    f"(?:{_S}{_YEAR_WORD}(?P<solar_dmy_y>{_SOLAR_YEAR}){_SOLAR_TAIL})?",
    "greg_dmy": f"(?P<greg_dmy_d>{_DAY}){_S}"
    f"(?P<greg_dmy_m>{_GREG_STRONG}|(?:{_GREG_WEAK})(?={_S}{_GREG_YEAR})){_END}"
    f"(?:{_S}(?P<greg_dmy_y>{_GREG_YEAR})(?:{_S}میلادی)?)?",
    "hijri_dmy": f"(?P<hijri_dmy_d>{_DAY}){_S}(?P<hijri_dmy_m>{_HIJRI_ALT}){_END}"
    f"(?:{_S}(?P<hijri_dmy_y>{_SOLAR_YEAR}){_HIJRI_TAIL})?",
    "numeric_ymd": f"(?<![/\\-.])(?P<numeric_ymd_y>{_D}{{4}})(?P<sep1>[/\\-])"
    f"(?P<numeric_ymd_m>{_D}{{1,2}})(?P=sep1)(?P<numeric_ymd_d>{_D}{{1,2}})(?!{_D}|[/\\-]{_D})",
    "numeric_dmy": f"(?<![/\\-.])(?P<numeric_dmy_d>{_D}{{1,2}})(?P<sep2>[/\\-.])"
    f"(?P<numeric_dmy_m>{_D}{{1,2}})(?P=sep2)(?P<numeric_dmy_y>{_D}{{4}})(?!{_D}|[/\\-]{_D})",
    "solar_ordinal": f"(?P<solar_ordinal_d>{_ORDINAL}){_S}(?P<solar_ordinal_m>{_SOLAR}){_MAH}"
    f"{_END}(?:{_S}{_YEAR_WORD}(?P<solar_ordinal_y>{_SOLAR_YEAR}){_SOLAR_TAIL})?",
    "solar_my": f"(?<!خبرگزاری[ \u200c])(?P<solar_my_m>{_SOLAR}){_MAH}{_S}{_YEAR_WORD}"
    f"(?P<solar_my_y>{_SOLAR_YEAR}){_SOLAR_TAIL}",
    "greg_my": f"(?P<greg_my_m>{_GREG_ALL}){_S}(?P<greg_my_y>{_GREG_YEAR})(?:{_S}میلادی)?",
    "hijri_my": f"(?P<hijri_my_m>{_HIJRI_ALT}){_S}(?P<hijri_my_y>{_SOLAR_YEAR}){_HIJRI_TAIL}",
    "weekday": f"(?:روز{_S})?(?P<weekday_name>{_WEEKDAY}){_END}(?:{_S}(?P<weekday_q>"
    f"هفته(?:\u200cی)?{_S}(?:گذشته|پیش|قبل|آینده|بعد|دیگر)|پیش{_S}رو|گذشته|اخیر|پیش|"
    f"قبل(?!{_S}?از)|آینده|بعد(?!{_S}?از)|دیگر){_END})?",
    "relative": f"(?P<relative_word>{_alt('امروز دیروز پریروز پس_فردا فردا امشب دیشب')}){_END}",
}


_DATE = re.compile(
    "(?<![\\w\u200c])(?:" + "|".join(f"(?P<{k}>{rx})" for k, rx in _RULES.items()) + ")"
)
# Every date holds an anchor: a digit, a weekday, a relative day or an ordinal
# before a month. `_DATE` runs only in the windows around anchors, since trying
# its many alternatives at every word costs too much. The anchor regexes open
# with a rare character (class) that the engine scans for in C.
_ANCHOR = re.compile(
    f"[{_DIGITS}شجزف](?:(?<=[{_DIGITS}])[{_DIGITS}]*|(?<=ش)نبه|(?<=ج)معه|(?<=روز)|(?<=ف)ردا"
    "|(?<=[میي]ش)ب)"
)
_ORDINAL_ANCHOR = re.compile(f" (?<=[مل] )(?:{_SOLAR})")
# The widest reach of a date before and after an anchor, with room for lookarounds.
_BEFORE_ANCHOR, _AFTER_ANCHOR = 24, 28
_EARLIEST, _LATEST = date(1900, 1, 1), date(2100, 12, 31)
_GAP = re.compile("[\\s،,]*")
_QUALIFIER_DIRECTION = {"گذشته": "previous", "اخیر": "previous", "پیش": "previous"}
_QUALIFIER_DIRECTION |= {"قبل": "previous", "آینده": "future", "بعد": "future"}
_QUALIFIER_DIRECTION |= {"دیگر": "future", "پیشرو": "future"}
_FRIDAY_INSTITUTION = re.compile(f"(?:نماز|امام|امامان|ائمه|خطبه|خطبه\u200cهای|خطیب){_J}\\Z")

_PLACES = _alt("تاجیکستان پایتخت مرکز خجند کولاب بدخشان خاروغ سمرقند بخارا تاشکند بیشکک مسکو کابل")
_BEFORE_WEEKDAY = re.compile(
    f"(?:^|[^\\w\u200c])(?:روز|صبح|عصر|شب|بامداد|ظهر|امروز|دیروز|فردا|این|آن|هر"
    f"|(?:{_WEEKDAY}){_S}(?:و|تا))[ \u00a0]*\\Z"
)
_AFTER_WEEKDAY = re.compile(
    f"[ \u00a0،,]*(?:(?:و|تا){_S}(?:روز{_S})?(?:{_WEEKDAY})|هفته|گذشته|آینده|شب|صبح|عصر|ظهر"
    f"|بامداد|پیش|قبل|بعد|دیگر|اخیر){_END}"
)
_BEFORE_CITY = re.compile(
    f"(?:^|[^\\w\u200c])(?:در|به|از|شهر|پایتخت|فرودگاه|شهردار|دانشگاه|مقیم|ساکن|سفارت|هتل"
    f"|(?:{_PLACES})[ \u00a0]*[،,و])[ \u00a0]*\\Z"
)
_AFTER_CITY = re.compile(f"[ \u00a0]*(?:[،,و][ \u00a0]*)?(?:{_PLACES}){_END}")


def resolve_weekday(weekday: int, published: date, direction: str = "past") -> date:
    """The day with `weekday` (Monday = 0, as `date.weekday`) relative to `published`.

    `past`: the latest on or before `published` (how news speak of a bare
    weekday); `previous`: strictly before; `future`: strictly after;
    `last_week` / `next_week`: in the week (Saturday to Friday) before or after.
    """
    back = (published.weekday() - weekday) % 7
    if direction == "past":
        return published - timedelta(days=back)
    if direction == "previous":
        return published - timedelta(days=back or 7)
    if direction == "future":
        return published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
    if direction in ("last_week", "next_week"):
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        shift = -7 if direction == "last_week" else 7
        return saturday + timedelta(days=shift + (weekday - 5) % 7)
    raise ValueError(
        f"unknown direction {direction!r}: use past, previous, future, last_week or next_week"
    )


def is_weekday_mention(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` (say `دوشنبه`) is the weekday rather than the city.

    What follows decides first (`در دوشنبه گذشته` against `در دوشنبه، پایتخت
    تاجیکستان`), then what precedes (`روز دوشنبه` against `سفر به دوشنبه`).
    With no clue either way it is the weekday, the far more common reading.
    """
    after = text[end : end + 60]
    gap = _GAP.match(text, end)
    next_date = _DATE.match(text, gap.end()) if gap else None
    if next_date and next_date.lastgroup not in ("weekday", "relative"):
        return True
    if _AFTER_WEEKDAY.match(after):
        return True
    if _AFTER_CITY.match(after):
        return False
    before = text[max(0, start - 40) : start]
    if _BEFORE_WEEKDAY.search(before):
        return True
    return not _BEFORE_CITY.search(before)


_HIJRI_EPOCH = 1948440  # Julian day number of 1 Muharram 1 AH (civil, tabular)
_JDN_OF_ORDINAL_0 = 1721425


def _to_gregorian(calendar: str, y: int, m: int, d: int) -> date | None:
    """The Gregorian date, or None where there is no such day.

    Hijri dates follow the tabular (arithmetical) calendar, so an observed
    month may start a day or two off.
    """
    try:
        if calendar == "gregorian":
            return date(y, m, d)
        if calendar == "hijri":
            if not (1 <= m <= 12 and 1 <= d <= 30):
                return None
            jdn = d + (59 * (m - 1) + 1) // 2 + (y - 1) * 354 + (3 + 11 * y) // 30
            return date.fromordinal(jdn + _HIJRI_EPOCH - 1 - _JDN_OF_ORDINAL_0)
        result: date = jdatetime.date(y, m, d).togregorian()
        return result
    except ValueError:
        return None


def _year_of(calendar: str, day: date) -> int:
    """The year of `day` in `calendar` (for Hijri, nearly: a candidate either side is tried)."""
    if calendar == "gregorian":
        return day.year
    if calendar == "hijri":
        return (30 * (day.toordinal() + _JDN_OF_ORDINAL_0 - _HIJRI_EPOCH) + 10646) // 10631
    return int(jdatetime.date.fromgregorian(date=day).year)


def _day_number(word: str) -> int:
    if word[0].isdigit():
        return int(word.rstrip("ام \u00a0\u200c"))
    key = word.translate(_FOLD)
    for tens, prefix in ((20, "بیستو"), (30, "سیو")):
        if key.startswith(prefix):
            return tens + _ORDINAL_VALUE.get(key[len(prefix) :], 99)
    return _ORDINAL_VALUE.get(key, 99)


def _date_value(m: re.Match[str], rule: str, published: date | None) -> tuple[str, str] | None:
    """The (ISO value, calendar) of a date match, or None when it is no valid date."""
    day = m.group(f"{rule}_d") if f"{rule}_d" in _DATE.groupindex else None
    year = int(m.group(f"{rule}_y")) if m.group(f"{rule}_y") else None
    if rule.startswith("numeric"):
        a, b = int(day or 0), int(m.group(f"{rule}_m"))
        if rule == "numeric_dmy" and a != b:
            if a <= 12 and b <= 12:
                return None  # 05/06/2021: day and month could be swapped
            a, b = (a, b) if a > 12 else (b, a)
        if year is None or not (1300 <= year < 1500 or 1900 <= year < 2100):
            return None
        calendar = "jalali" if year < 1500 else "gregorian"
        found = _to_gregorian(calendar, year, b, a)
        return (found.isoformat(), calendar) if found else None
    calendar, month = _MONTHS[m.group(f"{rule}_m").translate(_FOLD)]
    if day is None:  # a month: the Gregorian month that holds its middle
        found = _to_gregorian(calendar, year or 0, month, 15)
        return (found.isoformat()[:7], calendar) if found else None
    number = _day_number(day)
    if year is not None:
        found = _to_gregorian(calendar, year, month, number)
    elif published is not None:
        base = _year_of(calendar, published)
        candidates = (_to_gregorian(calendar, y, month, number) for y in (base + 1, base, base - 1))
        found = next((c for c in candidates if c and c <= published + FUTURE_SLACK), None)
    else:
        return None
    return (found.isoformat(), calendar) if found else None


def _weekday_value(m: re.Match[str], text: str, published: date | None) -> str:
    name_start, name_end = m.span("weekday_name")
    key = m.group("weekday_name").translate(_FOLD)
    if key == "جمعه" and _FRIDAY_INSTITUTION.search(text, max(0, name_start - 12), name_start):
        return ""
    if published is None or (
        key == "دوشنبه" and not is_weekday_mention(text, name_start, name_end)
    ):
        return ""
    qualifier = (m.group("weekday_q") or "").translate(_FOLD)
    direction = _QUALIFIER_DIRECTION.get(qualifier, "past")
    if qualifier.startswith("هفته"):
        future = _QUALIFIER_DIRECTION.get(qualifier.split("هفته")[-1].lstrip("ی"), "") == "future"
        direction = "next_week" if future else "last_week"
    return resolve_weekday(_WEEKDAY_NUMBER[key], published, direction).isoformat()


_RELATIVE_DAYS = {"امروز": 0, "امشب": 0, "دیروز": -1, "دیشب": -1, "پریروز": -2}
_RELATIVE_DAYS |= {"فردا": 1, "پسفردا": 2}


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of `text` that may hold a date: the reach of each anchor, merged."""
    spans = []
    for anchor in _ANCHOR.finditer(text):
        start, end = anchor.span()
        if text[start].isdigit():
            if end - start < 3:  # a day or month: a date can only start here
                spans.append((start, end + _AFTER_ANCHOR))
                continue
            if end - start > 4 or int(text[start : start + 2]) not in (13, 14, 19, 20):
                continue  # `۳۵۰`, `۳۵۰۰`, `۱۲۰۰۰` are no day, month or year
        spans.append((max(start - _BEFORE_ANCHOR, 0), end + _AFTER_ANCHOR))
    spans += [
        (max(a.start() - _BEFORE_ANCHOR, 0), a.end() + _AFTER_ANCHOR)
        for a in _ORDINAL_ANCHOR.finditer(text)
    ]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _matches(text: str) -> Iterator[re.Match[str]]:
    """`_DATE` matches, looked for only near anchors."""
    for lo, hi in _windows(text):
        yield from _DATE.finditer(text, lo, hi)


def find_dates(text: str, published: date | None = None) -> list[DateMention]:
    """Every date mention in `text`, sorted and non-overlapping.

    `published` (a date, or a datetime whose date is taken) resolves weekdays,
    relative days and dates without a year; one outside 1900-2100 counts as
    unknown. A weekday right before a date (`سه‌شنبه ۲۱ مهر ۱۴۰۰`) joins that
    date's span.
    """
    if isinstance(published, datetime):
        published = published.date()
    if published is not None and not _EARLIEST <= published <= _LATEST:
        published = None
    out: list[DateMention] = []
    weekday: tuple[int, int, bool] | None = None  # start, end, emitted
    for m in _matches(text):
        rule = m.lastgroup or ""
        start, end = m.span()
        if rule == "weekday":
            value = _weekday_value(m, text, published)
            if value:
                out.append(DateMention(start, end, text[start:end], value, "weekday", rule))
            weekday = (start, end, bool(value)) if m.group("weekday_q") is None else None
            continue
        if rule == "relative":
            weekday = None
            if published is not None:
                shift = timedelta(days=_RELATIVE_DAYS[m.group("relative_word").translate(_FOLD)])
                value = (published + shift).isoformat()
                out.append(DateMention(start, end, text[start:end], value, "relative", rule))
            continue
        found = _date_value(m, rule, published)
        if found is None:
            weekday = None
            continue
        if weekday is not None and _GAP.fullmatch(text, weekday[1], start):
            start = weekday[0]
            if weekday[2]:
                out.pop()
        weekday = None
        out.append(DateMention(start, end, text[start:end], found[0], found[1], rule))
    return out
