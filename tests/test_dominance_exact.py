"""Issue 12, item 8: in an exact game, (mixed) strict dominance is decided exactly, not by a float margin.

Hand calculations: with A = [[2e9, 0], [0, 2e9], [c, c]] the mixture p*T + (1-p)*M
earns (2e9 p, 2e9 (1 - p)), whose smaller entry is largest at p = 1/2, where
it is 1e9.  So B = (c, c) is strictly dominated (by 1/2 T + 1/2 M) iff c < 1e9,
with margin 1e9 - c; at c = 1e9 it is not even weakly dominated (every other
p does worse than c in one column).
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from gametheory import Game
from gametheory.game_info import GameInfo
from gametheory.solvers.dominance import iterated_elimination

STRATS = [["T", "M", "B"], ["L", "R"]]


def issue_game(c: int, big: int = 2 * 10**9) -> Game:
    return Game.from_bimatrix([[big, 0], [0, big], [c, c]], [[0, 0], [0, 0], [0, 0]], strategies=STRATS)


def test_margin_one_in_two_billion_is_found():
    res = iterated_elimination(issue_game(999_999_999))
    assert [(e.removed, dict(e.dominated_by)) for e in res.trace] == [("B", {"T": Fraction(1, 2), "M": Fraction(1, 2)})]
    assert res.diagnostics == ()


def test_info_reports_the_issue_example():
    text = str(GameInfo(issue_game(999_999_999)))
    assert "removes 'B' (strictly dominated by 1/2*T + 1/2*M)" in text
    assert "no strictly dominated strategy" not in text


@pytest.mark.parametrize("c", [10**9, 10**9 + 1])
def test_margin_zero_or_negative_is_not_dominance(c):
    res = iterated_elimination(issue_game(c))
    assert res.trace == () and res.diagnostics == ()


def test_weak_margin_zero_is_not_weak_dominance():
    res = iterated_elimination(issue_game(10**9), kind="weak")
    assert res.trace == ()


def test_margin_one_beyond_the_float_range():
    # the same game scaled to payoffs of 10**400: margin 1 again, and no float holds 10**400
    e = 10**400
    res = iterated_elimination(issue_game(e - 1, big=2 * e))
    assert [(x.removed, dict(x.dominated_by)) for x in res.trace] == [("B", {"T": Fraction(1, 2), "M": Fraction(1, 2)})]
    assert iterated_elimination(issue_game(e, big=2 * e)).trace == ()


def test_dominator_needing_an_unusual_denominator():
    # 3 columns; B = (1, 1, 1) - tiny is dominated only by 1/3 T + 1/3 M + 1/3 R2-type mixtures:
    # rows T, M, N pay 3 in one column each, so the uniform mixture earns (1, 1, 1)
    tiny = Fraction(1, 10**15)
    A = [[3, 0, 0], [0, 3, 0], [0, 0, 3], [1 - tiny, 1 - tiny, 1 - tiny]]
    g = Game.from_bimatrix(A, [[0, 0, 0]] * 4, strategies=[["T", "M", "N", "B"], ["a", "b", "c"]])
    res = iterated_elimination(g)
    third = Fraction(1, 3)
    assert [(x.removed, dict(x.dominated_by)) for x in res.trace] == [("B", {"T": third, "M": third, "N": third})]
    g_not = Game.from_bimatrix([row[:3] for row in A[:3]] + [[1, 1, 1]], [[0, 0, 0]] * 4,
                               strategies=[["T", "M", "N", "B"], ["a", "b", "c"]])
    assert iterated_elimination(g_not).trace == ()


def test_exact_fallback_decides_when_rounding_fails(monkeypatch):
    from gametheory.solvers import dominance

    monkeypatch.setattr(dominance, "rational_candidates", lambda x, **kw: iter(()))
    res = iterated_elimination(issue_game(999_999_999))
    assert [(e.removed, dict(e.dominated_by)) for e in res.trace] == [("B", {"T": Fraction(1, 2), "M": Fraction(1, 2)})]
    assert res.diagnostics == ()
    assert iterated_elimination(issue_game(10**9)).trace == ()


def test_undecided_is_said(monkeypatch):
    from gametheory.solvers import dominance

    monkeypatch.setattr(dominance, "rational_candidates", lambda x, **kw: iter(()))

    def refuse(D):
        raise dominance.CostLimitError("exact matrix-game value needs 3 kernels; use floats")

    monkeypatch.setattr(dominance, "kernel_maximin", refuse)
    res = iterated_elimination(issue_game(999_999_999))
    assert res.trace == ()
    (diag,) = [d for d in res.diagnostics if "'B'" in d]
    assert "'B' of Player 1" in diag and "not decided" in diag and "3 kernels" in diag and "kept" in diag
    assert diag in res.describe()
