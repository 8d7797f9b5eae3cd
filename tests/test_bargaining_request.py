"""bargaining.request: the precedence rules of `gametheory bargain` (request > model table > defaults), from Python.

The CFE bargain (models/cfe_md_bargaining.toml) at the defaults, by hand: issue values MD abandonment (Russia 4, US -2) and CFE compliance
(Russia -1, US 3), so the feasible set is the hull of (0, 0), (4, -2), (-1, 3), (3, 1) and the frontier
(-1, 3)-(3, 1)-(4, -2); the status quo is (0, 0).
"""

from fractions import Fraction as F
from pathlib import Path

import pytest

from gametheory import Game
from gametheory.bargaining.request import BargainingReport, BargainingRequest, bargain
from gametheory.errors import InputError
from gametheory.io.model import load_model

MODEL = Path(__file__).resolve().parents[1] / "models" / "cfe_md_bargaining.toml"
# Nash: on the edge u2 = (5 - u1)/2 the product u1 (5 - u1)/2 peaks at u1 = 5/2 -> (5/2, 5/4).
NASH = (F(5, 2), F(5, 4))
# Kalai-Smorodinsky: ideal point (10/3, 5/2); t (10/3, 5/2) meets u2 = (5 - u1)/2 at t = 3/5 -> (2, 3/2).
KS = (F(2), F(3, 2))
# Rubinstein, deltas 9/10: the proposer's offer x and the responder's y on u2 = (5 - u1)/2 with
# x2 = 9/10 y2 and y1 = 9/10 x1 give x = (50/19, 45/38) and y = (45/19, 25/19).
RUSSIA_FIRST = (F(50, 19), F(45, 38))
US_FIRST = (F(45, 19), F(25, 19))


def model_with(tmp_path, table_lines):
    """The model with its [bargaining] table's solution/first lines replaced."""
    text = MODEL.read_text()
    for old, new in table_lines:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "m.toml"
    path.write_text(text)
    return load_model(path)


def test_the_table_decides_when_the_request_is_empty():
    report = bargain(load_model(MODEL))
    assert isinstance(report, BargainingReport)
    assert report.solution.method == "nash" and report.solution.utilities == NASH
    assert report.problem.disagreement_source == "status-quo" and report.spec is not None


def test_the_request_overrides_the_table(tmp_path):
    model = model_with(tmp_path, [('solution = "nash"', 'solution = "ks"'), ('first = "Russia"', 'first = "US"')])
    assert bargain(model).solution.utilities == KS
    assert bargain(model, BargainingRequest(solution="nash")).solution.utilities == NASH
    rub = BargainingRequest(solution="rubinstein")
    assert bargain(model, rub).solution.utilities == US_FIRST  # first proposer from the table
    assert bargain(model, BargainingRequest(solution="rubinstein", first="Russia")).solution.utilities == RUSSIA_FIRST


def test_disagreement_point_with_free_disposal():
    # d = (1, -3): on (3, 1)-(4, -2), u2 = 10 - 3 u1 and (u1 - 1)(13 - 3 u1) peaks at u1 = 8/3 < 3; on
    # (-1, 3)-(3, 1), (u1 - 1)(11 - u1)/2 peaks at u1 = 6 > 3: the Nash point is the kink (3, 1).
    request = BargainingRequest(disagreement=(1, -3), free_disposal=True)
    report = bargain(load_model(MODEL), request)
    assert report.solution.utilities == (3, 1)
    doc = report.to_json()
    assert doc["disagreement"] == {"Russia": "1", "US": "-3"}
    assert doc["frontier"] == [["-1", "3"], ["3", "1"], ["4", "-2"]]
    with pytest.raises(InputError, match="outside the feasible set"):
        bargain(load_model(MODEL), BargainingRequest(disagreement=(1, -3)))


def test_parameters_move_the_issues():
    # v_md = 3, v_cfe = 2: issue values (4, -3) and (-1, 2); on y = 1 the utilities are (4x - 1, 2 - 3x) and
    # (4x - 1)(2 - 3x) peaks at x = 11/24 (the CLI test's value, re-derived).
    report = bargain(load_model(MODEL), params={"v_md": 3, "v_cfe": 2})
    assert dict(report.solution.agreement) == {"MD abandonment": F(11, 24), "CFE compliance": 1}


def test_a_plain_game_uses_its_outcomes_and_the_nash_point():
    # the prisoner's dilemma of the CLI test: unique equilibrium (0, 0) is the disagreement point and the Nash
    # point is the kink (3, 3) of the frontier (-1, 4)-(3, 3)-(4, -1)
    pd = Game.from_bimatrix([[3, -1], [4, 0]], [[3, 4], [-1, 0]], players=["Row", "Col"])
    report = bargain(pd)
    assert report.spec is None and report.problem.disagreement_source == "nash"
    assert report.solution.utilities == (3, 3)
    text = str(report)
    assert "nash: Row 3, Col 3" in text.splitlines() and "issue linkage" not in text


def test_text_report_has_the_problem_solution_and_linkage():
    lines = str(bargain(load_model(MODEL))).splitlines()
    assert lines[:5] == ["CFE renewal for missile defense: the bargain", "players: Russia, US",
                         "feasible set: hull of (-1, 3), (0, 0), (4, -2), (3, 1)",
                         "Pareto frontier: (-1, 3), (3, 1), (4, -2)", "disagreement (status-quo): (0, 0)"]
    assert "nash: Russia 5/2, US 5/4" in lines and "issue linkage:" in lines
