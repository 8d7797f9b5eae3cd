"""Issue 12, item 10: labels are compared as people read them, numbers and names are ASCII.

Labels are normalised to NFC (Unicode Standard Annex #15); two labels that differ only by
normalisation or by invisible format characters (zero-width space U+200B, zero-width joiner
U+200D, ...) are the same label, so a second one is a duplicate; a label of invisible characters
only is refused.  Numbers accept the ASCII digits 0-9 only, and expressions ASCII text only:
``int("٣")`` is 3 in Python and ``ｇ`` is ``g`` to Python's parser (NFKC), but not to us.
"""

from __future__ import annotations

import unicodedata
from fractions import Fraction

import pytest

from gametheory import Game
from gametheory.errors import ExpressionError, InputError, LabelError
from gametheory.io import parse_model
from gametheory.io.expressions import parse_expression
from gametheory.io.nfg import parse_nfg
from gametheory.numbers import parse_rational
from gametheory.overrides import parse_overrides

COMPOSED = "Caf\u00e9"  # é as one code point
DECOMPOSED = "Cafe\u0301"  # e + combining acute accent
ZWSP = "\u200b"


def test_the_two_spellings_are_different_strings_but_the_same_text():
    assert COMPOSED != DECOMPOSED
    assert unicodedata.normalize("NFC", DECOMPOSED) == COMPOSED


def test_labels_are_stored_in_nfc_and_found_by_either_spelling():
    g = Game.from_bimatrix([[1, 0]], [[0, 1]], players=[DECOMPOSED, "Col"], strategies=[["a"], ["x", "y"]])
    assert g.players == (COMPOSED, "Col")
    assert g.player_index(DECOMPOSED) == g.player_index(COMPOSED) == 0


def test_labels_differing_only_by_normalisation_are_duplicates():
    with pytest.raises(LabelError, match="duplicate"):
        Game.from_bimatrix([[1, 0]], [[0, 1]], strategies=[["a"], [COMPOSED, DECOMPOSED]])


def test_labels_differing_only_by_a_zero_width_character_are_duplicates():
    with pytest.raises(LabelError, match="duplicate"):
        Game.from_bimatrix([[1, 0]], [[0, 1]], strategies=[["a"], ["Build", "Bu" + ZWSP + "ild"]])
    with pytest.raises(LabelError, match="duplicate"):
        Game.from_bimatrix([[1]], [[0]], players=["Row", "Row\u200d"])


@pytest.mark.parametrize("label", [ZWSP, "\u200d\u200c", "\u2060", " \u00a0", "\ufeff"])
def test_invisible_only_labels_are_refused(label):
    with pytest.raises(InputError, match="visible|non-empty"):
        Game.from_bimatrix([[1, 0]], [[0, 1]], strategies=[["a"], ["x", label]])


def test_model_file_labels_follow_the_same_rule():
    text = f"""
title = "t"
[[players]]
name = "Row"
strategies = ["{COMPOSED}", "{DECOMPOSED}"]
[[players]]
name = "Col"
strategies = ["x"]
[[payoffs]]
profile = ["{COMPOSED}", "x"]
values = [1, 0]
[[payoffs]]
profile = ["{DECOMPOSED}", "x"]
values = [0, 1]
"""
    with pytest.raises(LabelError, match="duplicate") as info:
        parse_model(text, "m.toml")
    assert info.value.line == 5


def test_model_file_profile_may_use_the_other_spelling():
    text = f"""
title = "t"
[[players]]
name = "Row"
strategies = ["{COMPOSED}", "b"]
[[players]]
name = "Col"
strategies = ["x"]
[[payoffs]]
profile = ["{DECOMPOSED}", "x"]
values = [1, 0]
[[payoffs]]
profile = ["b", "x"]
values = [0, 1]
"""
    m = parse_model(text, "m.toml")
    assert m.strategies[0] == (COMPOSED, "b")
    assert m.game_at().payoff({"Row": COMPOSED, "Col": "x"})["Row"] == 1


def test_nfg_labels_follow_the_same_rule():
    with pytest.raises(InputError, match="duplicate"):
        parse_nfg(f'NFG 1 R "x" {{ "a" "b" }} {{ {{ "s" }} {{ "t" "t{ZWSP}" }} }}\n1 2 3 4\n')


# ---------------------------------------------------------------------------- ASCII numbers and names

@pytest.mark.parametrize("text", ["\u0663", "\uff13", "1\u0660", "\u0663/4", "\u0031\u0662.5"])
def test_numbers_accept_only_ascii_digits(text):
    with pytest.raises(InputError):
        parse_rational(text)


def test_param_value_in_arabic_indic_digits_is_refused():
    with pytest.raises(InputError, match="expected a number"):
        parse_overrides(["g=\u0663"])
    assert parse_overrides(["g=3"]) == {"g": Fraction(3)}


def test_nfg_payoff_in_full_width_digits_is_refused():
    with pytest.raises(InputError, match="expected a number"):
        parse_nfg('NFG 1 R "x" { "a" } { 1 }\n\uff13\n')
    with pytest.raises(InputError, match="whole number"):
        parse_nfg('NFG 1 R "x" { "a" } { \uff12 }\n1 2\n')


@pytest.mark.parametrize("text", ["\uff47 + 1", "g + \uff11", "\u0261", "\u0663"])
def test_expressions_accept_only_ascii(text):
    # Python's parser reads the full-width ｇ as g (NFKC); a payoff written so must not mean g
    with pytest.raises(ExpressionError, match="ASCII"):
        parse_expression(text, ["g"])


def test_ascii_expression_still_reads():
    assert str(parse_expression("g + 1", ["g"])) == "g + 1"


def test_from_dict_profiles_may_use_either_spelling():
    g = Game.from_dict(["Row", "Col"], [[COMPOSED, "b"], ["x"]],
                       {(DECOMPOSED, "x"): (1, 2), ("b", "x"): (3, 4)})
    assert g.strategies[0] == (COMPOSED, "b")
    assert g.payoff({"Row": DECOMPOSED, "Col": "x"}) == {"Row": 1, "Col": 2}
