import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.model import LanguageGuess
from rasad.text.language import LANGUAGES, detect_language, detect_lines

SHARED = Path(__file__).resolve().parents[3] / "shared"
SAMPLE = SHARED / "samples" / "tajikistan-france-2021.txt"
DATA = SHARED / "data"

# (text, expected code): real-looking news sentences in each language.
SENTENCES = [
    # Persian (Iran), including news about Afghanistan written the Iranian way
    ("رئیس‌جمهور روز چهارشنبه در دیدار با وزیر خارجه فرانسه درباره برجام گفت‌وگو کرد.", "fa"),
    ("به گزارش ایرنا، قیمت دلار در بازار آزاد تهران به ۴۲ هزار تومان رسید.", "fa"),
    ("سفر رحمان به پاریس", "fa"),
    (
        "به گزارش ایرنا، طالبان روز سه‌شنبه کنترل ولسوالی‌های شمالی ولایت بدخشان را به دست "
        "گرفتند و والی این ولایت از دولت کابل کمک خواست.",
        "fa",
    ),
    (
        "نمایندگان ولسی جرگه افغانستان در نشستی با حضور وزیر دفاع این کشور، درباره وضعیت "
        "امنیتی ولسوالی‌های شمالی پرسش کردند.",
        "fa",
    ),
    # Persian with Arabic ي and ك, as older Iranian sites write it
    ("وي در اين ديدار گفت كه همكاري دو كشور در زمينه انرژي ادامه خواهد يافت.", "fa"),
    # Dari (Afghanistan)
    (
        "به گزارش پژواک، قوماندانی امنیه ولایت هرات روز پنجشنبه ۲۰ حوت اعلام کرد که پولیس "
        "دو تن را به اتهام قاچاق مواد مخدر بازداشت کرده است.",
        "prs",
    ),
    (
        "وزارت معارف می‌گوید که بیش از ۳۰ فیصد مکاتب در ولسوالی‌های دوردست تشناب ندارند.",
        "prs",
    ),
    (
        "ښاغلی احمدی گفت که شاروالی کابل برای بازسازی سرک‌ها ۵۰ ملیون افغانی هزینه کرده است.",
        "prs",
    ),
    # Pashto
    ("د افغانستان د بهرنیو چارو وزارت ویاند وویل چې له ایران سره خبرې به دوام ولري.", "ps"),
    ("په کابل کې د پولیسو ویاند وايي چې دوه کسان نیول شوي دي.", "ps"),
    # Urdu
    ("وزیر اعظم نے کہا کہ پاکستان اور ایران کے درمیان تجارت بڑھانے کی ضرورت ہے۔", "ur"),
    ("اسلام آباد میں ہونے والے اجلاس میں کئی اہم فیصلے کیے گئے ہیں۔", "ur"),
    # Arabic, as published and as rasad's normalizer rewrites it (ي>ی, ك>ک, ة>ه)
    ("قال وزير الخارجية الإيراني إن بلاده لن تتفاوض تحت الضغط.", "ar"),
    ("أعلنت وزارة الصحة في العراق عن تسجيل حالات جديدة في محافظة البصرة.", "ar"),
    ("أعلنت وزاره الصحه فی العراق عن تسجیل حالات جدیده فی محافظه البصره.", "ar"),
    # Tajik and Russian
    ("Эмомалӣ Раҳмон дар Душанбе бо сафири Фаронса мулоқот кард", "tg"),
    ("Вазорати корҳои хориҷии Тоҷикистон дар ин бора изҳорот нашр кард.", "tg"),
    ("Президент России Владимир Путин провёл переговоры с президентом Таджикистана.", "ru"),
    ("Поделиться в соцсетях", "ru"),
    # Latin script
    ("Emmanuel Macron said France would stand by Tajikistan against the threats.", "en"),
    ("Le président français a reçu son homologue tadjik au palais de l'Élysée.", "fr"),
    ("Der tadschikische Präsident traf Bundeskanzlerin Merkel in Berlin.", "de"),
    ("Cumhurbaşkanı Erdoğan, İranlı mevkidaşı ile Tahran'da görüştü.", "tr"),
    # Other scripts
    ("Ο πρωθυπουργός συναντήθηκε με τον πρόεδρο της Γαλλίας.", "el"),
]

# Lines met inside a Persian article: furniture in English, short Persian lines.
LINES = [
    ("Read More", "en"),
    ("This section contains relevant reference points, placed in (Inner related node field)", "en"),
    ("All rights reserved 2021", "en"),
    ("Share", "en"),
    ("ادامه مطلب", "fa"),
    ("کد خبر: ۱۲۳", "fa"),
    ("بیشتر بخوانید:", "fa"),
    ("قیمت iPhone 13 در بازار تهران به ۴۰ میلیون تومان رسید.", "fa"),
    ("مکرون در گفت‌وگو با CNN گفت که فرانسه در کنار تاجیکستان می‌ایستد.", "fa"),
    ("در سال 2021 بیش از 120 هزار نفر به این کشور سفر کردند.", "fa"),
]

UNDECIDABLE = ["", "   ", "\n", "۱۲۳۴", "2021-10-13", "12:30", "!!! ... ؟", "« — »", "٪۵۰", "a"]


@pytest.mark.parametrize(("text", "code"), SENTENCES)
def test_sentences(text: str, code: str) -> None:
    guess = detect_language(text)
    assert guess.code == code
    assert guess.confidence >= 0.3


@pytest.mark.parametrize(("line", "code"), LINES)
def test_lines_of_a_persian_article(line: str, code: str) -> None:
    guess = detect_language(line)
    assert guess.code == code
    assert guess.confidence >= 0.4


@pytest.mark.parametrize("text", UNDECIDABLE)
def test_undecidable(text: str) -> None:
    assert detect_language(text) == LanguageGuess("und", 0.0)


def test_english_furniture_is_confident() -> None:
    assert detect_language("Read More").confidence >= 0.6
    long_line = (
        "This section contains relevant reference points, placed in (Inner related node field)"
    )
    assert detect_language(long_line).confidence >= 0.9


def test_mixed_line_confidence_follows_script_share() -> None:
    pure = detect_language("او گفت که گوشی جدید عرضه شد")
    mixed = detect_language("او گفت که گوشی جدید Samsung Galaxy عرضه شد")
    assert pure.code == mixed.code == "fa"
    assert mixed.confidence < pure.confidence


def test_one_dari_marker_is_not_enough() -> None:
    assert detect_language("پولیس کابل دو تن را بازداشت کرد.").code == "fa"
    assert detect_language("پولیس کابل روز ۱۵ سنبله دو تن را بازداشت کرد.").code == "prs"


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample missing")
def test_sample_article() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    guess = detect_language(text)
    assert guess.code == "fa" and guess.confidence >= 0.8
    lines = text.split("\n")
    guesses = detect_lines(lines)
    assert len(guesses) == len(lines)
    english = {i for i, g in enumerate(guesses) if g.code == "en"}
    assert english == {5, 6}  # lines 6 and 7
    assert all(g.code == "fa" for i, g in enumerate(guesses) if i not in english and lines[i])
    assert all(guesses[i].confidence >= 0.6 for i in english)


def test_long_text() -> None:
    paragraph = SENTENCES[0][0] + " " + SENTENCES[1][0]
    text = "\n".join([paragraph] * 200 + ["Read More"])
    assert len(text) > 20_000
    assert detect_language(text).code == "fa"
    assert [g.code for g in detect_lines(text.split("\n"))] == ["fa"] * 200 + ["en"]


def test_detect_lines_matches_detect_language() -> None:
    lines = [t for t, _ in SENTENCES + LINES] + UNDECIDABLE + ["Read More"]
    assert detect_lines(lines) == [detect_language(line) for line in lines]
    assert detect_lines([]) == []


def test_languages_names_every_code() -> None:
    codes = {code for _, code in SENTENCES + LINES} | {"und"}
    assert codes <= LANGUAGES.keys()
    assert all(name and name[0].isupper() for name in LANGUAGES.values())


@given(st.text())
def test_any_text_gives_a_valid_guess(text: str) -> None:
    guess = detect_language(text)
    assert guess.code in LANGUAGES
    assert 0.0 <= guess.confidence <= 1.0
    assert (guess.code == "und") == (guess.confidence == 0.0)


@given(st.lists(st.text(max_size=40), max_size=8))
def test_any_lines_give_one_guess_each(lines: list[str]) -> None:
    guesses = detect_lines(lines)
    assert len(guesses) == len(lines)
    assert all(g.code in LANGUAGES and 0.0 <= g.confidence <= 1.0 for g in guesses)


def test_import_is_cheap_and_persian_needs_no_model() -> None:
    code = (
        "import sys\n"
        "from rasad.text.language import detect_language, detect_lines\n"
        "assert 'py3langid' not in sys.modules\n"
        "detect_lines(['سلام بر همه', 'وزیر اعظم نے کہا کہ', 'د کابل ښار', '۱۲۳'])\n"
        "assert 'py3langid' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_persian_article_is_fast() -> None:
    text = "\n".join(t for t, code in SENTENCES if code == "fa") * 3  # about 2,000 characters
    detect_language(text)
    start = time.perf_counter()
    for _ in range(200):
        detect_language(text)
    per_article = (time.perf_counter() - start) / 200
    assert per_article < 0.002  # about 0.1 ms on a laptop; the bound only catches regressions


def _share(texts: list[str], code: str) -> float:
    return sum(detect_language(t).code == code for t in texts) / len(texts)


@pytest.mark.skipif(not (DATA / "hamshahri-rss").exists(), reason="shared data missing")
def test_hamshahri_summaries_are_persian() -> None:
    items = json.loads((DATA / "hamshahri-rss" / "hamshahri.json").read_text(encoding="utf-8"))
    summaries = [x["summary"] for x in items if x["summary"].strip()]
    assert len(summaries) > 2000
    assert _share(summaries, "fa") >= 0.98


@pytest.mark.skipif(not (DATA / "farsnews-2008").exists(), reason="shared data missing")
def test_iranian_articles_are_not_dari() -> None:
    articles = []
    for path in sorted((DATA / "farsnews-2008").glob("*.json")):
        for x in json.loads(path.read_text(encoding="utf-8")):
            text = "\n".join([x["title"], x["abstract"], *x["paragraphs"]])
            if len(text) > 200:
                articles.append(text)
    assert len(articles) > 1000
    assert _share(articles, "fa") >= 0.99
    assert _share(articles, "prs") == 0.0


@pytest.mark.skipif(not (DATA / "parstext").exists(), reason="shared data missing")
def test_parstext_pairs() -> None:
    pairs = json.loads((DATA / "parstext" / "json" / "bbc.json").read_text(encoding="utf-8"))
    assert _share([p["farsi"] for p in pairs], "fa") >= 0.98
    assert _share([p["tajik"] for p in pairs], "tg") >= 0.97


# Cyrillic: Tajik told from Russian and the Turkic languages by letters and function words.
CYRILLIC = [
    ("Эмомалӣ Раҳмон дар Душанбе бо сафири Фаронса мулоқот кард.", "tg"),
    ("Сӯҳроби Зиё аз шаҳри Душанбе гузориш медиҳад.", "tg"),
    # Tajik typed on a Russian keyboard: х for ҳ, ч for ҷ, и for ӣ, у for ӯ, к for қ
    ("Эмомали Рахмон накши зиёиёни кишварро ба унвони куввае дар чомеа мухим хонд.", "tg"),
    ("Раҳмон дар Душанбе", "tg"),
    ("Эмомалӣ Раҳмон", "tg"),
    # Russian, also with a Tajik name spelt the Tajik way
    ("Президент Таджикистана Эмомали Рахмон встретился в Душанбе с президентом Франции.", "ru"),
    ("Президент Таджикистана Эмомалӣ Раҳмон встретился в Душанбе с президентом Франции.", "ru"),
    ("Министр иностранных дел России Сергей Лавров прибыл в Душанбе, где встретится с коллегой.",
     "ru"),
    # Uzbek shares ғ қ ҳ with Tajik; Kazakh and Kyrgyz have letters of their own
    ("Ўзбекистон Президенти Шавкат Мирзиёев бугун Тошкентда меҳмонлар билан учрашди.", "uz"),
    ("Қазақстан Республикасының Президенті Қасым-Жомарт Тоқаев бүгін Астанада кездесті.", "kk"),
    ("Кыргыз Республикасынын Президенти Садыр Жапаров бүгүн Бишкекте конокторду кабыл алды.",
     "ky"),
    ("Українська мова є державною мовою в Україні.", "uk"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CYRILLIC)
def test_cyrillic_languages(text: str, expected: str) -> None:
    assert detect_language(text).code == expected


@pytest.mark.skipif(not (DATA / "parstext").exists(), reason="shared data missing")
def test_every_parstext_tajik_sentence_of_some_length_is_tajik() -> None:
    tajik = []
    for name in ("bbc.json", "dr.json"):
        pairs = json.loads((DATA / "parstext" / "json" / name).read_text(encoding="utf-8"))
        tajik += [p["tajik"] for p in pairs if len(p["tajik"].split()) >= 6]
    assert len(tajik) > 1000
    assert _share(tajik, "tg") >= 0.99
