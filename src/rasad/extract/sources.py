"""Source phrases: where the article says its news comes from.

`به گزارش خبرگزاری فارس،`، `به نقل از X،`، `X گزارش داد که` and `بنا بر این
گزارش،` name an outlet, never a speaker: no party stands in them, and a
quotation whose line opens with one records the outlet as its source.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rasad.extract.cues import CUE, verb_forms
from rasad.extract.parties import WB, WE
from rasad.model import Quote

#: Words that open an outlet's name (`خبرگزاری فارس`).
OUTLETS = frozenset(
    "خبرگزاری روزنامه شبکه پایگاه رادیو تلویزیون سایت نشریه هفته‌نامه ماهنامه".split()
)
#: `به گزارش X،`، `به نقل از X،`: where the article comes from.
SOURCE_LEAD = re.compile(
    WB + r"(?:به\s+گزارش|به\s+نقل\s+از|بنا\s+بر\s+گزارش|بر\s*(?:اساس|پایه)\s+گزارش)"
    r"\s+([^،,:\n]{2,200})[،,]"
)
#: `بنا بر این گزارش،` (`بنابراین این گزارش،` misspelt): the article's own source goes on.
THIS_REPORT = re.compile(
    WB + r"(?:(?:بنا\s*بر(?:\s*این(?=\s*(?:این|همین)))?|بر\s*(?:اساس|پایه)|طبق)"
    r"\s*(?:این|همین)\s*(?:گزارش|خبر)|"
    r"(?:این|همین)\s+(?:گزارش|خبر)\s+حاکی\s+است)(?:\s*[،,]|\s+(?=(?:وی|او|ایشان)\s))"
)  # `این گزارش حاکی است،` as well
#: `X گزارش داد که`، `X گزارش کرده است که`
SOURCE_VERB = re.compile(
    WB + r"گزارش\s?(?:" + verb_forms("داد", "دهد") + "|" + verb_forms("کرد", "کند") + r")" + WE
)
#: `این گزارش می‌افزاید`: the agency's own report goes on; no one is quoted.
_REPORT_SUBJECT = re.compile(r"(?:این|همین)\s+گزارش(?:\s+(?:همچنین|در\s+ادامه))?")


def report_goes_on(text: str, cue: int) -> bool:
    """Is the clause before the cue only `این گزارش` (the agency's report)?"""
    floor = max(text.rfind("\n", 0, cue), text.rfind(".", 0, cue)) + 1
    return bool(_REPORT_SUBJECT.fullmatch(text[floor:cue].strip(" ،,\u200c")))


def _lead(m: re.Match[str]) -> tuple[int, int, str]:
    """A source lead; without its comma (`به گزارش فارس جرج بوش ... ،`) only the
    outlet's name is the lead, not the clause that follows it."""
    outlet = m.group(1).strip()
    words = outlet.split()
    if len(words) <= 8 or "به نقل از" in outlet or _press_office(outlet):
        return m.start(), m.end(), outlet
    n = 2 if words[0] in OUTLETS else 1
    name = " ".join(words[:n])
    return m.start(), m.start(1) + m.group(1).index(name) + len(name), name


#: `روابط عمومی اداره کل فرهنگ و ارشاد اسلامی استان ...`: a press office, named at length.
_PRESS_OFFICE = re.compile(r"روابط\s*[\u200c ]?عمومی\s")


def _press_office(outlet: str) -> bool:
    """Is the lead a body's press office with no clause in it (`به گزارش روابط
    عمومی اداره کل ... استان آذربایجان شرقی،`)? Then all of it is the source."""
    return bool(_PRESS_OFFICE.match(outlet)) and not CUE.search(outlet)


def source_spans(text: str) -> list[tuple[int, int]]:
    """Where the text names its sources (`به گزارش X،`): no party stands there."""
    return [(s, e) for s, e, _ in source_phrases(text)]


def source_phrases(text: str) -> list[tuple[int, int, str]]:
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


def with_source(q: Quote, text: str, sources: list[tuple[int, int, str]]) -> Quote:
    line_start = text.rfind("\n", 0, q.cue_start) + 1
    for start, _end, outlet in sources:
        if line_start <= start <= q.cue_start:
            return replace(q, source=outlet)
    return q
