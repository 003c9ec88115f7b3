import re
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from rasad.ingest.dedup import (
    NUM_PERM,
    THRESHOLD,
    StoryIndex,
    StoryMatch,
    content_hash,
    dedup_key,
    empty_signature,
    fingerprint,
    shingle_hashes,
    signature,
    signature_bytes,
    signature_from_bytes,
    similarity,
)

FIXTURES = Path(__file__).parent / "fixtures"
ZWNJ = "\u200c"


def paragraphs(name: str) -> list[str]:
    html = (FIXTURES / name).read_text(encoding="utf-8")
    return re.findall(r"<p>(.*?)</p>", html)


WATER = paragraphs("article.html")[:5]  # Tajik-Uzbek water deal
WHEAT = paragraphs("article_jsonld.html")  # wheat prices in Kabul
PRESIDENT = (
    "رئیس\u200cجمهور تاجیکستان در سفر به پاریس با رئیس\u200cجمهور فرانسه دیدار کرد و گفت‌وگو کرد."
)


@pytest.mark.parametrize(
    "variant",
    [
        PRESIDENT,
        PRESIDENT.replace(ZWNJ, " "),  # ZWNJ typed as a space
        PRESIDENT.replace(ZWNJ, ""),  # ZWNJ stripped by a crawler
        PRESIDENT.replace("ی", "ي").replace("ک", "ك"),  # Arabic letters
        PRESIDENT.replace("دیدار", "دیـــدار"),  # kashida
        PRESIDENT.replace("رئیس", "رَئیس"),  # a diacritic
        PRESIDENT.replace(".", " !"),  # punctuation
        "  " + PRESIDENT.replace(" ", "\n") + "\n",  # spacing and lines
    ],
)
def test_content_hash_ignores_orthography(variant: str) -> None:
    assert content_hash(variant) == content_hash(PRESIDENT)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("سال ۱۴۰۲", "سال 1402"),  # digits fold to Latin
        ("سال ١٤٠٢", "سال 1402"),  # Arabic-Indic too
        ("UN Security Council", "un security council"),
    ],
)
def test_content_hash_folds_digits_and_case(a: str, b: str) -> None:
    assert content_hash(a) == content_hash(b)


def test_content_hash_tells_articles_apart() -> None:
    assert content_hash(PRESIDENT) != content_hash(PRESIDENT.replace("فرانسه", "آلمان"))
    assert len(content_hash(PRESIDENT)) == 32
    assert dedup_key("رئیس‌جمهور، ۱۲ نفر!") == "رئیسجمهور12نفر"


def test_signature_is_datasketch_minhash() -> None:
    text = "\n".join(WATER)
    hashes = shingle_hashes(dedup_key(text))
    reference = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int)
    reference.update_batch(hashes)
    values = signature(text)
    assert values.dtype == np.uint32 and len(values) == 2 * NUM_PERM
    assert np.array_equal(values[:NUM_PERM], reference.hashvalues)
    lead = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int)
    lead.update_batch(shingle_hashes(dedup_key(text)[:300]))
    assert np.array_equal(values[NUM_PERM:], lead.hashvalues)


def test_fingerprint_is_hash_and_signature() -> None:
    text = "\n".join(WATER)
    digest, values = fingerprint(text)
    assert digest == content_hash(text)
    assert np.array_equal(values, signature(text))


def test_signature_bytes_round_trip() -> None:
    values = signature("\n".join(WHEAT))
    data = signature_bytes(values)
    assert len(data) == 8 * NUM_PERM
    assert np.array_equal(signature_from_bytes(data), values)
    with pytest.raises(ValueError, match="has 1024 bytes, not 3"):
        signature_from_bytes(b"abc")


def test_short_texts_match_nothing() -> None:
    caption = "خبرگزاری فارس: تصاویر"
    assert np.array_equal(signature(caption), empty_signature())
    assert similarity(signature(caption), signature(caption)) == 0.0
    index = StoryIndex()
    assert index.assign("a", caption) == StoryMatch("a")
    assert index.assign("b", caption) == StoryMatch("b")


def rewrite(paras: list[str]) -> str:
    """Another outlet's version: its own attribution, a sentence dropped, spelling changed."""
    kept = paras[:2] + paras[3:]
    text = "به گزارش خبرگزاری ایرنا، " + "\n".join(kept) + "\nانتهای پیام/"
    return text.replace(ZWNJ, " ").replace("ی", "ي")


def test_stories_group_rewrites_and_leads_and_keep_the_rest_apart() -> None:
    index = StoryIndex()
    water = "\n".join(WATER)
    assert index.assign("water", water) == StoryMatch("water")
    copy = index.assign("water-irna", rewrite(WATER))
    assert (copy.story_id, copy.similar_to) == ("water", "water")
    assert copy.similarity >= THRESHOLD
    lead = index.assign("water-lead", WATER[0])
    assert lead.story_id == "water"
    assert index.assign("wheat", "\n".join(WHEAT)) == StoryMatch("wheat")
    reordered = index.assign("wheat-reordered", "\n".join(reversed(WHEAT)))
    assert reordered.story_id == "wheat"
    assert [index.story_of(d) for d in ("water", "water-irna", "water-lead", "wheat")] == [
        "water",
        "water",
        "water",
        "wheat",
    ]
    assert index.assign("water", "anything") == StoryMatch("water")  # known id: unchanged
    assert len(index) == 5


def test_rebuild_from_stored_signatures_keeps_stories_and_matching() -> None:
    index = StoryIndex()
    texts = {"water": "\n".join(WATER), "water-irna": rewrite(WATER), "wheat": "\n".join(WHEAT)}
    for doc_id, text in texts.items():
        index.assign(doc_id, text)
    rows = [(d, index.story_of(d), signature_bytes(index.signature_of(d))) for d in texts]
    rebuilt = StoryIndex.rebuild(rows)
    assert [rebuilt.story_of(d) for d in texts] == ["water", "water", "wheat"]
    later = "\n".join(reversed(WHEAT))
    assert rebuilt.assign("wheat-2", later) == index.assign("wheat-2", later)


def test_a_recorded_story_is_kept_on_rebuild_even_when_it_would_differ() -> None:
    values = signature("\n".join(WATER))
    rebuilt = StoryIndex.rebuild([("a", "story-x", signature_bytes(values))])
    assert rebuilt.story_of("a") == "story-x"
    assert rebuilt.assign("b", "\n".join(WATER)).story_id == "story-x"


def test_real_fars_news_articles_are_mostly_alone() -> None:
    path = Path("/work/shared/data/farsnews-2008/fars-news-1.json")
    if not path.exists():
        pytest.skip("shared Fars News data not present")
    import json

    articles = json.loads(path.read_text(encoding="utf-8"))
    index = StoryIndex()
    for n, a in enumerate(articles):
        index.assign(str(n), "\n".join([a["abstract"], *a["paragraphs"]]))
    stories = {index.story_of(str(n)) for n in range(len(articles))}
    assert len(stories) >= 0.97 * len(articles)


def test_a_text_too_short_to_tell_articles_apart_is_hashed_with_its_title() -> None:
    caption = "خبرگزاری فارس: "
    assert content_hash(caption, "نمایشگاه کتاب") != content_hash(caption, "مسابقه فوتبال")
    assert content_hash(caption, "نمایشگاه کتاب") == content_hash(caption + "!", "نمايشگاه كتاب")
    long_text = "\n".join(WATER)
    assert content_hash(long_text, "a") == content_hash(long_text, "b") == content_hash(long_text)
    assert fingerprint(caption, "نمایشگاه کتاب")[0] == content_hash(caption, "نمایشگاه کتاب")
