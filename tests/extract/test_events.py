"""Events: triggers, actors and targets, place, date, negation, modality."""

import pytest

from rasad.model import Event
from tests.extract.conftest import analyze
from tests.sample import SAMPLE


def events(raw: str, published: str = "2021-10-14") -> list[Event]:
    return [e for e in analyze(raw, published).events if e.code != "010"]


def names(parties: object) -> list[str]:
    return [p.name_en or p.text for p in parties]  # type: ignore[attr-defined]


CASES = [
    # (text, type, actors, targets, negated, modality)
    ("ولادیمیر پوتین با امامعلی رحمان دیدار کرد.", "consult", ["Vladimir Putin"], ["Emomali Rahmon"], False, "asserted"),
    ("ولادیمیر پوتین با امامعلی رحمان دیدار نکرد.", "consult", ["Vladimir Putin"], ["Emomali Rahmon"], True, "asserted"),
    ("ولادیمیر پوتین با امامعلی رحمان دیدار خواهد کرد.", "consult", ["Vladimir Putin"], ["Emomali Rahmon"], False, "intended"),
    ("ایران و چین هیچ ملاقاتی با طالبان نداشته‌اند.", "consult", ["Iran", "China"], ["Taliban"], True, "asserted"),
    ("تاجیکستان به سران جبهه مقاومت ملی افغانستان پناه داده است.", "aid", ["Tajikistan"], ["National Resistance Front of Afghanistan"], False, "asserted"),
    ("ایران تحریم‌های آمریکا را محکوم کرد.", "criticize", ["Iran"], ["United States"], False, "asserted"),
    ("دولت لیبی خواستار تعلیق فعالیت پارلمان این کشور شد.", "demand", ["Libya"], [], False, "asserted"),
    ("طالبان تاجیکستان را تهدید کرد.", "threaten", ["Taliban"], ["Tajikistan"], False, "asserted"),
    ("ممکن است طالبان به ازبکستان حمله کند.", "fight", ["Taliban"], ["Uzbekistan"], False, "possible"),  # an attack on a state
    # An intention governs the noun: intent to cooperate (030), not cooperation.
    ("ایران آماده همکاری با سازمان ملل است.", "intend-cooperate", ["Iran"], ["United Nations"], False, "asserted"),
    # What is asked for splits appeal (cooperation, talks) from demand.
    ("ایران از روسیه خواست در حل این مشکل همکاری کند.", "appeal", ["Iran"], ["Russia"], False, "asserted"),
    ("ایران خواستار خروج نیروهای آمریکایی از عراق شد.", "demand", ["Iran"], [], False, "asserted"),
    # Cooperation is 050 unless it is named economic, military, security...
    ("ایران و روسیه در زمینه فرهنگی همکاری می‌کنند.", "cooperate", ["Iran", "Russia"], [], False, "asserted"),
    ("ایران و روسیه همکاری نظامی دارند.", "cooperate-material", ["Iran", "Russia"], [], False, "asserted"),
    # A first-person verb in a quotation: the speaker acts.
    ("علی لاریجانی گفت: «ما تحریم‌های آمریکا را محکوم می‌کنیم.»", "criticize", ["Ali Larijani"], ["United States"], False, "asserted"),
    # `با مخالفت X روبرو شد`: X rejects.
    ("این طرح با مخالفت گسترده روسیه روبرو شد.", "reject", ["Russia"], [], False, "asserted"),
    # One state attacking another is military force (190); a suicide bomber is not.
    ("عراق به ایران حمله کرد.", "fight", ["Iraq"], ["Iran"], False, "asserted"),
    ("یک بمب‌گذار انتحاری به پلیس عراق حمله کرد.", "assault", ["یک بمب‌گذار انتحاری"], ["Iraq"], False, "asserted"),
    # Troops sent by the Security Council keep the peace (074).
    ("شورای امنیت سازمان ملل اعزام نیرو به هائیتی را تصویب کرد.", "aid", [], ["Haiti"], False, "asserted"),
    # A warning needs an addressee or a condition to be a threat.
    ("ایران به آمریکا هشدار داد.", "threaten", ["Iran"], ["United States"], False, "asserted"),
    ("ایران بر گسترش همکاری‌ها با روسیه تاکید کرد.", "intend-cooperate", ["Iran"], ["Russia"], False, "asserted"),
    ("آمریکا روابط خود را با ایران قطع کرد.", "sanction", ["United States"], ["Iran"], False, "asserted"),
    # `لغو`، `عدم` before a noun negate it; `نمی‌پذیرد` is a rejection.
    ("لغو دیدار ایران و روسیه", "consult", ["Iran", "Russia"], [], True, "asserted"),
    ("عدم همکاری ایران با آژانس", "cooperate", ["Iran"], [], True, "asserted"),
    ("روسیه این طرح را نمی‌پذیرد.", "reject", ["Russia"], [], False, "asserted"),
    ("دولت آمریکا مخالفت خود را با این طرح اعلام کرد.", "reject", ["United States"], [], False, "asserted"),
    # Those present at a meeting take part in it.
    ("نشست وزیران با حضور نمایندگان ایران و روسیه در مسکو برگزار شد.", "consult", ["Russia", "Iran"], [], False, "asserted"),
    # A request is an appeal unless it asks for something to be given up.
    ("درخواست ایران از روسیه برای همکاری در این زمینه", "appeal", ["Iran"], ["Russia"], False, "asserted"),
    ("درخواست آمریکا برای برچیدن برنامه هسته‌ای کره شمالی", "demand", ["United States"], [], False, "asserted"),
    ("ایالات متحده از اوپک درخواست نفت نخواهد کرد.", "appeal", ["United States"], ["OPEC"], True, "intended"),
    ("آمریکا گزارش‌های آژانس بین‌المللی انرژی اتمی را به چالش کشید.", "reject", ["United States"], ["International Atomic Energy Agency"], False, "asserted"),
    # `می‌خواهیم` asks (it is not the future auxiliary); `خواهد خواست` will ask.
    ("علی لاریجانی گفت: «ما از روسیه می‌خواهیم که به این مسئله توجه کند.»", "appeal", ["Ali Larijani"], ["Russia"], False, "asserted"),
    ("ایران از روسیه خواهد خواست که همکاری کند.", "appeal", ["Iran"], ["Russia"], False, "intended"),
    # A war is an event between the sides it names; `تجاوزات` is the plural of aggression.
    ("جنگ ایران و عراق هشت سال طول کشید.", "fight", ["Iran", "Iraq"], [], False, "asserted"),
    ("تجاوزات اسرائیل به لبنان ادامه دارد.", "fight", ["Israel"], ["Lebanon"], False, "asserted"),
    ("رئیس جمهور ایران از هند دیدن کرد.", "consult", ["Ebrahim Raisi"], ["India"], False, "asserted"),
    # A visit's target is where it goes, a region too.
    ("سفر کالین پاول به خاور میانه", "consult", ["کالین پاول"], ["Middle East"], False, "asserted"),
    # An arrest noun governs who is arrested; a struggle needs a named side; raids and calls.
    ("دستگیری صدام حسین توسط نیروهای آمریکایی", "coerce", [], ["صدام حسین"], False, "asserted"),
    ("حکمتیار بر ادامه مبارزه با نیروهای ناتو تاکید کرد.", "fight", [], ["NATO"], False, "asserted"),
    ("یورش نظامی آمریکا به افغانستان", "fight", ["United States"], ["Afghanistan"], False, "asserted"),
    ("حکمتیار هوادارانش را به آتش‌بس فراخواند.", "appeal", ["حکمتیار"], [], False, "asserted"),
    ("حق نواز جهنگوی در سال 1990 ترور شد.", "assault", [], ["حق نواز جهنگوی"], False, "asserted"),
    ("باشگاه پرسپولیس از ابوالفضل حاجی‌زاده شکایت کرد.", "criticize", ["پرسپولیس"], ["ابوالفضل حاجی‌زاده"], False, "asserted"),
    ("ایران به آمریکا اخطار کرد.", "threaten", ["Iran"], ["United States"], False, "asserted"),
    ("عربستان با ایران قطع رابطه کرد.", "sanction", ["Saudi Arabia"], ["Iran"], False, "asserted"),
    # An attack by troops, on a state or named as military is fighting (190).
    ("نیروهای آمریکایی به بیمارستان رمادی حمله کردند.", "fight", ["نیروهای آمریکایی"], [], False, "asserted"),
    ("پنتاگون طرحی برای حمله نظامی علیه ایران دارد.", "fight", [], ["Iran"], False, "asserted"),
    ("خبر اعدام صدام حسین در جهان منتشر شد.", "coerce", [], ["صدام حسین"], False, "asserted"),
    ("ایتالیا مایل است روابط خود را با ایران گسترش دهد.", "intend-cooperate", ["Italy"], [], False, "asserted"),
    ("ترکیه به مقدسات ایران توهین کرد.", "criticize", ["Türkiye"], ["Iran"], False, "asserted"),
    ("رئیس‌جمهور کره جنوبی از مردم کره جنوبی عذرخواهی کرد.", "cooperate", ["South Korea"], [], False, "asserted"),
    ("کارشناسان آمریکایی به جرج بوش توصیه کردند.", "appeal", ["کارشناسان آمریکایی"], ["جرج بوش"], False, "asserted"),
    # Unnamed parties count when they describe people, a group or a count.
    ("حمله افراد مسلح به یک ایست بازرسی در شمال بغداد", "fight", ["افراد مسلح"], ["یک ایست بازرسی"], False, "asserted"),
]  # fmt: skip


@pytest.mark.parametrize(
    "raw",
    [
        "بانک جهانی هشدار داد که این بیماری گسترش می‌یابد.",  # a warning of a danger
        "جلسه شورای شهر تهران برگزار شد.",  # a body's own session
        "آمریکا سلاح‌های کشتار جمعی دارد.",  # weapons, not a massacre
        "علی لاریجانی گفت: «اگر این طرح را نپذیریم، زیان می‌کنیم.»",  # a condition
        "تظاهرات آرام به خشونت گروید.",  # words that describe the noun are not parties
        "نبرد اصلی بر سر انرژی است.",
        "عکاسان جنگ در این نمایشگاه حضور دارند.",  # a war with no sides named
        "این نمایشگاه با همکاری کانون هنر خراسان برپا شد.",  # a credit, not cooperation
        "سازمان همکاری شانگهای با ناتو رقابت می‌کند.",  # a trigger inside a name
        "گروه‌های جنگ طلب پاکستان جوان هستند.",  # an adjective, not a war
        "نبرد ایران و آمریکا در شمشیربازی آغاز شد.",  # a bout
        "ایران در مبارزه با فقر موفق بود.",  # a struggle against no one named
        "ما باید موضع تهاجمی داشته باشیم.",  # an adjective
        "روسیه از تشدید تحریم‌ها علیه ایران حمایت نمی‌کند.",  # backing a policy, not aid
        "در خط حمله علی کریمی و مهدی مهدوی‌کیا بازی می‌کنند.",  # a team's forward line
        "بدون استثنا به هر چه روحانی است حمله می‌کنند.",  # an adverb is no subject
        "وزیر خارجه عراق در گفت و گو با الجزیره گفت که همه چیز آرام است.",  # an interview
        "ناوهای جنگی آمریکا در خلیج فارس هستند.",  # warships, not a war
        "در وزن 84 کیلوگرم یونسی‌نیا در یک نبرد جنجالی از سد تاتاری گذشت.",  # a wrestling bout
        "تظاهرات مسالمت‌آمیز با گلوله‌های پلاستیکی سرکوب شد.",  # an instrument, not a side
        "بیش از 800 نفر از آغاز جنبش‌های اعتراضی زندانی شدند.",  # an adjective
    ],
)
def test_not_events(raw: str) -> None:
    assert events(raw) == []


@pytest.mark.parametrize(("raw", "type_", "actors", "targets", "negated", "modality"), CASES)
def test_events(
    raw: str, type_: str, actors: list[str], targets: list[str], negated: bool, modality: str
) -> None:
    (event,) = events(raw)
    assert event.type == type_
    assert names(event.actors) == actors
    assert names(event.targets) == targets
    assert event.negated is negated
    assert event.modality == modality


def test_two_actions_of_one_family_in_a_sentence_stay_apart() -> None:
    found = events(
        "کردها خواستار الحاق کرکوک به کردستان عراق هستند و این در حالی است که "
        "ترکمن‌ها خواستار تقسیم کرکوک هستند."
    )
    assert sorted(names(e.actors) for e in found if e.type == "demand") == [["ترکمن‌ها"], ["کردها"]]


def test_interview_is_not_a_meeting() -> None:
    assert events("علی لاریجانی در گفت‌وگو با خبرنگار فارس از برنامه‌ها خبر داد.") == []


def test_pronoun_actor_and_weekday_date() -> None:
    raw = "امامعلی رحمان به پاریس رفت. او روز چهارشنبه از کابینه طالبان انتقاد کرد."
    (event,) = events(raw, published="2021-10-14")
    assert event.type == "criticize"
    assert names(event.actors) == ["Emomali Rahmon"]
    assert event.date == "2021-10-13"


def test_quotations_become_statements() -> None:
    article = analyze("ولادیمیر پوتین گفت: «تروریست‌ها به افغانستان وارد می‌شوند.»")
    (statement,) = [e for e in article.events if e.code == "010"]
    assert names(statement.actors) == ["Vladimir Putin"]
    assert statement.quote == 0


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample not present")
def test_sample_article() -> None:
    article = analyze(SAMPLE.read_text(encoding="utf-8"))
    found = [e for e in article.events if e.code != "010"]
    for e in found:
        assert 0 <= e.start <= e.trigger_start < e.trigger_end <= e.end <= len(article.text)
        assert article.text[e.trigger_start : e.trigger_end] == e.trigger

    def parties(e: Event) -> set[str]:
        return {p.name_en for p in (*e.actors, *e.targets)}

    # The Rahmon-Macron meeting in Paris, on Wednesday.
    meeting = found[0]
    assert meeting.type == "consult" and not meeting.negated
    assert parties(meeting) == {"Emomali Rahmon", "Emmanuel Macron"}
    assert meeting.place is not None and meeting.place.name_en == "Élysée Palace"
    assert meeting.date == "2021-10-13"
    # Rahmon criticizes the Taliban cabinet and demands an inclusive government.
    assert any(e.type == "criticize" and names(e.actors) == ["Emomali Rahmon"] for e in found)
    assert any(e.type == "demand" and names(e.actors) == ["Emomali Rahmon"] for e in found)
    # Tajikistan gives refuge to the National Resistance Front's leaders.
    assert any(
        e.code == "075"
        and names(e.actors) == ["Tajikistan"]
        and names(e.targets) == ["National Resistance Front of Afghanistan"]
        for e in found
    )
    # The CIS security chiefs meet in Moscow.
    assert any(
        e.type == "consult"
        and "Commonwealth of Independent States" in parties(e)
        and e.place is not None
        and e.place.name_en == "Moscow"
        for e in found
    )
    # No meeting between France or Tajikistan and the Taliban happened.
    with_taliban = [
        e
        for e in found
        if e.type == "consult" and "Taliban" in parties(e) and parties(e) & {"France", "Tajikistan"}
    ]
    assert with_taliban and all(e.negated for e in with_taliban)
    assert not any(
        e.type == "consult" and not e.negated and e.modality == "asserted"
        and "Taliban" in parties(e) and parties(e) & {"France", "Tajikistan"}
        for e in found
    )  # fmt: skip
    # Macron will talk with Rahmon: intended, not done.
    assert any(e.modality == "intended" and "Emomali Rahmon" in parties(e) for e in found)
    # Statements of Rahmon, Macron, Yatimov and Putin.
    statements = {p.name_en for e in article.events if e.code == "010" for p in e.actors}
    assert statements == {"Emomali Rahmon", "Emmanuel Macron", "Saimumin Yatimov", "Vladimir Putin"}
