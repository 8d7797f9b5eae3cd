"""A solve result reads the same from Python (``str``) as under the payoff table of ``gametheory solve``."""

from __future__ import annotations

from gametheory import Game, solve
from gametheory.commands.solve import result_lines


def test_str_of_a_result_is_the_cli_report_of_the_battle_of_the_sexes():
    # (T, L), (B, R) and the mixed equilibrium: the row player mixes 2/3 T so the column player is
    # indifferent (1 p = 2 (1 - p)); the column player mixes 1/3 L (2 q = 1 - q); payoffs 2/3 each
    g = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=["Row", "Col"],
                           strategies=[["T", "B"], ["L", "R"]])
    text = str(solve(g, method="enumerate"))
    assert text.splitlines()[:3] == ["method: enumerate (exact)", "complete: yes, every equilibrium is listed",
                                     "equilibria: 3"]
    assert "Row: 2/3 T + 1/3 B; Col: 1/3 L + 2/3 R" in text
    assert "     payoffs: Row 2/3, Col 2/3" in text
    assert text.count("regret:  Row 0, Col 0") == 3


def test_the_command_prints_the_header_the_table_and_the_result():
    g = Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]], players=["Russia", "US"],
                           strategies=[["Renew CFE", "Suspend CFE"], ["Abandon MD", "Build MD"]])
    result = solve(g)
    lines = result_lines(result)
    assert lines[-len(str(result).splitlines()):] == str(result).splitlines()
    assert "  1. Russia: Suspend CFE; US: Build MD" in lines
    assert str(result[0]) == "Russia: Suspend CFE; US: Build MD  (payoffs Russia 0, US 0; regret Russia 0, US 0)"
