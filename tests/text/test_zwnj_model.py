from rasad.text.lexicon import load_lexicon
from rasad.text.zwnj_model import boundary_probability, candidate_cuts, guess_compound, load_weights


def test_cuts_only_after_joining_letters() -> None:
    assert candidate_cuts("تحلیلگران") == [2, 3, 4, 5, 6]  # not after ر
    assert all("تهرانپارس"[i - 1] not in "ادذرزژو" for i in candidate_cuts("تهرانپارس"))


def test_model_ships_and_scores_in_range() -> None:
    weights = load_weights()
    assert len(weights) > 1000
    p = boundary_probability("تحلیلگران", 5, load_lexicon(), weights)
    assert 0.0 <= p <= 1.0


def test_confident_compound_and_no_cut_in_a_name() -> None:
    lex = load_lexicon()
    assert guess_compound("تحلیلگران", lex, 0.5) == "تحلیل\u200cگران"
    assert guess_compound("مکرون", lex, 0.5) is None
