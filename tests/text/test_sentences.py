from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.text.sentences import MAX_QUOTE, split_sentences

Z = "\u200c"


def z(s: str) -> str:
    """Tables write ZWNJ as | for readability."""
    return s.replace("|", Z)


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


# (text, expected sentences); | stands for ZWNJ.
CASES = [
    # The sample: a quotation that ends with .» ends the sentence.
    (
        "امانوئل مکرون در گفت|وگو با رسانه|ها اظهار داشت: «فرانسه و تاجیکستان درباره تهدیدهای"
        " ناشی از بحران اخیر در افغانستان دغدغه|های مشترکی دارند.» او اطمینان داد که فرانسه"
        " در کنار این کشور می|ایستد.",
        [
            "امانوئل مکرون در گفت|وگو با رسانه|ها اظهار داشت: «فرانسه و تاجیکستان درباره"
            " تهدیدهای ناشی از بحران اخیر در افغانستان دغدغه|های مشترکی دارند.»",
            "او اطمینان داد که فرانسه در کنار این کشور می|ایستد.",
        ],
    ),
    ("او آمد. ما رفتیم.", ["او آمد.", "ما رفتیم."]),
    ("آیا او می|آید؟ بله، می|آید.", ["آیا او می|آید؟", "بله، می|آید."]),
    ("چه خبر خوبی! همه خوشحال شدند.", ["چه خبر خوبی!", "همه خوشحال شدند."]),
    ("واقعاً؟! باور نمی|کنم.", ["واقعاً؟!", "باور نمی|کنم."]),
    ("Is it true? Yes it is.", ["Is it true?", "Yes it is."]),
    # Decimals, versions and times are not boundaries.
    ("نرخ تورم ۳.۵ درصد شد. این رقم بالاست.", ["نرخ تورم ۳.۵ درصد شد.", "این رقم بالاست."]),
    ("نرخ رشد ۳٫۵ و 3.5 درصد بود.", ["نرخ رشد ۳٫۵ و 3.5 درصد بود."]),
    ("نسخه 1.2.3 منتشر شد. ساعت ۱۲:۳۰ بود.", ["نسخه 1.2.3 منتشر شد.", "ساعت ۱۲:۳۰ بود."]),
    ("سهم ایران ۱۲. سهم عراق ۸.", ["سهم ایران ۱۲.", "سهم عراق ۸."]),
    # Abbreviations and initials.
    ("به گزارش ج.ا.ا. این طرح اجرا شد.", ["به گزارش ج.ا.ا. این طرح اجرا شد."]),
    ("به گفته م. رضایی این تصمیم درست است.", ["به گفته م. رضایی این تصمیم درست است."]),
    ("آ. محمدی گفت که می|آید.", ["آ. محمدی گفت که می|آید."]),
    ("مقام|های U.S. این را تایید کردند.", ["مقام|های U.S. این را تایید کردند."]),
    ("Dr. Smith در این نشست سخنرانی کرد.", ["Dr. Smith در این نشست سخنرانی کرد."]),
    ("some cities, e.g. Paris, agreed.", ["some cities, e.g. Paris, agreed."]),
    ("او در سال ۵۰ ق.م. زاده شد. سپس رفت.", ["او در سال ۵۰ ق.م. زاده شد.", "سپس رفت."]),
    # URLs and emails.
    (
        "خبر در www.bbc.com/persian منتشر شد. متن کامل آنجاست.",
        ["خبر در www.bbc.com/persian منتشر شد.", "متن کامل آنجاست."],
    ),
    (
        "به https://example.com/a.html بروید. سپاس.",
        ["به https://example.com/a.html بروید.", "سپاس."],
    ),
    (
        "با info@example.com تماس بگیرید. پاسخ می|دهیم.",
        ["با info@example.com تماس بگیرید.", "پاسخ می|دهیم."],
    ),
    # A line break always ends a sentence, even without punctuation.
    ("عنوان خبر\nمتن خبر.", ["عنوان خبر", "متن خبر."]),
    ("بند اول.\n\n  بند دوم.  ", ["بند اول.", "بند دوم."]),
    ("۱. افزایش قیمت|ها\n۲. کاهش تولید", ["۱. افزایش قیمت|ها", "۲. کاهش تولید"]),
    # Quotations stay whole.
    ("«جمله اول. جمله دوم.» او گفت.", ["«جمله اول. جمله دوم.»", "او گفت."]),
    ("او گفت «نه. هرگز» و رفت. بعد برگشت.", ["او گفت «نه. هرگز» و رفت.", "بعد برگشت."]),
    ("او گفت: «می|آیم.»", ["او گفت: «می|آیم.»"]),
    ("او پرسید: «چرا؟» سپس رفت.", ["او پرسید: «چرا؟»", "سپس رفت."]),
    ("«چرا؟»، او پرسید.", ["«چرا؟»، او پرسید."]),
    (
        "او گفت: «رئیس گفت: «بروید. زود.» و ما رفتیم.» سپس خندید.",
        ["او گفت: «رئیس گفت: «بروید. زود.» و ما رفتیم.»", "سپس خندید."],
    ),
    ('او گفت: "می|آیم. حتما." بعد رفت.', ['او گفت: "می|آیم. حتما."', "بعد رفت."]),
    ("او گفت: “می|آیم. حتما.” بعد رفت.", ["او گفت: “می|آیم. حتما.”", "بعد رفت."]),
    (
        "(این خبر تایید نشده است.) منابع سکوت کردند.",
        ["(این خبر تایید نشده است.)", "منابع سکوت کردند."],
    ),
    # An unclosed quotation protects nothing, nor does one cut by a line break.
    (
        "او گفت: «می|آیم. بعد رفت. فردا برمی|گردد.",
        ["او گفت: «می|آیم.", "بعد رفت.", "فردا برمی|گردد."],
    ),
    (
        "او گفت: «می|آیم.\nبعد رفت. فردا برمی|گردد.»",
        ["او گفت: «می|آیم.", "بعد رفت.", "فردا برمی|گردد.»"],
    ),
    # Ellipses: free-standing or before lowercase Latin, mid-sentence; after a word, final.
    (
        "کشورهایی مانند ایران، عراق و ... شرکت کردند.",
        ["کشورهایی مانند ایران، عراق و ... شرکت کردند."],
    ),
    ("منتظر ماندیم… سپس رفتیم.", ["منتظر ماندیم…", "سپس رفتیم."]),
    ("منتظر ماندیم... سپس رفتیم.", ["منتظر ماندیم...", "سپس رفتیم."]),
    ("he said... and left.", ["he said... and left."]),
    # Whitespace around sentences is not part of them.
    ("  سلام.   خداحافظ.  ", ["سلام.", "خداحافظ."]),
    ("سلام دنیا", ["سلام دنیا"]),
    ("", []),
    (" \n\t ", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(z(text)) == [z(s) for s in expected]


def test_spans_are_offsets() -> None:
    assert split_sentences("  او آمد؟  بله.\n") == [(2, 9), (11, 15)]


def test_overlong_quotation_protects_nothing() -> None:
    inside = "جمله. " * (MAX_QUOTE // 5)
    text = f"او گفت: «{inside.strip()}» تمام."
    assert len(sentences(text)) > MAX_QUOTE // 5
    short = f"او گفت: «{'جمله. ' * 10}پایان.» تمام."
    assert sentences(short) == [short[: -len(" تمام.")], "تمام."]


SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "tajikistan-france-2021.txt"


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample article not available")
def test_sample_article() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    found = sentences(text)
    assert len(found) == 21
    assert found[3].endswith("دغدغههای مشترکی دارند.»")
    assert found[4].startswith("او اطمینان داد")


ALPHABET = st.sampled_from(list('اب پت«»"“”.!?؟…،:؛()\n \t\u200c۳3aU@#/-'))
TEXT = st.one_of(st.text(), st.text(alphabet=ALPHABET, max_size=200))


@given(TEXT)
def test_spans_cover_every_visible_character_once(text: str) -> None:
    spans = split_sentences(text)
    end = 0
    covered: set[int] = set()
    for s, e in spans:
        assert end <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        covered.update(range(s, e))
        end = e
    visible = {i for i, ch in enumerate(text) if not ch.isspace()}
    assert visible <= covered
    assert sum(e - s for s, e in spans) == len(covered)
