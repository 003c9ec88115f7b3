"""Quotations: direct and reported speech, speakers, sources."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.extract.quotes import CUE, find_quotes
from tests.extract.conftest import analyze
from tests.sample import SAMPLE


def speakers(raw: str) -> list[tuple[str, str, str]]:
    """(kind, speaker text, content) of each quotation."""
    article = analyze(raw)
    return [(q.kind, q.speaker.text if q.speaker else "", q.content) for q in find_quotes(article)]


@pytest.mark.parametrize(
    "cue",
    [
        "گفت", "گفتند", "گفته است", "گفته‌اند", "گفته بود", "می‌گوید", "افزود", "افزوده است",
        "اظهار داشت", "اظهارداشت", "تأکید کرد", "تاکید کرده است", "خاطرنشان کرد",
        "اعلام کرد", "نوشت", "یادآور شد", "اطمینان داد", "بیان کرد", "ادامه داد",
        "خاطر نشان ساخت", "شمرد", "نامید", "عقیده دارند", "اصرار دارند", "تأکید دارد",
    ],
)  # fmt: skip
def test_reporting_verbs_in_every_tense(cue: str) -> None:
    assert CUE.fullmatch(cue)


@pytest.mark.parametrize("word", ["گفتگو", "گفت‌وگو", "نگفت", "گفته‌ها", "افزودنی", "اعلامیه"])
def test_words_that_are_not_cues(word: str) -> None:
    assert not CUE.search(word)


CASES = [
    # Direct speech in guillemets after the cue.
    (
        "امانوئل مکرون اظهار داشت: «فرانسه در کنار تاجیکستان می‌ایستد.»",
        [("direct", "امانوئل مکرون", "فرانسه در کنار تاجیکستان می‌ایستد")],
    ),
    # The wire-agency form: a colon and the rest of the paragraph.
    (
        "محمد جواد ظریف امروز در جمع خبرنگاران گفت: ما با همسایگان گفت‌وگو می‌کنیم.\n"
        "وی افزود: این سیاست ادامه دارد.",
        [
            ("direct", "محمد جواد ظریف", "ما با همسایگان گفت‌وگو می‌کنیم"),
            ("direct", "محمد جواد ظریف", "این سیاست ادامه دارد"),
        ],
    ),
    # Reported speech with که; the pronoun goes to the last speaker.
    (
        "ولادیمیر پوتین گفت که روسیه آماده همکاری است. او افزود که مرزها امن هستند.",
        [
            ("indirect", "ولادیمیر پوتین", "روسیه آماده همکاری است"),
            ("indirect", "ولادیمیر پوتین", "مرزها امن هستند"),
        ],
    ),
    # به گفته X، ...
    (
        "به گفته عباس عراقچی، مذاکرات ادامه خواهد یافت.",
        [("indirect", "عباس عراقچی", "مذاکرات ادامه خواهد یافت")],
    ),
    # A title opens the clause: the speaker is the title, not the country in it.
    (
        "سخنگوی وزارت خارجه چین گفت: پکن از گفت‌وگو حمایت می‌کند.",
        [("direct", "سخنگوی وزارت خارجه چین", "پکن از گفت‌وگو حمایت می‌کند")],
    ),
    # A reported clause without که, after a simple past cue.
    (
        "عباس عراقچی گفت دور بعدی مذاکرات در ژنو برگزار می‌شود.",
        [("indirect", "عباس عراقچی", "دور بعدی مذاکرات در ژنو برگزار می‌شود")],
    ),
    # `تبریک گفت` reports nothing.
    ("عباس عراقچی به همتای خود تبریک گفت و از او دعوت کرد.", []),
    # `با بیان اینکه X، افزود: Y` is two quotations by one speaker.
    (
        "علی لاریجانی با بیان اینکه مجلس از دولت حمایت می‌کند، افزود: این طرح بررسی می‌شود.",
        [
            ("indirect", "علی لاریجانی", "مجلس از دولت حمایت می‌کند"),
            ("direct", "علی لاریجانی", "این طرح بررسی می‌شود"),
        ],
    ),
    # An announcement: `از ... خبر داد`; a demand: `خواستار ... شد`, `... را خواستار شد`.
    (
        "وزیر ارتباطات از بهره‌برداری ۶ هزار دفتر روستایی تا پایان مرداد خبر داد.",
        [("indirect", "وزیر ارتباطات", "بهره‌برداری ۶ هزار دفتر روستایی تا پایان مرداد")],
    ),
    (
        "امامعلی رحمان خواستار تشکیل دولت فراگیر در افغانستان شد.",
        [("indirect", "امامعلی رحمان", "تشکیل دولت فراگیر در افغانستان")],
    ),
    (
        "امامعلی رحمان تشکیل دولت فراگیر را خواستار شد.",
        [("indirect", "امامعلی رحمان", "تشکیل دولت فراگیر")],
    ),
    # A title of a work in guillemets is not a quotation.
    ("فیلم «شب ازدواج سفید» در جشنواره نمایش داده شد.", []),
    # A negated verb reports nothing.
    ("رئیس‌جمهور در این باره چیزی نگفت.", []),
    # `با اشاره به اینکه X گفت: Y` without a comma: X runs to the cue.
    (
        "علی لاریجانی با اشاره به اینکه مجلس از دولت حمایت می‌کند گفت: این طرح بررسی می‌شود.",
        [
            ("indirect", "علی لاریجانی", "مجلس از دولت حمایت می‌کند"),
            ("direct", "علی لاریجانی", "این طرح بررسی می‌شود"),
        ],
    ),
    # Other preambles: `ضمن اشاره به این مطلب که`، `با طرح این سوال که`.
    (
        "علی لاریجانی ضمن اشاره به این مطلب که مجلس از دولت حمایت می‌کند، افزود: "
        "این طرح بررسی می‌شود.",
        [
            ("indirect", "علی لاریجانی", "مجلس از دولت حمایت می‌کند"),
            ("direct", "علی لاریجانی", "این طرح بررسی می‌شود"),
        ],
    ),
    # A comma after any speech verb: `تصریح کرد، ...`.
    (
        "عباس عراقچی تصریح کرد، مذاکرات هفته آینده در ژنو ادامه می‌یابد.",
        [("indirect", "عباس عراقچی", "مذاکرات هفته آینده در ژنو ادامه می‌یابد")],
    ),
    # A reported clause without که after more speech verbs and tenses.
    (
        "عباس عراقچی هشدار داده بود تحریم‌ها به روند مذاکرات آسیب می‌زند.",
        [("indirect", "عباس عراقچی", "تحریم‌ها به روند مذاکرات آسیب می‌زند")],
    ),
    (
        "عراقچی ادامه داد دور بعدی مذاکرات در ژنو برگزار می‌شود.",
        [("indirect", "عراقچی", "دور بعدی مذاکرات در ژنو برگزار می‌شود")],
    ),
    # `به ... ادامه داد` after a long clause continues an action; `گفت و` opens nothing.
    ("ارتش اسرائیل روز گذشته به حملات خود در نوار غزه ادامه داد و چند خانه را ویران کرد.", []),
    ("عباس عراقچی این را گفت و جلسه را ترک کرد و به تهران بازگشت.", []),
    # `این گزارش می‌افزاید` continues the agency's report: no one is quoted.
    ("این گزارش می‌افزاید، شمار مسافران نوروزی امسال ده درصد افزایش یافته است.", []),
    # `بنا بر این گزارش،` is a source line, not part of the speaker.
    (
        "بنا بر این گزارش، دادستان معتقد است این افراد در خارج آموزش دیده‌اند.",
        [("indirect", "دادستان", "این افراد در خارج آموزش دیده‌اند")],
    ),
    # A source lead without its comma: the speaker is the person after it.
    (
        "به گزارش خبرنگار فارس از کرمان محمد نیازی در جمع مدیران استان گفت: "
        "دستگاه‌ها باید وظایف خود را انجام دهند.",
        [("direct", "محمد نیازی", "دستگاه‌ها باید وظایف خود را انجام دهند")],
    ),
    # `وی` before anyone is named (the lead that named them is left out): the one named next.
    (
        "دور تازه مذاکرات\nوی گفت: مذاکرات ادامه دارد.\n"
        "عباس عراقچی افزود: دور بعدی در ژنو برگزار می‌شود.",
        [
            ("direct", "عباس عراقچی", "مذاکرات ادامه دارد"),
            ("direct", "عباس عراقچی", "دور بعدی در ژنو برگزار می‌شود"),
        ],
    ),
    # `به گفته X` without a comma; `بر اساس اعلام X،`.
    (
        "به گفته پلیس عراق ساکنان محلی به کمک نیروهای امنیتی شتافتند.",
        [("indirect", "پلیس عراق", "ساکنان محلی به کمک نیروهای امنیتی شتافتند")],
    ),
    (
        "بر اساس اعلام وزارت بهداشت، شمار بیماران در هفته گذشته کاهش یافته است.",
        [("indirect", "وزارت بهداشت", "شمار بیماران در هفته گذشته کاهش یافته است")],
    ),
    # `وی` refers to someone named before it, not to a name in its own clause.
    (
        "محمد خاتمی گفت: انتخابات آزاد است.\n"
        "وی با بیان اینکه احمدی‌نژاد رقیب جدی است، گفت: مردم تصمیم می‌گیرند.",
        [
            ("direct", "محمد خاتمی", "انتخابات آزاد است"),
            ("indirect", "محمد خاتمی", "احمدی‌نژاد رقیب جدی است"),
            ("direct", "محمد خاتمی", "مردم تصمیم می‌گیرند"),
        ],
    ),
    # A report quoted inside a quotation is one too, but `وی` still means the one quoting.
    (
        "علی لاریجانی گفت: بنابر اعلام وزارت بهداشت، شمار بیماران کاهش یافته است.\n"
        "وی افزود: این روند ادامه دارد.",
        [
            ("direct", "علی لاریجانی", "بنابر اعلام وزارت بهداشت، شمار بیماران کاهش یافته است"),
            ("indirect", "وزارت بهداشت", "شمار بیماران کاهش یافته است"),
            ("direct", "علی لاریجانی", "این روند ادامه دارد"),
        ],
    ),
    # `این در حالی است که X ...`: X is the subject; a generic group speaks.
    (
        "این در حالی است که ترکمن‌ها و عرب‌ها بر این مسئله اصرار دارند که "
        "شهر زیر نظر دولت مرکزی باشد.",
        [("indirect", "ترکمن‌ها و عرب‌ها", "شهر زیر نظر دولت مرکزی باشد")],
    ),
    # A setting before an office: `در این جلسه نماینده مردم ... گفت`.
    (
        "در این جلسه نماینده مردم تبریز در مجلس نیز گفت: مردم از دولت انتظار دارند.",
        [("direct", "نماینده مردم تبریز", "مردم از دولت انتظار دارند")],
    ),
    # An office opens the clause; the names after `از` and commas are places visited.
    (
        "استاندار تهران در این سفر از بیمارستان سینا، دانشگاه تهران و پارک ملت بازدید و "
        "بر تکمیل طرح‌ها تأکید کرد.",
        [("indirect", "استاندار تهران", "تکمیل طرح‌ها")],
    ),
    # A name in guillemets after `نوشت:` opens the quoted sentence.
    (
        "روزنامه واشنگتن پست نوشت: «جان کری» وزیر خارجه آمریکا به اروپا سفر می‌کند.",
        [("direct", "روزنامه واشنگتن پست", "جان کری» وزیر خارجه آمریکا به اروپا سفر می‌کند")],
    ),
    # A cue with a colon quotes what follows, never the guillemets before it.
    (
        "سایت «میدل ایست آن لاین» روز گذشته با اعلام این خبر نوشت: ایران آماده همکاری است.",
        [("direct", "سایت «میدل ایست آن لاین", "ایران آماده همکاری است")],
    ),
    # A part of a group speaks for it: `بسیاری از X`، `یکی از X`.
    (
        "بسیاری از دانشمندان عقیده دارند که واکسن این بیماری تا یک دهه دیگر کشف نمی‌شود.",
        [("indirect", "بسیاری از دانشمندان", "واکسن این بیماری تا یک دهه دیگر کشف نمی‌شود")],
    ),
    (
        "یکی از مقامات وزارت خارجه گفت: مذاکرات ادامه دارد.",
        [("direct", "یکی از مقامات وزارت خارجه", "مذاکرات ادامه دارد")],
    ),
    # An adverbial clause before the subject: `درپی ...،`، `به دنبال ...،`.
    (
        "درپی کاهش شدید قیمت گندم، کشاورزان منطقه گفتند که محصول خود را برداشت نمی‌کنند.",
        [("indirect", "کشاورزان منطقه", "محصول خود را برداشت نمی‌کنند")],
    ),
    # `در حالی ... که` opens a circumstance, not reported speech.
    ("وانونو این سخنان را در حالی بیان می‌کند که مصاحبه او با رسانه‌ها ممنوع است.", []),
    # Content before the cue: the subject is not part of it; a plural subject with a plural verb.
    (
        "علی لاریجانی این طرح را امری لازم شمرد.",
        [("indirect", "علی لاریجانی", "این طرح را امری لازم")],
    ),
    (
        "کارشناسان این سیاست را «نابودی حتمی متقابل» نامیده‌اند.",
        [("indirect", "کارشناسان", "این سیاست را «نابودی حتمی متقابل")],
    ),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_quotations(raw: str, expected: list[tuple[str, str, str]]) -> None:
    assert speakers(raw) == expected


def test_joint_speakers_get_one_quotation_each() -> None:
    raw = "امامعلی رحمان و امانوئل مکرون به رسانه‌ها گفتند که همکاری دو کشور گسترش می‌یابد."
    found = speakers(raw)
    assert [s for _, s, _ in found] == ["امامعلی رحمان", "امانوئل مکرون"]
    assert {c for _, _, c in found} == {"همکاری دو کشور گسترش می‌یابد"}


def test_source_line_is_a_source_not_a_speaker() -> None:
    raw = "به گزارش خبرگزاری فارس، علی لاریجانی گفت: مجلس این طرح را بررسی می‌کند."
    (q,) = find_quotes(analyze(raw))
    assert q.speaker is not None and q.speaker.text == "علی لاریجانی"
    assert q.source == "خبرگزاری فارس"


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample not present")
def test_sample_article() -> None:
    article = analyze(SAMPLE.read_text(encoding="utf-8"))
    quotes = article.quotes
    assert all(article.text[q.start : q.end] == q.content for q in quotes)
    direct = {
        (q.speaker.name_en if q.speaker else "", q.content[:12])
        for q in quotes
        if q.kind == "direct"
    }
    assert direct == {("Emmanuel Macron", "فرانسه و تاج"), ("Vladimir Putin", "تروریست‌های ")}
    indirect = [q for q in quotes if q.kind == "indirect"]
    by = {q.speaker.name_en for q in indirect if q.speaker}
    assert by == {"Emomali Rahmon", "Emmanuel Macron", "Saimumin Yatimov"}
    # `این مقام امنیتی تاجیکستان افزوده است که ...` is Yatimov.
    (added,) = [q for q in quotes if q.cue == "افزوده است"]
    assert added.speaker is not None and added.speaker.entity_id == "person:saimumin-yatimov"
    assert added.content.startswith("بیشترین تهدید")
    # The radio is the source of Yatimov's words, never a speaker.
    assert all(q.speaker and "خراسان" not in q.speaker.text for q in quotes)
    assert any("صدای خراسان" in q.source for q in quotes)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="گفت که «» : ، . وی او رحمان امامعلی اظهار داشت \n", max_size=120))
def test_quotations_are_spans_of_the_text(raw: str) -> None:
    article = analyze(raw)
    for q in find_quotes(article):
        assert 0 <= q.start <= q.end <= len(article.text)
        assert article.text[q.start : q.end] == q.content
