"""Quotations: cues, direct and reported speech and their spans (speakers: test_speakers.py)."""

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
        "توصیف نمود", "تلقی کرد", "تشبیه کرد", "پیش‌بینی کرد", "می‌فرماید", "فرمودند",
        "نتیجه گرفت", "ابراز اطمینان کرد", "پیشنهاد داد", "درخواست کردند", "در خواست کرد",
        "متهم کرد", "تفسیر کردند", "امیدوارند", "امیدوار است", "معترف هستند",
        "خاطر‌نشان کرد",
    ],
)  # fmt: skip
def test_reporting_verbs_in_every_tense(cue: str) -> None:
    assert CUE.fullmatch(cue)


@pytest.mark.parametrize("word", ["گفتگو", "گفت‌وگو", "نگفت", "گفته‌ها", "افزودنی", "اعلامیه"])
def test_words_that_are_not_cues(word: str) -> None:
    assert not CUE.search(word)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # The perfect without `است` reports only before `که` or a colon.
        ("عراقچی اعلام کرده که مذاکرات ادامه دارد", "اعلام کرده"),
        ("وی گفته: مذاکرات ادامه دارد", "گفته"),
        ("اعلام کرده بودند", "اعلام کرده بودند"),
        # The past continuous reports only before a colon.
        ("تظاهرکنندگان فریاد می‌زدند: «مرگ بر آمریکا»", "فریاد می‌زدند"),
        ("او همیشه می‌گفت که", None),
    ],
)
def test_cue_forms_that_need_what_follows(text: str, cue: str | None) -> None:
    m = CUE.search(text)
    assert (m.group() if m else None) == cue


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
    # به گفته X، ...
    (
        "به گفته عباس عراقچی، مذاکرات ادامه خواهد یافت.",
        [("indirect", "عباس عراقچی", "مذاکرات ادامه خواهد یافت")],
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
    # `به گفته X` without a comma; `بر اساس اعلام X،`.
    (
        "به گفته پلیس عراق ساکنان محلی به کمک نیروهای امنیتی شتافتند.",
        [("indirect", "پلیس عراق", "ساکنان محلی به کمک نیروهای امنیتی شتافتند")],
    ),
    (
        "بر اساس اعلام وزارت بهداشت، شمار بیماران در هفته گذشته کاهش یافته است.",
        [("indirect", "وزارت بهداشت", "شمار بیماران در هفته گذشته کاهش یافته است")],
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
    # The formal light verb (`نمود`) and evaluations with their content before `را`;
    # the content never starts inside the speaker's name.
    (
        "علی لاریجانی وضعیت سدهای کشور را مناسب توصیف نمود.",
        [("indirect", "علی لاریجانی", "وضعیت سدهای کشور را مناسب")],
    ),
    (
        "عباس عراقچی تعداد مسافران نوروزی را سه میلیون نفر پیش‌بینی کرد.",
        [("indirect", "عباس عراقچی", "تعداد مسافران نوروزی را سه میلیون نفر")],
    ),
    # The present as well as the past (`می‌داند`), and `X ... CUE و CUE`: one speaker.
    (
        "محمد خاتمی بیکاری را مهم‌ترین مشکل جوانان می‌داند و معتقد است: دولت باید اشتغال ایجاد کند.",
        [
            ("indirect", "محمد خاتمی", "بیکاری را مهم‌ترین مشکل جوانان"),
            ("direct", "محمد خاتمی", "دولت باید اشتغال ایجاد کند"),
        ],
    ),
    # ... but a view in the present inside someone's quotation is theirs, not a report.
    (
        "عباس عراقچی گفت: ما این طرح را گامی مثبت می‌دانیم و مردم آن را مهم می‌دانند.",
        [("direct", "عباس عراقچی", "ما این طرح را گامی مثبت می‌دانیم و مردم آن را مهم می‌دانند")],
    ),
    # Religious quotations: `می‌فرماید`.
    (
        "امام علی (ع) می‌فرماید: «دانش بهتر از ثروت است.»",
        [("direct", "امام علی", "دانش بهتر از ثروت است")],
    ),
    # The perfect without `است` before `که`; `این گفته که` is a noun.
    (
        "عباس عراقچی اعلام کرده که دور بعدی مذاکرات در ژنو برگزار می‌شود.",
        [("indirect", "عباس عراقچی", "دور بعدی مذاکرات در ژنو برگزار می‌شود")],
    ),
    ("این گفته که دولت از مجلس حمایت نمی‌کند درست نیست.", []),
    # `به نوشته X،` names a speaker; `به قول معروف` is a saying.
    (
        "به نوشته روزنامه گاردین، دولت انگلیس بودجه دفاعی را افزایش می‌دهد.",
        [("indirect", "روزنامه گاردین", "دولت انگلیس بودجه دفاعی را افزایش می‌دهد")],
    ),
    ("به قول معروف، کار از محکم‌کاری عیب نمی‌کند.", []),
    # A new speaker inside a colon quotation ends it and starts a quotation of their own.
    (
        "محمد جواد ظریف گفت: ما آماده گفت‌وگو هستیم، عباس عراقچی نیز در ادامه این نشست "
        "افزود: دور بعدی در ژنو است.",
        [
            ("direct", "محمد جواد ظریف", "ما آماده گفت‌وگو هستیم"),
            ("direct", "عباس عراقچی", "دور بعدی در ژنو است"),
        ],
    ),
    # A demand inside guillemets is a quotation too; so is a report inside a quotation,
    # and `خبر داد و گفت` is one speaker.
    (
        "عباس عراقچی گفت: «علی لاریجانی خواستار ادامه مذاکرات است.»",
        [
            ("direct", "عباس عراقچی", "علی لاریجانی خواستار ادامه مذاکرات است"),
            ("indirect", "علی لاریجانی", "ادامه مذاکرات"),
        ],
    ),
    (
        "عباس عراقچی گفت: علی لاریجانی از ادامه مذاکرات خبر داد و گفت که نشست بعدی در ژنو است.",
        [
            (
                "direct",
                "عباس عراقچی",
                "علی لاریجانی از ادامه مذاکرات خبر داد و گفت که نشست بعدی در ژنو است",
            ),
            ("indirect", "علی لاریجانی", "ادامه مذاکرات"),
            ("indirect", "علی لاریجانی", "نشست بعدی در ژنو است"),
        ],
    ),
    # More reporting verbs; the subject stops before the object that `را` marks.
    (
        "مقامات عراقی امیدوارند که انتخابات در آرامش برگزار شود.",
        [("indirect", "مقامات عراقی", "انتخابات در آرامش برگزار شود")],
    ),
    (
        "کشاورزان منطقه در پایان از مسئولان استان در خواست کردند که محصول آنها را خریداری کنند.",
        [("indirect", "کشاورزان منطقه", "محصول آنها را خریداری کنند")],
    ),
    (
        "تظاهرکنندگان فریاد می‌زدند: «مرگ بر آمریکا».",
        [("direct", "تظاهرکنندگان", "مرگ بر آمریکا")],
    ),
    # `در ادامه این بیانیه آمده است`: the issuer of the last document.
    (
        "در بیانیه ستاد بحران استان قم آمده است: مدارس شهر امروز تعطیل است.\n"
        "در ادامه این بیانیه آمده است: همه راه‌های استان باز است.",
        [
            ("direct", "ستاد بحران استان قم", "مدارس شهر امروز تعطیل است"),
            ("direct", "ستاد بحران استان قم", "همه راه‌های استان باز است"),
        ],
    ),
    # `... که در آن اعلام شده`: the party named just before issued it; none named, none guessed.
    (
        "عمرو موسی گفت که نامه‌ای از دولت عربستان دریافت کرده که در آن اعلام شده "
        "ریاض آماده میزبانی نشست است.",
        [
            (
                "indirect",
                "عمرو موسی",
                "نامه‌ای از دولت عربستان دریافت کرده که در آن اعلام شده ریاض آماده میزبانی نشست است",
            ),
            ("indirect", "عربستان", "ریاض آماده میزبانی نشست است"),
        ],
    ),
    ("نشریه‌ای که در آن اعلام شده این طرح متوقف می‌شود توقیف شد.", []),
    # `نام برد` with its content after `از` or before `را`.
    (
        "علی دایی از جواد نکونام به عنوان بهترین بازیکن تیم ملی نام برد.",
        [("indirect", "علی دایی", "جواد نکونام به عنوان بهترین بازیکن تیم ملی")],
    ),
    (
        "علی دایی نظم را رمز موفقیت تیم نام برد.",
        [("indirect", "علی دایی", "نظم را رمز موفقیت تیم")],
    ),
    # `این گزارش حاکی است،` is the agency's report, not `این ...` referring back;
    # a comma after `پیشنهاد داد`، `در خواست کردند` opens the content.
    (
        "عباس عراقچی گفت: مذاکرات ادامه دارد.\nاین گزارش حاکی است، فرانسه در نشست وزیران "
        "خارجه اروپا پیشنهاد داد، تحریم‌های تازه علیه سوریه وضع شود.",
        [
            ("direct", "عباس عراقچی", "مذاکرات ادامه دارد"),
            ("indirect", "فرانسه", "تحریم‌های تازه علیه سوریه وضع شود"),
        ],
    ),
    # An interview: `X: ...` after question paragraphs opens X's answer, and each paragraph
    # up to the next question is X's too.
    (
        "گاز ایران به اروپا می‌رسد\n"
        "به گزارش خبرگزاری فارس، بیژن زنگنه وزیر نفت در گفت‌وگو با یک روزنامه آلمانی "
        "درباره صادرات گاز صحبت کرد.\n"
        "سؤال: خط لوله تا کی تکمیل می‌شود؟\n"
        "زنگنه: ساخت خط لوله تا دو سال دیگر تمام می‌شود.\n"
        "قیمت گاز هنوز تعیین نشده است.\n"
        "سؤال: آیا اروپا خریدار است؟\n"
        "زنگنه: چند کشور اروپایی آمادگی خرید دارند.",
        [
            ("direct", "بیژن زنگنه", "ساخت خط لوله تا دو سال دیگر تمام می‌شود"),
            ("direct", "بیژن زنگنه", "قیمت گاز هنوز تعیین نشده است"),
            ("direct", "بیژن زنگنه", "چند کشور اروپایی آمادگی خرید دارند"),
        ],
    ),
    # `پیشنهاد کرد که`; after an object (`طرحی را پیشنهاد کرد که`) the `که` is relative.
    (
        "علی لاریجانی به وزیران پیشنهاد کرد که بودجه استان‌ها زودتر پرداخت شود.",
        [("indirect", "علی لاریجانی", "بودجه استان‌ها زودتر پرداخت شود")],
    ),
    ("علی لاریجانی طرحی را پیشنهاد کرد که مجلس باید آن را بررسی کند.", []),
    # `... را یادآور شد`: the content before `را`.
    (
        "علی لاریجانی لزوم همکاری دو قوه را یادآور شد.",
        [("indirect", "علی لاریجانی", "لزوم همکاری دو قوه را")],
    ),
    # `با طرح این پرسش که ...` is a preamble; `بر این باور است` reports without `که`.
    (
        "عباس عراقچی با طرح این پرسش که چرا تحریم‌ها لغو نشده است، گفت: مذاکرات ادامه دارد.",
        [
            ("indirect", "عباس عراقچی", "چرا تحریم‌ها لغو نشده است"),
            ("direct", "عباس عراقچی", "مذاکرات ادامه دارد"),
        ],
    ),
    (
        "محمد خاتمی بر این باور است دولت باید اشتغال ایجاد کند.",
        [("indirect", "محمد خاتمی", "دولت باید اشتغال ایجاد کند")],
    ),
    # `از X خواست تا ...`: the request after `تا`.
    (
        "استاندار تهران از مردم خواست تا در مصرف آب صرفه‌جویی کنند.",
        [("indirect", "استاندار تهران", "در مصرف آب صرفه‌جویی کنند")],
    ),
    # A pronoun object (`و آن را ... اعلام کردند`) or the speakers' own one right before
    # the cue (`اعتراض خود را اعلام کردند`) gives no content.
    ("ایران و روسیه در این زمینه توافق کردند و آن را به طور رسمی اعلام کردند.", []),
    ("کارگران کارخانه اعتراض خود را اعلام کردند.", []),
    # `به نقل از X آمده است:` quotes X's own text.
    (
        "به گزارش خبرگزاری فارس به نقل از دادسرای عمومی تهران آمده است: "
        "پرونده این شرکت به دادگاه فرستاده شد.",
        [("direct", "دادسرای عمومی تهران", "پرونده این شرکت به دادگاه فرستاده شد")],
    ),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_quotations(raw: str, expected: list[tuple[str, str, str]]) -> None:
    assert speakers(raw) == expected


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
