"""English queries made Persian: names through the knowledge base, event words, a glossary."""

from __future__ import annotations

import pytest

from rasad.extract.kb import Entity, KnowledgeBase
from rasad.search.english import (
    EVENT_WORDS,
    english_key,
    english_names,
    event_words,
    glossary,
    is_latin,
    understand,
    words_of,
)


@pytest.mark.parametrize(
    ("query", "latin"),
    [
        ("Rahmon Macron meeting", True),
        ("رئیس جمهور", False),
        ("ایران OPEC", False),  # more Persian letters than Latin
        ("OPEC نفت", True),
        ("Élysée", True),
        ("2021", False),
        ("", False),
    ],
)
def test_is_latin(query: str, latin: bool) -> None:
    assert is_latin(query) is latin


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Élysée Palace", "elysee palace"),
        ("  Emomali   RAHMON ", "emomali rahmon"),
        ("Saddam's half-brother", "saddam's half-brother"),
    ],
)
def test_english_key(text: str, key: str) -> None:
    assert english_key(text) == key


def test_words_drop_possessive() -> None:
    assert words_of("Trump's advice") == ["trump", "advice"]


def test_rahmon_macron_meeting() -> None:
    concepts = understand("Rahmon Macron meeting")
    assert [(c.kind, c.ref) for c in concepts] == [
        ("entity", "person:emomali-rahmon"),
        ("entity", "person:emmanuel-macron"),
        ("event", "consult"),
    ]
    assert "امامعلی رحمان" in concepts[0].persian
    assert "امانوئل مکرون" in concepts[1].persian
    assert "دیدار" in concepts[2].persian


def test_a_full_name_is_one_concept() -> None:
    concepts = understand("Emomali Rahmon in Paris")
    assert [(c.kind, c.english, c.ref) for c in concepts] == [
        ("entity", "emomali rahmon", "person:emomali-rahmon"),
        ("entity", "paris", concepts[1].ref),
    ]
    assert "پاریس" in concepts[1].persian


@pytest.mark.parametrize(
    ("word", "event_type"),
    [
        ("threaten", "threaten"),
        ("threatens", "threaten"),
        ("met", "consult"),
        ("meeting", "consult"),
        ("protests", "protest"),
        ("sanctions", "sanction"),
        ("arrested", "coerce"),
        ("bombing", "assault"),
    ],
)
def test_event_words(word: str, event_type: str) -> None:
    (concept,) = understand(word)
    assert (concept.kind, concept.ref) == ("event", event_type)
    assert set(event_words()[event_type]) <= set(concept.persian)


def test_every_event_word_names_a_type_with_triggers() -> None:
    types = event_words()
    assert set(EVENT_WORDS.values()) <= set(types)
    for words in types.values():
        assert words and all(w and not w.endswith(" کرد") for w in words)


def test_demonym_and_glossary() -> None:
    concepts = understand("Iranian oil exports")
    assert [(c.kind, c.ref) for c in concepts] == [
        ("entity", "country:IR"),
        ("word", ""),
        ("word", ""),
    ]
    assert "ایران" in concepts[0].persian
    assert concepts[1].persian == ("نفت",)
    assert concepts[2].persian == ("صادرات",)


def test_same_event_type_asked_once() -> None:
    assert [c.ref for c in understand("meet meeting met")] == ["consult"]


def test_stopwords_and_unknown_words() -> None:
    assert understand("the of and") == []
    (concept,) = understand("the VAR system")[:1]
    assert (concept.kind, concept.persian) == ("latin", ("var",))


def test_glossary_entries_have_persian() -> None:
    table = glossary()
    assert len(table) > 100
    assert all(targets and all(t.strip() for t in targets) for targets in table.values())


def test_names_of_another_knowledge_base() -> None:
    kb = KnowledgeBase.from_entities(
        [Entity(id="person:x", type="PER", name_fa="زید عمرو", name_en="Zayd Amrani")]
    )
    assert english_names(kb).surnames == {"amrani": ("person:x",)}
    (concept,) = understand("Amrani", kb)
    assert (concept.ref, concept.persian) == ("person:x", ("زید عمرو",))
