"""Events: who did what to whom, where and when, with CAMEO codes and evidence.

A trigger table (`resources/events/triggers.tsv`, documented in
docs/events.md) maps Persian verbs and nouns to CAMEO codes. For each trigger
in a sentence the extractor finds:

- actors: the clause's subject names (`تاجیکستان ... پناه داده است`), the
  names a nominal trigger governs (`ملاقات رحمان و مکرون`), or the person a
  pronoun refers to (`او ... انتقاد کرد`);
- targets: names after a preposition or before `را` (`به سران جبهه مقاومت`،
  `با طالبان`، `از ... کابینه طالبان`);
- place: a place after `در` (`در کاخ الیزه پاریس`), date: a date in the
  sentence (weekdays resolved against the publication date), else the
  publication date;
- negation (`نداشته‌اند`، `هیچ ملاقاتی`) and modality: intended
  (`خواهد کرد`، `قرار است`), feared (`نگران است که`), possible (`ممکن است`),
  demanded (`خواستار ... شد`).

Quotations become statement events (CAMEO 010) with their speakers. An event
needs at least one named party; a trigger with none is not reported.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
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
from rasad.extract.quotes import CUE, opening_phrase, source_spans
from rasad.extract.triggers import Trigger, triggers, triggers_in, verb_pattern
from rasad.model import Article, Event, Mention, Party, Quote

_FUTURE = re.compile(
    WB + r"(?:ن?خواه(?:د|ند|م|یم)|قرار\s(?:است|بود)|قصد\s(?:دارد|دارند)|"
    r"تصمیم\s(?:دارد|دارند)|در\sنظر\s(?:دارد|دارند))" + WE
)
#: The future auxiliary before a verb (`خواهد کرد`), not `می‌خواهیم` (we ask).
_AUXILIARY = re.compile(r"خواه(?:د|ند|یم|م)[\s\u200c]+\w")
_FEAR = re.compile(
    r"نگران(?:\s(?:است|هستند|بود))?\s(?:است\s)?که|بیم\s(?:آن\s)?(?:می‌رود|دارد)|می‌ترسد|نگرانی\s.{0,40}?که"
)
_POSSIBLE = re.compile(
    WB + r"(?:ممکن\s(?:است|بود)|احتمال\s(?:دارد|می‌رود)|احتمالاً|احتمالا|شاید)" + WE
)
_DEMAND = re.compile(WB + r"خواستار" + WE)
_NEG_LIGHT = re.compile(WB + r"ن(?:می‌)?(?:داشت|دار|کرد|کن|شد|شو|بود|داد|ده|خواه)")
_NO = re.compile(WB + r"(?:هیچ|عدم|لغو)" + WE)
#: `مذاکراتی انجام دادیم`، `همکاری مناسبی با هیات نکرده‌اند`: a verb after the noun
#: makes it a clause of its own, with the clause's subject.
_VERB_AFTER = re.compile(
    r"(?:ی|\u200cای|[\u200c\s]?ها(?:یی|ی)?)?(?:\s+[^\s.،؛:]+){0,3}?\s+"
    r"(?:انجام\s(?:داد|دادیم|دادند|داده|شد)|صورت\s(?:گرفت|گرفته)|به\sعمل\s(?:آمد|آورد)|"
    r"ن?(?:می[\u200c\s]?)?(?:کرد|کن|نمود|نما|دار|داشت)(?:ه|ند|یم|د)?)" + WE
)
#: `در گفت‌وگو با خبرنگار` is an interview, not a meeting.
_INTERVIEW = re.compile(
    r"\s*(?:،\s*)?(?:[^\s،]+\s+){0,2}با\s+(?:این\s+)?(?:خبرنگار|رسانه|ایرنا|ایسنا|ایلنا|مهر|فارس|تسنیم|شبکه|برنامه|روزنامه|نشریه|پایگاه|سایت|خبرگزاری|"
    r"الجزیره|العربیه|المنار|العالم|رادیو|تلویزیون|بی\s?بی\s?سی|سی\s?ان\s?ان|رویترز|آسوشیتدپرس)"
)
_RELATIVE = re.compile(WB + "که" + WE)
_QUESTION = re.compile(r"\s*(?:چرا|آیا|چگونه|چطور|چه)" + WE)
_CONDITIONAL = re.compile(WB + r"(?:اگر|چنانچه|در\sصورتی\s?که|درصورتی\s?که)" + WE)
_MEETING = re.compile(
    WB + r"(?:نشست|اجلاس|جلسه|دیدار|ملاقات|مذاکره|مذاکرات|گفت\u200c?وگو|گفتگو|رایزنی)"
)
#: A noun names an event that happened when the clause frames it:
#: `پس از دیدار`، `در ملاقات`، `طی نشست`، `هیچ ملاقاتی`.
_FRAME = re.compile(
    r"(?:پس\sاز|پیش\sاز|در|طی|در\sجریان|در\sحاشیه|در\sپایان|هیچ|بعد\sاز|ضمن|با|باعث|موجب)\s*$"
)
#: `نشست سران ...`، `اجلاس وزرای ...`: a meeting of many sides named as one.
_SUMMIT = re.compile(
    r"(?:ی|\u200cای)?\s+(?:[^\s]+\s+)?(?:سران|وزرای|وزیران|دبیران|رؤسای|روسای|رهبران|مقامات|نمایندگان)"
    + WE
)
#: `دیدار با وزیر خارجه`، `جلسه مدیران با وزیر`: the other side is the clause's subject.
_MEETING_WITH = re.compile(r"(?:ی|\u200cای)?(?:\s+[^\s،.]+){0,3}?\s+با\s")
#: A `دیدار` in a sports report is a match.
_SPORT = re.compile(
    WB + r"(?:تیم|بازی|جام|لیگ|مسابقه|مسابقات|فوتبال|والیبال|بسکتبال|گل|قهرمانی|حریف|دقیقه|"
    r"مغلوب|نیمه[\u200c ]?نهایی|یک[\u200c ]?چهارم|داور|بازیکن|سرمربی|شمشیربازی|تکواندو|"
    r"کاراته|جودو|بوکس|المپیک)" + r"(?:[\u200c ]?(?:ها|های))?" + WE
)


def find_events(article: Article, quotes: Sequence[Quote] = ()) -> tuple[Event, ...]:
    """The events of an article; `quotes` (from find_quotes) add statement events."""
    text = article.text
    if not text:
        return ()
    names = Names.of(article)
    sources = source_spans(text)
    if sources:
        names = names.without(sources)
    published = article.published_at.date().isoformat() if article.published_at else ""
    dates = [(d.start, d.value) for d in article.dates]
    speakers = [(q.cue_start, q.speaker) for q in quotes if q.speaker]
    quoted = [(q.start, q.end, q.speaker) for q in quotes if q.speaker]
    out: list[Event] = []
    hits = triggers_in(text)
    cue_ends = [m.end() for m in CUE.finditer(text)]
    for sentence in article.sentences:
        seen: dict[str, int] = {}
        found = [(t, m) for t, m in hits if sentence.start <= m.start() and m.end() <= sentence.end]
        if not found:
            continue
        verb_ends = [m.end() for t, m in found if t.form != "noun"]
        verb_ends += [e for e in cue_ends if sentence.start < e <= sentence.end]
        # `به گزارش خبرنگار فارس در یزد، جمعی از شهروندان ...`: the clause starts after the source.
        verb_ends += [
            _past_comma(text, e) for s, e in sources if sentence.start <= s < sentence.end
        ]
        previous: tuple[Party, ...] = ()
        here = _Sentence(text, names, sentence.start, sentence.end)
        for t, m in found:
            event = None
            verb = m.group() if t.form != "noun" else _verb_after(text, m.end(), sentence.end)
            if _FIRST_PERSON.search(verb):
                event = _spoken(t, m, here, quoted)
            event = event or _event(t, m, verb, here, verb_ends, speakers, previous)
            if event is None:
                continue
            if not _in_relative(text, sentence.start, m.start()):
                previous = event.actors
            if (
                event.modality == "intended"
                and event.code[:2] in _FORCE
                and _quoted_by(quoted, m.start()) is not None
            ):  # `با عناصر تندرو برخورد شدیدی خواهد کرد`, said: a threat
                event = replace(event, type="threaten", code="130", modality="asserted")
            family = event.code
            date = next((v for s, v in dates if sentence.start <= s < sentence.end), published)
            event = replace(event, date=date)
            if family in seen and not _apart(out[seen[family]], event):
                out[seen[family]] = _merge(out[seen[family]], event)  # one event per action
                continue
            seen[family] = len(out)
            out.append(event)
    starts = [s.start for s in article.sentences]
    for i, q in enumerate(quotes):
        if q.speaker is None:
            continue
        start, end = min(q.start, q.cue_start), max(q.end, q.cue_end)
        said_in = bisect_right(starts, q.cue_start)
        date = next((v for s, v in dates if bisect_right(starts, s) == said_in), published)
        out.append(
            Event("statement", "010", start, end, q.cue, q.cue_start, q.cue_end,
                  actors=(q.speaker,), date=date, quote=i)
        )  # fmt: skip
    return tuple(sorted(out, key=lambda e: (e.start, e.trigger_start)))


def _past_comma(text: str, pos: int) -> int:
    """The position after the comma that ends a source phrase at `pos`."""
    while pos < len(text) and text[pos] in " ،,":
        pos += 1
    return pos


@dataclass(frozen=True, slots=True)
class _Sentence:
    """The sentence a trigger stands in, with the article's text and name index."""

    text: str
    names: Names
    start: int
    end: int


def _event(
    t: Trigger,
    m: re.Match[str],
    verb: str,
    here: _Sentence,
    verb_ends: list[int],
    speakers: list[tuple[int, Party]],
    previous: Sequence[Party] = (),
) -> Event | None:
    """The event a trigger names, with its parties; `verb` is the trigger's verb (for a
    noun, the light verb after it or "")."""
    text, names, s_start, s_end = here.text, here.names, here.start, here.end
    t_start, t_end = m.start(), m.end()
    if t.form == "noun" and (
        _INTERVIEW.match(text, t_end, s_end) or text[max(0, t_start - 4) : t_start].strip() == "نام"
    ):
        return None
    if t.type == "consult" and _SPORT.search(text, s_start, s_end):
        return None  # a match between teams
    if t.type == "fight" and _BOUT.search(text, s_start, s_end):
        return None  # `نبرد ایران و امریکا در شمشیربازی`: a bout
    if t.form == "noun" and any(x.start <= t_start and t_end <= x.end for x in names.mentions):
        return None  # `سازمان همکاری شانگهای`، `سازمان حمایت مصرف‌کنندگان`: part of a name
    if t.form == "noun" and m.group() in _ADJECTIVES:
        return None  # `موضع تهاجمی`: an adjective
    if t.form == "noun" and word_after(text, t_end, s_end) in _COMPOUND_TAILS:
        return None  # `گروه‌های جنگ طلب`: an adjective, not a war
    start = max(
        [s_start, *[e for e in verb_ends if e <= t_start and not _in_relative(text, s_start, e)]]
    )
    if t.phrase.startswith("حمله") and word_before(text, t_start, s_start) == "خط":
        return None  # `در خط حمله`: a team's forward line
    if t.phrase == "کشتار" and word_before(text, t_start, s_start).endswith(
        ("سلاح", "سلاح‌های", "سلاحهای")
    ):
        return None  # `سلاح‌های کشتار جمعی`: weapons, not a massacre
    if t.phrase in _GOVERNED_ONLY and not _governed(text, names, t_end, min(s_end, t_end + 80)):
        return None  # `جنگ سرد`، `عکاسان جنگ`: a war only between the sides it names
    if t.phrase in _AGAINST_NAMED and not names.objects(t_end, min(s_end, t_end + 40)):
        return None  # `مبارزه با فقر`: a struggle is fighting only against someone named
    if t.phrase == "برگزار شد" and not _MEETING.search(text, start, t_start):
        return None  # a match, a ceremony or a conference is held, not a meeting
    if _CONDITIONAL.search(text, start, t_start):
        return None  # `اگر ... کمک کند`: a condition, not an event
    # A relative clause: `جبهه مقاومت ملی که علیه طالبان می‌جنگد`.
    rel = [r for r in _RELATIVE.finditer(text, start, t_start)]
    actors: list[Mention] = []
    targets: list[Mention] = []
    if rel and "،" not in text[rel[-1].end() : t_start]:
        r = rel[-1]
        before = [
            x for x in names.within(start, r.start()) if is_actor(x) and r.start() - x.end <= 2
        ]
        if before:
            actors = [before[-1]]
        main_start, start = start, r.end()  # the clause `که ...` has its own subject
        question = _QUESTION.match(text, r.end())  # `این پرسش که چرا ...`: not a relative
        if not actors and not question and not names.subjects(start, t_start):
            # `فرانسه و تاجیکستان از جمله کشورهایی‌اند که ... ملاقاتی نداشته‌اند`:
            # the main clause names who the relative clause is about.
            actors = names.subjects(main_start, r.start(), plural=True)
    opening = text[start:t_start].split()
    pronoun = bool(opening) and opening[0] in PRONOUNS
    # `ایران آماده همکاری با ... است`: an intention frames the noun and names its subject.
    intent = (
        t.form == "noun"
        and t.type in _INTENDABLE
        and bool(_INTENT.search(text[max(start, t_start - 30) : t_start]))
    )
    framed = (
        t.form != "noun"
        or intent
        or bool(_FRAME.search(text[max(start, t_start - 16) : t_start]))
        or bool(verb)  # a noun's light verb: `مذاکراتی انجام دادیم`
    )
    if not actors and not pronoun and framed:
        actors = _bare_subjects(text, names, start, t_start, plural=True)
    closed = _closed_relatives(text, start, t_start)
    targets = [
        x for x in names.objects(start, t_start)
        if framed and x not in actors and not any(a <= x.start < b for a, b in closed)
    ]  # fmt: skip
    if t.form == "split" and (len(t.phrase.split()) > 2 or t.phrase.startswith("از ")):
        # `روابط خود را با ایران قطع کرد`، `از روسیه خواست`: the target stands inside.
        targets += [x for x in names.objects(t_start, t_end) if x not in actors]
    after_end = min(s_end, t_end + 80)
    faced = t.form == "noun" and _FACED.match(text, t_end, after_end)
    if faced and word_before(text, t_start, start) == "با":
        # `قانون ... با مخالفت نمایندگان کرد روبرو شد`: the governed names act on the subject.
        subject = _bare_subjects(text, names, start, t_start)
        governed = _governed(text, names, t_end, after_end)
        unnamed = [] if governed else _described_noun_parties(text, t_end, s_end)[0]
        parties = [names.party(x) for x in governed] + unnamed
        if parties:
            return _finish(t, m, here, start, parties, [names.party(x) for x in subject])
    if t.form == "noun":
        # `ملاقات رحمان و مکرون`: the names the noun governs.
        if t.phrase in _VICTIM:  # `دستگیری ... `، `محاکمه صدام`: the noun governs who suffers it
            targets += _governed(text, names, t_end, after_end)
        elif not actors and not pronoun:
            actors = _governed(text, names, t_end, after_end)
        targets += [x for x in names.objects(t_end, after_end) if x.start - t_end <= 40]
    resolved: list[Party] = []
    if not actors and pronoun and framed:
        person = _antecedent(names, start, speakers)
        if person:
            resolved = [person]
    parties = [names.party(x) for x in actors] or resolved
    if not parties and opening and opening[0] == "و" and previous:
        parties = list(previous)
    if not parties and framed and t.form != "noun":
        # `کردها خواستار ... هستند`: a noun-headed trigger follows its subject directly.
        described = _described_subject(text, start, t_start, t.form in ("split", "copula"))
        if described:
            parties = [described]
    target_parties = _unique(
        [names.party(x) for x in targets if x.entity_id not in {a.entity_id for a in parties}]
    )
    if t.phrase in _PASSIVE:  # `15 نفر ... دستگیر شدند`: the subject is the one acted on
        parties, target_parties = [], _unique(parties + target_parties)
    if t.form == "noun" and not parties and not target_parties and t.type in _DESCRIBED:
        # `حمله افراد مسلح به یک ایست بازرسی ارتش`: described parties.
        parties, target_parties = _described_noun_parties(text, t_end, s_end, t.type == "fight")
        if t.phrase in _VICTIM:  # `کشته شدن 13 سرباز`: the noun governs the victims
            frame = _CAUSE.search(text, start, t_start)
            cause = _described_subject(text, start, frame.start(), True) if frame else None
            parties, target_parties = [cause] if cause else [], parties + target_parties
    return _finish(t, m, here, start, parties, target_parties, intent)


def _finish(
    t: Trigger,
    m: re.Match[str],
    here: _Sentence,
    start: int,
    parties: list[Party],
    target_parties: list[Party],
    intent: bool = False,
) -> Event | None:
    """The event once its parties are known: the checks that need them, place and modality."""
    text, names, s_start, s_end = here.text, here.names, here.start, here.end
    t_start, t_end = m.start(), m.end()
    if not parties and not target_parties:
        return None
    if (
        t.form == "noun"
        and t.code[:2] in _BETWEEN_SIDES
        and word_before(text, t_start, s_start) == "با"
        and len(_unique(parties + target_parties)) < 2
    ):
        return None  # `با همکاری شهرداری، طرح ... اجرا شد`: one side is a credit, not an event
    if t.type == "aid" and (
        _POLICY.match(text, t_end, s_end)
        if t.form == "noun"
        else _POLICY.search(text, max(start, t_start - 60), t_start)
    ):
        return None  # `از تشدید تحریم‌ها علیه ایران حمایت می‌کند`: backing a policy, not aid
    if t.code == "042" and parties:
        # `سفر کالین پاول به خاور میانه`: a visit's target is where it goes, a region too.
        where = (t_end, min(s_end, t_end + 60)) if t.form == "noun" else (start, t_start)
        target_parties = _unique(target_parties + _destinations(text, names, *where))
    if t.type == "consult" and (t.form == "noun" or t.phrase == "برگزار شد"):
        # `نشست ... با حضور مقام‌های تاجیکستان، ازبکستان ...`: those present take part.
        presence = _PRESENCE.search(text, s_start, s_end)
        if presence:
            present = [
                names.party(x)
                for x in names.within(presence.end(), min(s_end, presence.end() + 160))
                if is_actor(x)
            ]
            parties = _unique(parties + present)
        noun_end = t_end
        if t.form != "noun":
            meeting = list(_MEETING.finditer(text, start, t_start))
            noun_end = meeting[-1].end() if meeting else t_end
        if (
            len(_unique(parties + target_parties)) < 2
            and not _SUMMIT.match(text, noun_end)
            and not _MEETING_WITH.match(text, noun_end)
        ):
            return None  # `نشست شورای مرکزی`: a body's own session, not a meeting between sides
    if t.phrase.startswith(("هشدار", "اخطار")) and (
        _ADVISORY.search(text, max(s_start, t_start - 60), min(s_end, t_end + 60))
        or not (
            _ADDRESSEE.search(text[start:t_start] if t.form != "noun" else text[t_end : t_end + 4])
            or _CONDITIONAL.search(text, t_end, min(s_end, t_end + 120))
        )
    ):
        return None  # a warning about a danger, or to no one, threatens no one
    if t.type == "assault" and (t.phrase.startswith("حمله") or t.phrase in _VICTIM):
        window = " ".join(p.text for p in target_parties) or text[t_end : min(s_end, t_end + 60)]
        if t.phrase in _VICTIM:  # `کشته شدن 13 پلیس عراق`: the victims are the words governed
            window += " " + text[t_end : min(s_end, t_end + 30)]
        states = [p for p in parties + target_parties if p.entity_id.startswith("country:")]
        if _SUICIDE.search(text, max(s_start, t_start - 60), min(s_end, t_end + 60)):
            pass  # a suicide bombing is unconventional violence whoever it kills
        elif (
            _MILITARY.search(window)
            or _MILITARY.search(
                " ".join(p.text for p in parties)
            )  # `نیروهای آمریکایی ... حمله کردند`
            or _ARMED.match(text, t_end)  # `حمله نظامی`، `حملات هوایی`
            or len(states) >= 2
            or (states and parties == states)
            or any(p in states for p in target_parties)  # `حمله به ایران`
        ):
            t = replace(t, type="fight", code="190")
    if t.phrase.startswith("اعزام") and _PEACEKEEPING.search(text, s_start, s_end):
        t = replace(t, type="aid", code="074")
    t = _refine(t, text, s_start, s_end, t_start, t_end, intent)
    place = _place(
        text, names, s_start, s_end, t_start, {p.entity_id for p in parties + target_parties}
    )
    negated = _negated(m, text, t, t_end, s_end)
    modality = _modality(m, text, t, s_start, start, t_start, t_end)
    return Event(
        t.type, t.code, s_start, s_end, m.group(), t_start, t_end,
        actors=tuple(_unique(parties)), targets=tuple(target_parties), place=place,
        negated=negated, modality=modality,
    )  # fmt: skip


#: Families of coercion and force: promised in a quotation, they are threats (13x).
_FORCE = frozenset({"16", "17", "18", "19", "20"})
#: `محکوم می‌کنیم`، `نمی‌پذیریم`: the speaker of the quotation acts.
_FIRST_PERSON = re.compile(r"(?:یم|[^ا]م)$")


def _quoted_by(quoted: Sequence[tuple[int, int, Party]], pos: int) -> Party | None:
    """The speaker of the quotation that `pos` stands in, if any."""
    return next((p for a, b, p in quoted if a <= pos < b), None)


def _verb_after(text: str, t_end: int, s_end: int) -> str:
    """The light verb a noun trigger takes (`مذاکراتی انجام دادیم`), or ""."""
    after = _VERB_AFTER.match(text, t_end, s_end)
    return after.group() if after else ""


def _spoken(
    t: Trigger, m: re.Match[str], here: _Sentence, quoted: Sequence[tuple[int, int, Party]]
) -> Event | None:
    """A first-person verb inside a quotation: its speaker is the actor."""
    text, names, s_start, s_end = here.text, here.names, here.start, here.end
    speaker = _quoted_by(quoted, m.start())
    if speaker is None or _CONDITIONAL.search(text, max(s_start, m.start() - 80), m.start()):
        return None
    clause = max(s_start, speaker.end if s_start <= speaker.start < m.start() else s_start)
    inside = names.objects(m.start(), m.end()) if t.form == "split" else []  # `از روسیه می‌خواهیم`
    targets = [
        names.party(x) for x in names.objects(clause, m.start()) + inside
        if x.entity_id != speaker.entity_id
    ]  # fmt: skip
    t = _refine(t, text, s_start, s_end, m.start(), m.end(), False)
    return Event(
        t.type, t.code, s_start, s_end, m.group(), m.start(), m.end(),
        actors=(speaker,), targets=tuple(_unique(targets)),
        negated=_negated(m, text, t, m.end(), s_end),
        modality=_modality(m, text, t, s_start, clause, m.start(), m.end()),
    )  # fmt: skip


_DISCOURSE = frozenset(
    "این آن اما ولی همچنین البته بنابراین سپس پس هم نیز که و یا در با به از برای تا چون اگر "
    "همین چنین وی او ایشان آنها آنان ما من براساس برپایه طبق بنابر بلکه ولیکن لذا "
    "بدون نسبت توجه یقینا قطعا حتما حداقل اکنون هنوز فقط تنها همواره همیشه هرگز باید شاید "
    "معمولا معمولاً اصولا اصولاً ظاهرا ظاهراً پیشتر قبلا قبلاً اخیرا اخیراً بیش کمتر حدود".split()
)


def _described_subject(text: str, start: int, end: int, adjacent: bool = False) -> Party | None:
    """A subject without a name (`مأموران پلیس قزوین ... دستگیر کردند`): the noun
    phrase that opens the clause, up to an adverb or preposition."""
    phrase = opening_phrase(text, start, end)
    if phrase is None:
        return None
    s, e = phrase
    while s < e and text[s] in " \u200c":
        s += 1
    described = ANAPHORA.match(text[s:e])  # a slice: `،‌این` has a ZWNJ before it
    if described:  # `این سازمان علاوه بر ...`: the description, not what follows it
        return Party(s, s + described.end(), text[s : s + described.end()])
    words = text[s:e].split()
    if not words or words[0] in _DISCOURSE or len(words) > 6 or (e >= end - 1 and not adjacent):
        return None
    if not all(c.isalnum() or c in " \u200c" for c in text[s:e]) or any(map(_verbal, words)):
        return None
    return Party(s, e, text[s:e])


#: Words that end a described party: verbs, `را`, words of time.
_NOT_PARTY = frozenset(
    "را کردن شدن گشت گروید آمدند آمد شوم شد شده بود است کرد کند دارد دارند "
    "قبل بعد زمانی ساعتی هنگامی".split()
)


def _verbal(word: str) -> bool:
    """A verb or a word that ends a described party (`را`, `قبل`, `ربوده‌اند`)."""
    return (
        word in _NOT_PARTY
        or word.startswith(("می\u200c", "نمی\u200c"))
        or word.endswith(("ه\u200cاند", "ه\u200cاست", "ه\u200cایم"))
    )


#: Nouns whose unnamed parties are worth reporting (`حمله افراد مسلح به ...`).
_DESCRIBED = frozenset({"assault", "fight", "protest", "coerce"})
#: Words that describe a noun without naming a party (`حمله انتحاری`، `حمله دوم`).
_MODIFIERS = frozenset(
    "اول دوم سوم چهارم نخست جداگانه انتحاری خمپاره‌ای تروریستی هوایی موشکی نظامی مسلحانه "
    "شدید اخیر گسترده جدید مرگبار خونین".split()
)
_PHRASE_STOP = frozenset(
    "در با به از برای علیه که و را تا طی پس پیش هنگام روز امروز دیروز این آن بر "
    "شد شدند شده است بود کرد کردند قرار صورت خواهد نخواهد بلکه تنها دارد دارند".split()
)
_CAUSE = re.compile(WB + r"(?:باعث|موجب)\s*$")
_PRESENCE = re.compile(WB + r"با\s+حضور\s")
#: `با مخالفت ... روبرو شد`: the noun's names act on the clause's subject.
_FACED = re.compile(r"(?:\s+[^\s.،؛]+){0,6}?\s+(?:روبرو|روبه[\u200c\s]?رو|مواجه)\s?(?:شد|گردید)")
#: `به رهبران اروپا هشدار داد`: a warning has an addressee.
_ADDRESSEE = re.compile(WB + r"به\s")
_SUICIDE = re.compile(r"انتحاری|بمب[\u200c\s]?گذار|خودرو(?:ی)?\sبمب")
#: Troops sent to keep the peace are protection (074), not a show of force.
_PEACEKEEPING = re.compile(r"صلح|ثبات|قطعنامه|سازمان\sملل|شورای\sامنیت|حافظ")
#: `حمایت از تشدید تحریم‌ها`، `از این طرح حمایت کرد`: what is backed is a policy.
_POLICY = re.compile(
    r"\s*از\s+(?:این\s+|آن\s+)?(?:تشدید|ایده|طرح|پیشنهاد|قطعنامه|سیاست|تصمیم|لایحه|"
    r"اجرای|برگزاری|ایجاد|تصویب|نامزدی)" + WE
)
#: Families whose noun names an event only with both sides (`همکاری ایران و روسیه`).
_BETWEEN_SIDES = frozenset({"05", "06"})
#: Sports whose bouts are written as battles (`نبرد`، `درگیری`).
_BOUT = re.compile(
    WB + r"(?:شمشیربازی|تکواندو|کاراته|جودو|بوکس|فوتبال|والیبال|بسکتبال|المپیک|تیم\sملی|"
    r"کشتی[\u200c\s]?گیر(?:ان)?|در\sوزن)" + WE
)
#: Words that make a trigger noun into an adjective (`جنگ طلب`، `حمایت‌گر`).
_COMPOUND_TAILS = frozenset({"طلب", "طلبان", "افروز", "افروزی", "زده", "زدگان", "گر", "آمیز"})
#: Trigger nouns whose ی-form is an adjective, not the event (`موضع تهاجمی`).
_ADJECTIVES = frozenset({"تهاجمی", "جنگی", "اعتراضی"})
#: `حمله نظامی`، `حملات هوایی`: an attack named as armed force.
_ARMED = re.compile(r"(?:ی|‌ای|[\u200c\s]?ها(?:ی)?)?\s+(?:نظامی|هوایی|موشکی|زمینی|توپخانه)" + WE)
#: Nouns that are events only against a named side (`مبارزه با نیروهای ناتو`).
_AGAINST_NAMED = frozenset({"مبارزه"})
#: Nouns that are events only with the names they govern (`جنگ ایران و عراق`).
_GOVERNED_ONLY = frozenset({"جنگ"})
#: Nouns whose governed phrase is the victim, not the attacker.
_VICTIM = frozenset({"کشته شدن", "محاکمه", "دستگیری", "بازداشت", "اعدام"})
_ADVISORY = re.compile(r"نسبت\sبه|درباره|در\sمورد|(?:شهروندان|اتباع)\s(?:خود|این\sکشور)")
#: Passive triggers: their grammatical subject is the target.
_PASSIVE = frozenset(
    {
        "دستگیر شد",
        "بازداشت شد",
        "کشف شد",
        "ضبط شد",
        "توقیف شد",
        "مورد حمله قرار گرفت",
        "هدف حمله قرار گرفت",
        "ترور شد",
        "پلمپ شد",
    }
)
#: An attack on soldiers, police or a checkpoint is armed fighting (190), not
#: unconventional violence (180) such as a bombing of civilians.
_MILITARY = re.compile(
    r"ارتش|سرباز|پلیس|نیروهای\s+(?:امنیتی|نظامی|آمریکایی|ائتلاف|دولتی)|پاسگاه|ایست\s+بازرسی|"
    r"پایگاه\s+نظامی|نظامیان|کاروان\s+نظامی"
)


#: Nouns an intention can govern, and the words of intention before them.
_INTENDABLE = frozenset({"consult", "cooperate", "cooperate-material", "aid"})
_INTENT = re.compile(
    WB
    + r"(?:آماده|آمادگی|تمایل|مایل|حاضر|قصد|اراده|عزم|علاقه[\u200c\s]?مندی|"
    + r"(?:بر|به)\s+(?:گسترش|توسعه|تقویت|تداوم|افزایش|تعمیق))"
    + r"(?:\s+(?:خود|خویش|برای|به|جهت|شدید))*\s*$"
)
#: What is asked for in a polite request (appeal, 020) rather than a demand (100),
#: as the guideline splits them: cooperation, aid, talks, attention.
_APPEAL = re.compile(
    r"همکاری|کمک|یاری|مساعدت|حمایت|پیگیری|پی[\s\u200c]?گیری|رسیدگی|توجه|مذاکره|مذاکرات|"
    r"گفت[\s\u200c]?و[\s\u200c]?گو|گفتگو|نشست|دیدار|ملاقات|میزبانی|مشارکت|تسهیل|حضور|چاره|اقدام"
)
#: What a demand asks someone to give up: withdrawal, dismantling, release, an end.
_CONCESSION = re.compile(
    r"برچی|خروج|خارج|توقف|متوقف|آزادی|آزاد|لغو|تسلیم|دست\s(?:بکش|بردار)|کناره|استعفا|"
    r"عقب[\u200c\s]?نشینی|پایان|تعطیل|بازگرداند|تحویل"
)
#: Cooperation named as economic, military or security work is material (060).
_MATERIAL = re.compile(
    r"^(?:ی|‌ای|[\u200c\s]?ها(?:ی)?)?\s+(?:[^\s]+\s+)?(?:اقتصادی|نظامی|امنیتی|اطلاعاتی|تجاری|فنی|"
    r"انرژی|نفتی|هسته‌ای|دفاعی|مالی|اطلاعات)"
)


def _refine(
    t: Trigger, text: str, s_start: int, s_end: int, t_start: int, t_end: int, intent: bool
) -> Trigger:
    """The code a trigger's context calls for, where one trigger covers two families."""
    if intent:
        code = "036" if t.type == "consult" else "030"
        return replace(t, type="intend-cooperate", code=code)
    if t.type == "demand":
        asked = _asked(t, text, s_start, s_end, t_start, t_end)
        # `از X خواست`، `درخواست X برای ...` ask (020) unless X is to give something up (100).
        polite = not _CONCESSION.search(asked) if t.phrase in _REQUEST else False
        if polite or _APPEAL.search(asked):
            return replace(t, type="appeal", code="020")
    if t.type == "cooperate" and t.phrase.startswith("همکاری"):
        noun_end = t_end if t.form == "noun" else t_start + len("همکاری")
        if _MATERIAL.match(text[noun_end:s_end]):
            return replace(t, type="cooperate-material", code="060")
    return t


#: Requests whose content decides between appeal and demand.
_REQUEST = frozenset({"از خواست", "درخواست"})


def _asked(t: Trigger, text: str, s_start: int, s_end: int, t_start: int, t_end: int) -> str:
    """What a demand asks for: the words inside `خواستار ... شد`, the object before
    `را خواستار شد`, or the clause after `از X خواست` / `خواستار این است که`."""
    asked = text[t_start:t_end]
    before = text[max(s_start, t_start - 60) : t_start]
    if re.search(WB + r"را\s*$", before):
        asked += " " + before.split("،")[-1]
    after = text[t_end : min(s_end, t_end + 60)]
    if t.phrase in _REQUEST or re.match(r"\s*که" + WE, after):
        asked += " " + after
    return asked


def _np(text: str, start: int, end: int, most: int = 5) -> tuple[int, int] | None:
    """A short noun phrase from `start`: words up to a preposition or a comma."""
    last = None
    for n, m in enumerate(re.finditer(r"[\w\u200c]+|[،,.:؛()«»\"]", text[start:end])):
        word = m.group()
        if n >= most or word in _PHRASE_STOP or _verbal(word) or not word[0].isalnum():
            break
        last = start + m.end()
    return (start + len(text[start:end]) - len(text[start:end].lstrip()), last) if last else None


def _described_noun_parties(
    text: str, t_end: int, s_end: int, against: bool = False
) -> tuple[list[Party], list[Party]]:
    """The phrase a noun governs (actor) and the phrase after `به`/`علیه` (target), or after
    `با` where it names the other side of a fight (`درگیری ... با نیروهای آمریکایی`, not
    `تظاهرات ... با گلوله‌های پلاستیکی`), each only where it describes people, a group or a
    counted thing."""
    actors: list[Party] = []
    targets: list[Party] = []
    rest = text[t_end:s_end]
    lead = re.match(r"\s+(?:[\w\u200c]+\s+){0,1}?(?=[\w\u200c])", rest)
    np = _np(text, t_end + (len(rest) - len(rest.lstrip())), s_end)
    if np and lead is not None:
        a, b = np
        if text[a:b].split()[0] not in _DISCOURSE | _MODIFIERS and _is_group(text[a:b]):
            actors.append(Party(a, b, text[a:b]))
    heads = r"(?:به|علیه|با)" if against else r"(?:به|علیه)"
    prep = re.search(r"(?<![\w\u200c])" + heads + r"\s+", text[t_end : min(s_end, t_end + 60)])
    if prep:
        tp = _np(text, t_end + prep.end(), s_end)
        if tp and (_is_group(text[tp[0] : tp[1]]) or len(text[tp[0] : tp[1]].split()) > 2):
            a, b = tp
            targets.append(Party(a, b, text[a:b]))
    return actors, targets


#: Heads that name a group of people or a body without a plural ending.
_COLLECTIVE = frozenset(
    "جمعی عده‌ای گروهی گروه پلیس ارتش مردم دولت رژیم نیروی سپاه شورای مجلس حزب جبهه جنبش "
    "جامعه ملت قبایل قبیله افراد عوامل اعضای اعضا مقامات اتباع عناصر اشرار قوای".split()
)
_NUMBER = re.compile(r"^(?:\d+|[۰-۹]+|یک|دو|سه|چهار|پنج|شش|هفت|هشت|نه|ده|صد|هزار|چند)$")
_PLURAL = re.compile(r"(?:ها|های|هایی|یان|گان|ین)$")
_NOT_PLURAL = frozenset("نخستین آخرین اولین دومین سومین چندین بیشترین میدان".split())


def _is_group(phrase: str) -> bool:
    """`افراد مسلح`، `13 سرباز`، `کردها`، `جمعی از کشاورزان`: people, a group or a count;
    not `تظاهرات آرام` or `به خشونت گروید`, whose words describe the noun or the scene."""
    words = phrase.split()
    if not words:
        return False
    head = words[0]
    if _NUMBER.match(head) or head in _COLLECTIVE or head.endswith("\u200cای"):
        return True
    if head in _NOT_PLURAL:
        return False
    return bool(_PLURAL.search(head.replace("\u200c", "")))


def _destinations(text: str, names: Names, start: int, end: int) -> list[Party]:
    """Places named after `به` in a stretch: where a visit goes."""
    return [
        names.party(x)
        for x in names.within(start, end)
        if x.label == "LOC" and word_before(text, x.start, start) == "به"
    ]


def _governed(text: str, names: Names, t_end: int, ceiling: int) -> list[Mention]:
    """`ملاقات رحمان و مکرون`: names right after a noun, coordinated."""
    out: list[Mention] = []
    pos = t_end
    for x in names.within(t_end, ceiling):
        gap = text[pos : x.start]
        words = gap.split()
        if not is_actor(x) or "،" in gap and not out or len(words) > (2 if out else 3):
            break
        if out and "و" not in words and gap.strip() not in ("،", ""):
            break
        if names.role(x, t_end) != "subject":
            break
        out.append(x)
        pos = x.end
    return out


_PP_HEAD = re.compile(WB + r"(?:به|از|با|برای|علیه|بر)\s+(?:[\w\u200c]+\s+){0,3}$")


def _in_pp(text: str, floor: int, m: Mention) -> bool:
    """Is the name the end of a prepositional phrase (`به یک ایست بازرسی عراق`)?"""
    return bool(_PP_HEAD.search(text[max(floor, m.start - 50) : m.start]))


def _bare_subjects(
    text: str, names: Names, start: int, end: int, plural: bool = False
) -> list[Mention]:
    """The clause's subjects, leaving out names that end a prepositional phrase."""
    return [x for x in names.subjects(start, end, plural=plural) if not _in_pp(text, start, x)]


def _closed_relatives(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Relative clauses `که ... ،` that end before `end`."""
    out = []
    for r in _RELATIVE.finditer(text, start, end):
        comma = text.find("،", r.end(), end)
        if comma != -1:
            out.append((r.start(), comma))
    return out


def _in_relative(text: str, s_start: int, pos: int) -> bool:
    window = text[max(s_start, pos - 40) : pos]
    return bool(_RELATIVE.search(window)) and "،" not in window.split("که")[-1]


def _antecedent(names: Names, before: int, speakers: list[tuple[int, Party]]) -> Party | None:
    person = names.last_person(before)
    last = [p for pos, p in speakers if pos < before]
    spoke_at = max((pos for pos, _ in speakers if pos < before), default=-1)
    if last and (person is None or spoke_at > person.start):
        return last[-1]
    return names.party(person, resolved=True) if person else None


def _unique(parties: list[Party]) -> list[Party]:
    out, seen = [], set()
    for p in parties:
        key = p.entity_id or p.text
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _place(
    text: str, names: Names, s_start: int, s_end: int, t_start: int, parties: set[str]
) -> Party | None:
    best: tuple[int, Mention] | None = None
    for x in names.within(s_start, s_end):
        if x.label not in ("LOC", "FAC") or x.entity_id in parties:
            continue
        before = text[max(s_start, x.start - 4) : x.start].split()
        if not before or before[-1] != "در":
            continue
        distance = abs(x.start - t_start)
        if distance > 40:
            continue
        if best is None or distance < best[0]:
            best = (distance, x)
    return names.party(best[1]) if best else None


def _negated(m: re.Match[str], text: str, t: Trigger, t_end: int, s_end: int) -> bool:
    groups = m.groupdict()
    if groups.get("neg") or groups.get("neg2") or groups.get("negc"):
        return True
    if t.form == "noun":
        if _NO.search(text, max(0, m.start() - 12), m.start()):
            return True
        window = text[t_end : min(s_end, t_end + 40)]
        verb = _NEG_LIGHT.search(window)
        return verb is not None and "،" not in window[: verb.start()]
    return False


def _modality(
    m: re.Match[str], text: str, t: Trigger, s_start: int, c_start: int, t_start: int, t_end: int
) -> str:
    if m.groupdict().get("fut") or _AUXILIARY.search(m.group()):
        return "intended"
    tail = text[t_end : t_end + 25] if t.form == "noun" else ""
    if _FUTURE.search(text, c_start, t_start) or (tail and _FUTURE.search(tail)):
        return "intended"
    if _FEAR.search(text, s_start, t_start):
        return "feared"
    if _POSSIBLE.search(text, c_start, t_start):
        return "possible"
    if (  # `تشکیل دولت فراگیر را خواستار شد`: a named action is demanded, a done one is not
        t.form == "noun"
        and t.type != "demand"
        and _DEMAND.search(text, t_start, min(len(text), t_end + 60))
    ):
        return "demanded"
    return "asserted"


def _apart(a: Event, b: Event) -> bool:
    """Two actions of one family in a sentence (`کردها خواستار ... و ترکمن‌ها خواستار ...`):
    different triggers whose actors, all named, share no one."""
    if a.trigger_start == b.trigger_start or not a.actors or not b.actors:
        return False
    return not {p.entity_id or p.text for p in a.actors} & {p.entity_id or p.text for p in b.actors}


def _merge(a: Event, b: Event) -> Event:
    def ids(ps: Sequence[Party]) -> set[str]:
        return {p.entity_id or p.text for p in ps}

    actors = list(a.actors) + [p for p in b.actors if (p.entity_id or p.text) not in ids(a.actors)]
    targets = [
        p for p in list(a.targets) + list(b.targets)
        if (p.entity_id or p.text) not in ids(actors)
    ]  # fmt: skip
    return replace(
        a, actors=tuple(actors), targets=tuple(_unique(targets)), place=a.place or b.place
    )


__all__ = ["Trigger", "find_events", "triggers", "verb_pattern"]
