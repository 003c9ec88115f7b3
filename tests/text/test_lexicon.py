import pytest

from rasad.text.lexicon import ZWNJ, load_lexicon


def test_loads_once() -> None:
    assert load_lexicon() is load_lexicon()


@pytest.mark.parametrize("word", ["میدان", "تنها", "میانجی", "کتاب", "الهام"])
def test_plain_words(word: str) -> None:
    assert word in load_lexicon().plain


@pytest.mark.parametrize(
    ("bare", "form"), [("رئیسجمهور", f"رئیس{ZWNJ}جمهور"), ("گفتوگو", f"گفت{ZWNJ}وگو")]
)
def test_zwnj_forms_by_bare_key(bare: str, form: str) -> None:
    assert load_lexicon().zwnj[bare][0] == form


def test_misspelt_web_forms_are_not_plain_words() -> None:
    assert "میکند" not in load_lexicon().plain


@pytest.mark.parametrize(("past", "present"), [("کرد", "کن"), ("ایستاد", "ایست"), ("بود", "باش")])
def test_verb_stems(past: str, present: str) -> None:
    lex = load_lexicon()
    assert past in lex.past_stems and present in lex.present_stems
