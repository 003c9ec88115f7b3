"""The shipped knowledge base and its lookup API (src/rasad/extract/kb.py)."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from rasad.extract.kb import (
    _TITLE_SYNONYMS,
    TITLE_SYNONYMS,
    TYPES,
    Entity,
    KnowledgeBase,
    Office,
    _title_base,
    load_kb,
    name_key,
    title_key,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def records() -> list[dict[str, Any]]:
    path = resources.files("rasad") / "resources" / "kb" / "entities.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("رئیس‌جمهور", "رییسجمهور"),
        ("رئيس جمهور", "رییس جمهور"),  # Arabic yeh
        ("رییس جمهور", "رییس جمهور"),
        ("تأسیسات", "تاسیسات"),
        ("مؤمن", "مومن"),
        ("  Эмомалӣ   Раҳмон ", "эмомалӣ раҳмон"),
        ("Tajikistan", "tajikistan"),
        ("کرهٔ جنوبی", "کره جنوبی"),
        ("سید مومن یتماُف", "سید مومن یتماف"),
        ("كشور ۱۲", "کشور 12"),
    ],
)
def test_name_key(text: str, key: str) -> None:
    assert name_key(text) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("رئیس‌جمهور", "رئیس جمهور"),
        ("رئیس‌جمهور", "رئیس‌جمهوری"),
        ("رئیس‌جمهور", "رئيسجمهور"),
        ("وزیر خارجه", "وزیر امور خارجه"),
        ("نخست‌وزیر", "نخست وزیر"),
        ("صدراعظم", "نخست‌وزیر"),
        ("وزیر داخله", "وزیر کشور"),
    ],
)
def test_title_variants_share_a_key(a: str, b: str) -> None:
    assert title_key(a) == title_key(b)


def test_title_table_keys_match_title_key() -> None:
    assert {title_key(k) for k in _TITLE_SYNONYMS} == set(TITLE_SYNONYMS.values())
    assert all(title_key(k) == TITLE_SYNONYMS[_title_base(k)] for k in _TITLE_SYNONYMS)


@pytest.mark.parametrize(
    ("name", "entity_id"),
    [
        ("دوشنبه", "city:dushanbe"),
        ("Душанбе", "city:dushanbe"),
        ("Dushanbe", "city:dushanbe"),
        ("تاجیکستان", "country:TJ"),
        ("تاجکستان", "country:TJ"),
        ("Тоҷикистон", "country:TJ"),
        ("Tajikistan", "country:TJ"),
        ("Таджикистан", "country:TJ"),
        ("امریکا", "country:US"),
        ("ایالات متحدهٔ آمریکا", "country:US"),
        ("کره جنوبی", "country:KR"),
        ("کوریای جنوبی", "country:KR"),
        ("سری لانکا", "country:LK"),
        ("Bosnia & Herzegovina", "country:BA"),
        ("میانمار", "country:MM"),
        ("Kosovo", "country:XK"),
        ("آسیای مرکزی", "loc:central-asia"),
        ("Осиёи Миёна", "loc:central-asia"),
        ("کابل", "city:kabul"),
        ("Маскав", "city:moscow"),
        ("Москва", "city:moscow"),
        ("پکن", "city:beijing"),
        ("سمرقند", "city:samarkand"),
        ("خجند", "city:khujand"),
        ("Хуҷанд", "city:khujand"),
        ("Худжанд", "city:khujand"),
        ("مزارشریف", "city:mazar-i-sharif"),
        ("ولایت خودمختار کوهستان بدخشان", "loc:gbao"),
    ],
)
def test_lookup(kb: KnowledgeBase, name: str, entity_id: str) -> None:
    assert entity_id in [e.id for e in kb.lookup(name)]


@pytest.mark.parametrize(
    ("name", "entity_id"),
    [
        ("جامعه همسو", "org:cis"),
        ("کشورهای مشترک‌المنافع", "org:cis"),
        ("کشورهای مشترکالمنافع", "org:cis"),  # as the sample writes it, without ZWNJ
        ("کشورهای مشترک المنافع", "org:cis"),
        ("جامعه کشورهای مستقل همسود", "org:cis"),
        ("Иттиҳоди Давлатҳои Мустақил", "org:cis"),
        ("ИДМ", "org:cis"),
        ("СНГ", "org:cis"),
        ("سازمان ملل", "org:un"),
        ("سازمان ملل متحد", "org:un"),
        ("شورای امنیت سازمان ملل", "org:unsc"),
        ("سازمان همکاری شانگهای", "org:sco"),
        ("سازمان پیمان امنیت جمعی", "org:csto"),
        ("ناتو", "org:nato"),
        ("اتحادیه اروپا", "org:eu"),
        ("سازمان همکاری اسلامی", "org:oic"),
        ("اکو", "org:eco"),
        ("اوپک", "org:opec"),
        ("آژانس بین المللی انرژی اتمی", "org:iaea"),
        ("یوناما", "org:unama"),
        ("کمیته دولتی امنیت ملی تاجیکستان", "org:gknb-tj"),
        ("کمیته دولتی امنیت ملی", "org:gknb-tj"),
        ("Кумитаи давлатии амнияти миллӣ", "org:gknb-tj"),
        ("طالبان", "group:taliban"),
        ("امارت اسلامی افغانستان", "group:taliban"),
        ("Толибон", "group:taliban"),
        ("جبهه مقاومت ملی", "group:nrf"),
        ("جبهه مقاومت ملی افغانستان", "group:nrf"),
        ("جماعت انصارالله", "group:jamaat-ansarullah"),
        ("انصارالله", "group:houthis"),
        ("حوثی ها", "group:houthis"),
        ("داعش", "group:isis"),
        ("داعش خراسان", "group:isis-k"),
        ("ولایت خراسان", "group:isis-k"),
        ("القاعده", "group:al-qaeda"),
        ("حزب الله", "group:hezbollah"),
        ("جیش العدل", "group:jaish-al-adl"),
        ("پ ک ک", "group:pkk"),
        ("پکک", "group:pkk"),
        ("سپاه پاسداران", "org:irgc"),
        ("وزارت خارجه ایران", "org:mfa-ir"),
        ("وزارت امور خارجه روسیه", "org:mfa-ru"),
        ("سرویس امنیت فدرال روسیه", "org:fsb"),
        ("کاخ کرملین", "fac:kremlin"),
        ("کرملین", "fac:kremlin"),
        ("کاخ الیزه", "fac:elysee"),
        ("کاخ سفید", "fac:white-house"),
        ("رادیو آزادی", "org:rferl"),
        ("بی بی سی فارسی", "org:bbc-persian"),
        ("خبرگزاری ایرنا", "org:irna"),
        ("طلوعنیوز", "org:tolo-news"),
        ("صدای خراسان", "org:sadoi-khuroson"),
        ("پایگاه نظامی 201 روسیه", "fac:201st-base"),
        ("تاسیسات هسته‌ای نطنز", "fac:natanz"),
    ],
)
def test_lookup_organizations(kb: KnowledgeBase, name: str, entity_id: str) -> None:
    assert kb.lookup(name)[0].id == entity_id


@pytest.mark.parametrize(
    ("entity_id", "type_", "name_en", "country"),
    [
        ("org:cis", "ORG", "Commonwealth of Independent States", None),
        ("org:gknb-tj", "ORG", "State Committee for National Security of Tajikistan", "TJ"),
        ("group:taliban", "ORG", "Taliban", "AF"),
        ("group:nrf", "ORG", "National Resistance Front of Afghanistan", "AF"),
        ("group:jamaat-ansarullah", "ORG", "Jamaat Ansarullah", None),
        ("fac:elysee", "FAC", "Élysée Palace", "FR"),
        ("fac:kremlin", "FAC", "Kremlin", "RU"),
    ],
)
def test_organization_records(
    kb: KnowledgeBase, entity_id: str, type_: str, name_en: str, country: str | None
) -> None:
    entity = kb.get(entity_id)
    assert entity is not None
    assert (entity.type, entity.name_en, entity.country) == (type_, name_en, country)


@pytest.mark.parametrize(
    ("name", "entity_id"),
    [
        ("امامعلی رحمان", "person:emomali-rahmon"),
        ("امام‌علی رحمان", "person:emomali-rahmon"),
        ("امامعلی رحمانف", "person:emomali-rahmon"),
        ("Эмомалӣ Раҳмон", "person:emomali-rahmon"),
        ("Emomali Rahmon", "person:emomali-rahmon"),
        ("سید مومن یتماُف", "person:saimumin-yatimov"),  # as the sample writes it
        ("سید مومن یتیموف", "person:saimumin-yatimov"),
        ("Саймумин Ятимов", "person:saimumin-yatimov"),
        ("ولادیمیر پوتین", "person:vladimir-putin"),
        ("Владимир Путин", "person:vladimir-putin"),
        ("امانوئل مکرون", "person:emmanuel-macron"),
        ("قاهر رسول‌زاده", "person:kokhir-rasulzoda"),
        ("سراج‌الدین مهرالدین", "person:sirojiddin-muhriddin"),
        ("رستم امامعلی", "person:rustam-emomali"),
        ("هبت‌الله آخوندزاده", "person:hibatullah-akhundzada"),
        ("محمد حسن آخوند", "person:mohammad-hassan-akhund"),
        ("امیرخان متقی", "person:amir-khan-muttaqi"),
        ("ذبیح الله مجاهد", "person:zabihullah-mujahid"),
        ("سراج‌الدین حقانی", "person:sirajuddin-haqqani"),
        ("ملا عبدالغنی برادر", "person:abdul-ghani-baradar"),
        ("اشرف غنی", "person:ashraf-ghani"),
        ("حامد کرزی", "person:hamid-karzai"),
        ("عبدالله عبدالله", "person:abdullah-abdullah"),
        ("امرالله صالح", "person:amrullah-saleh"),
        ("احمد مسعود", "person:ahmad-massoud"),
        ("آیت‌الله خامنه‌ای", "person:ali-khamenei"),
        ("ابراهیم رئیسی", "person:ebrahim-raisi"),
        ("مسعود پزشکیان", "person:masoud-pezeshkian"),
        ("محمد جواد ظریف", "person:mohammad-javad-zarif"),
        ("حسین امیرعبداللهیان", "person:hossein-amir-abdollahian"),
        ("عباس عراقچی", "person:abbas-araghchi"),
        ("شوکت میرضیایف", "person:shavkat-mirziyoyev"),
        ("صدر ژاپاروف", "person:sadyr-japarov"),
        ("قاسم‌جومارت توکایف", "person:kassym-jomart-tokayev"),
        ("قربانقلی بردی محمدف", "person:gurbanguly-berdimuhamedow"),
        ("سردار بردی‌محمدف", "person:serdar-berdimuhamedow"),
        ("عمران خان", "person:imran-khan"),
        ("شهباز شریف", "person:shehbaz-sharif"),
        ("سرگئی لاوروف", "person:sergey-lavrov"),
        ("میخائیل میشوستین", "person:mikhail-mishustin"),
        ("شی جین پینگ", "person:xi-jinping"),
        ("وانگ یی", "person:wang-yi"),
        ("جو بایدن", "person:joe-biden"),
        ("دونالد ترامپ", "person:donald-trump"),
        ("آنتونی بلینکن", "person:antony-blinken"),
        ("مارکو روبیو", "person:marco-rubio"),
        ("اولاف شولتس", "person:olaf-scholz"),
        ("نارندرا مودی", "person:narendra-modi"),
        ("رجب طیب اردوغان", "person:recep-tayyip-erdogan"),
        ("آنتونیو گوترش", "person:antonio-guterres"),
    ],
)
def test_lookup_people(kb: KnowledgeBase, name: str, entity_id: str) -> None:
    assert kb.lookup(name)[0].id == entity_id


@pytest.mark.parametrize("surname", ["رحمان", "پوتین", "مکرون", "خامنه‌ای", "یتیموف"])
def test_a_surname_alone_is_no_name(kb: KnowledgeBase, surname: str) -> None:
    assert [e.id for e in kb.lookup(surname) if e.type == "PER"] == []


DAY = date(2021, 10, 14)  # the sample article's day


@pytest.mark.parametrize(
    ("title", "of", "on", "expected"),
    [
        ("رئیس‌جمهور", "TJ", DAY, "person:emomali-rahmon"),
        ("رئیس جمهور", "RU", DAY, "person:vladimir-putin"),
        ("رئیس‌جمهور", "FR", DAY, "person:emmanuel-macron"),
        ("رئیس‌جمهوری", "IR", DAY, "person:ebrahim-raisi"),
        ("رئیس‌جمهور", "IR", date(2024, 6, 1), "person:mohammad-mokhber"),
        ("رئیس‌جمهور", "IR", date(2024, 8, 1), "person:masoud-pezeshkian"),
        ("رئیس‌جمهور", "AF", date(2020, 1, 1), "person:ashraf-ghani"),
        ("رئیس‌جمهور", "AF", DAY, None),
        ("رهبر", "AF", DAY, "person:hibatullah-akhundzada"),
        ("رهبر", "IR", DAY, "person:ali-khamenei"),
        ("رهبر", "group:nrf", DAY, "person:ahmad-massoud"),
        ("نخست‌وزیر", "TJ", DAY, "person:kokhir-rasulzoda"),
        ("نخست‌وزیر", "RU", DAY, "person:mikhail-mishustin"),
        ("صدراعظم", "AF", DAY, "person:mohammad-hassan-akhund"),
        ("رئیس‌الوزرا", "AF", DAY, "person:mohammad-hassan-akhund"),
        ("صدراعظم", "DE", DAY, "person:angela-merkel"),
        ("صدراعظم", "DE", date(2022, 6, 1), "person:olaf-scholz"),
        ("وزیر خارجه", "TJ", DAY, "person:sirojiddin-muhriddin"),
        ("وزیر امور خارجه", "IR", DAY, "person:hossein-amir-abdollahian"),
        ("وزیر خارجه", "AF", DAY, "person:amir-khan-muttaqi"),
        ("وزیر خارجه", "US", DAY, "person:antony-blinken"),
        ("وزیر امور خارجه", "RU", DAY, "person:sergey-lavrov"),
        ("رئیس کمیته دولتی امنیت ملی", "TJ", DAY, "person:saimumin-yatimov"),
        ("سخنگو", "group:taliban", DAY, "person:zabihullah-mujahid"),
        ("دبیرکل", "org:un", DAY, "person:antonio-guterres"),
        ("رئیس‌جمهور", "US", date(2025, 1, 20), "person:donald-trump"),
        ("رئیس‌جمهور", "US", date(2025, 1, 19), "person:joe-biden"),
    ],
)
def test_by_title(
    kb: KnowledgeBase, title: str, of: str, on: date | None, expected: str | None
) -> None:
    found = kb.by_title(title, of, on)
    assert (found.id if found else None) == expected


def test_offices_are_well_formed(kb: KnowledgeBase) -> None:
    people = [e for e in kb.entities.values() if e.type == "PER"]
    assert len(people) >= 100
    for person in people:
        for office in person.offices:
            assert office.title_fa and office.title_en, person.id
            assert office.of in kb.entities or kb.get(f"country:{office.of}"), person.id
            if office.start and office.end:
                assert office.start <= office.end, person.id


# Places of the sample article (../shared/samples/tajikistan-france-2021.txt).
SAMPLE_PLACES = {
    "تاجیکستان": "country:TJ",
    "فرانسه": "country:FR",
    "افغانستان": "country:AF",
    "ازبکستان": "country:UZ",
    "قطر": "country:QA",
    "پاکستان": "country:PK",
    "ایران": "country:IR",
    "جمهوری اسلامی ایران": "country:IR",
    "چین": "country:CN",
    "قزاقستان": "country:KZ",
    "بلاروس": "country:BY",
    "ترکمنستان": "country:TM",
    "آذربایجان": "country:AZ",
    "ارمنستان": "country:AM",
    "قرقیزستان": "country:KG",
    "روسیه": "country:RU",
    "سوریه": "country:SY",
    "عراق": "country:IQ",
    "پاریس": "city:paris",
    "مسکو": "city:moscow",
    "آسیای میانه": "loc:central-asia",
    "اروپا": "loc:europe",
}


@pytest.mark.parametrize(("name", "entity_id"), SAMPLE_PLACES.items())
def test_sample_places(kb: KnowledgeBase, name: str, entity_id: str) -> None:
    assert kb.lookup(name)[0].id == entity_id


@pytest.mark.parametrize(
    ("name", "first"),
    [("سنگاپور", "country:SG"), ("تونس", "country:TN"), ("Singapore", "country:SG")],
)
def test_countries_come_before_their_namesake_cities(
    kb: KnowledgeBase, name: str, first: str
) -> None:
    assert kb.lookup(name)[0].id == first


@pytest.mark.parametrize("word", ["ایرانی", "گفتوگو", "گفت‌وگو", "توگویی", "ترکی", "روسی", "تاجیک"])
def test_words_that_contain_a_name_are_not_names(kb: KnowledgeBase, word: str) -> None:
    assert kb.lookup(word) == []


def test_amman_is_not_oman(kb: KnowledgeBase) -> None:
    assert [e.id for e in kb.lookup("عمان")] == ["country:OM"]
    assert [e.id for e in kb.lookup("عَمان")] == ["country:OM"]  # CLDR's Amman, excluded
    assert [e.id for e in kb.lookup("امان")] == ["city:amman"]


def test_every_entity_is_complete(kb: KnowledgeBase) -> None:
    assert len(kb) > 500
    for entity in kb.entities.values():
        assert entity.id and entity.type in TYPES, entity
        assert entity.name_fa and entity.name_en, entity
        assert entity.country is None or kb.get(f"country:{entity.country}"), entity


def test_ids_unique_and_sorted() -> None:
    ids = [r["id"] for r in records()]
    assert ids == sorted(set(ids))


def test_every_country_and_capital() -> None:
    rows = records()
    countries = {r["id"] for r in rows if r["type"] == "GPE"}
    capitals = {r["capital_of"] for r in rows if r["capital_of"]}
    assert len(countries) >= 249
    assert "IL" not in capitals  # disputed: Jerusalem is a city without capital_of
    assert {"TJ", "AF", "IR", "UZ", "KG", "KZ", "TM", "PK", "RU", "CN", "US", "FR"} <= capitals
    assert len(capitals) >= 195


def test_capital_record(kb: KnowledgeBase) -> None:
    dushanbe = kb.get("city:dushanbe")
    assert dushanbe is not None
    assert (dushanbe.name_fa, dushanbe.name_en, dushanbe.name_tg) == (
        "دوشنبه",
        "Dushanbe",
        "Душанбе",
    )
    assert (dushanbe.country, dushanbe.capital_of) == ("TJ", "TJ")


def test_names_feed_a_matcher(kb: KnowledgeBase) -> None:
    pairs = list(kb.names())
    keys = [key for key, _ in pairs]
    assert keys == sorted(keys)
    assert ("تاجیکستان", "country:TJ") in pairs
    assert ("جلال آباد", "city:jalalabad") in pairs  # ZWNJ written as a space


def test_kb_pickles(kb: KnowledgeBase) -> None:
    again = pickle.loads(pickle.dumps(kb))
    assert again.lookup("دوشنبه")[0].id == "city:dushanbe"


def hand_built() -> KnowledgeBase:
    def person(i: str, *offices: Office) -> Entity:
        return Entity(id=i, type="PER", name_fa=i, name_en=i, offices=offices)

    return KnowledgeBase.from_entities(
        [
            person(
                "person:a",
                Office("رئیس‌جمهور", "President", "XX", date(2000, 1, 1), date(2010, 12, 31)),
            ),
            person("person:b", Office("رئیس جمهور", "President", "XX", date(2011, 1, 1), None)),
            person(
                "person:c",
                Office("رئیس‌جمهوری", "Acting President", "XX", date(2011, 1, 1), date(2011, 2, 1)),
            ),
        ]
    )


@pytest.mark.parametrize(
    ("title", "on", "expected"),
    [
        ("رئیس‌جمهور", date(2005, 6, 1), "person:a"),
        ("رئیس جمهور", date(2010, 12, 31), "person:a"),
        ("رئیس‌جمهوری", date(2012, 1, 1), "person:b"),
        ("رئیس‌جمهور", None, "person:b"),
        ("رئیس‌جمهور", date(2011, 1, 15), "person:c"),  # same start: the later id
        ("رئیس‌جمهور", date(1999, 1, 1), None),
        ("نخست‌وزیر", date(2005, 6, 1), None),
    ],
)
def test_by_title_on_a_hand_built_kb(title: str, on: date | None, expected: str | None) -> None:
    found = hand_built().by_title(title, "XX", on)
    assert (found.id if found else None) == expected


def test_duplicate_ids_are_refused() -> None:
    e = Entity(id="x:a", type="PER", name_fa="a", name_en="a")
    with pytest.raises(ValueError):
        KnowledgeBase.from_entities([e, e])


@pytest.mark.parametrize(
    ("record", "start", "end"),
    [
        ({"start": "2010", "end": "2024"}, date(2010, 1, 1), date(2024, 12, 31)),
        ({"start": "2013-11", "end": "2024-02"}, date(2013, 11, 1), date(2024, 2, 29)),
        ({"start": "1994-11-16"}, date(1994, 11, 16), None),
    ],
)
def test_partial_dates(record: dict[str, str], start: date, end: date | None) -> None:
    office = {"title_fa": "t", "title_en": "t", "of": "TJ"} | record
    entity = Entity.from_record(
        {"id": "person:x", "type": "PER", "name_fa": "x", "name_en": "x", "offices": [office]}
    )
    assert (entity.offices[0].start, entity.offices[0].end) == (start, end)


def test_build_is_reproducible() -> None:
    pytest.importorskip("babel")  # build-time sources, not runtime dependencies
    pytest.importorskip("pycountry")
    script = ROOT / "scripts" / "build_kb.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
