"""Pure subgame-perfect profiles of trees with imperfect information, found subgame by subgame.

The expected sets come from a backward induction written here for two-stage games (a simultaneous 2x2
stage, then a simultaneous 2x2 stage in each of its four outcomes): a profile is subgame perfect iff each
second-stage profile is a pure equilibrium of its 2x2 game and the first-stage profile is a pure
equilibrium of the 2x2 game of first-stage payoffs plus the continuation values.  Payoffs are small
integers, so ties (several equilibria per stage) are frequent.
"""

import itertools
import random
from fractions import Fraction

import pytest

from gametheory.errors import CostLimitError
from gametheory.predictions import check_tree_prediction
from gametheory.tree import tree_from_dict
from gametheory.tree.deviations import _pure_nash_by_enumeration, choices_profile, pure_subgame_perfect_profiles

A = ("a0", "a1")  # the row player's actions in every stage
B = ("b0", "b1")  # the column player's


def _pure_equilibria(table):
    """Pure equilibria (i, j) of a 2x2 game given as table[i][j] = (u_row, u_col)."""
    return [(i, j) for i in range(2) for j in range(2)
            if table[i][j][0] == max(table[r][j][0] for r in range(2))
            and table[i][j][1] == max(table[i][c][1] for c in range(2))]


def _two_stage(rng):
    first = [[(rng.randint(-2, 2), rng.randint(-2, 2)) for _ in range(2)] for _ in range(2)]
    second = {(i, j): [[(rng.randint(-2, 2), rng.randint(-2, 2)) for _ in range(2)] for _ in range(2)]
              for i in range(2) for j in range(2)}
    return first, second


def _tree(first, second):
    def stage2(i, j):
        g = second[(i, j)]
        name = f"{A[i]} {B[j]}"
        return {"player": "Row", "label": name, "actions": {
            A[r]: {"player": "Col", "infoset": f"{name} col", "actions": {
                B[c]: [first[i][j][0] + g[r][c][0], first[i][j][1] + g[r][c][1]] for c in range(2)}}
            for r in range(2)}}

    root = {"player": "Row", "actions": {
        A[i]: {"player": "Col", "infoset": "first col", "actions": {B[j]: stage2(i, j) for j in range(2)}}
        for i in range(2)}}
    return tree_from_dict(["Row", "Col"], root, kind="exact")


def _expected(first, second):
    """Every pure subgame-perfect plan as {(stage key, player): action}, by backward induction."""
    out = set()
    keys = [(i, j) for i in range(2) for j in range(2)]
    for picks in itertools.product(*(_pure_equilibria(second[k]) for k in keys)):
        cont = dict(zip(keys, picks))
        reduced = [[tuple(first[i][j][p] + second[(i, j)][cont[(i, j)][0]][cont[(i, j)][1]][p] for p in range(2))
                    for j in range(2)] for i in range(2)]
        for i, j in _pure_equilibria(reduced):
            plan = {("first", "Row"): A[i], ("first", "Col"): B[j]}
            for (x, y), (r, c) in cont.items():
                plan[(f"{A[x]} {B[y]}", "Row")] = A[r]
                plan[(f"{A[x]} {B[y]}", "Col")] = B[c]
            out.add(frozenset(plan.items()))
    return out


def _found(tree, choices_list):
    out = set()
    for choices in choices_list:
        prof = choices_profile(tree, choices)
        plan = {}
        for player, sets in prof.items():
            for key, action in sets.items():
                stage = "first" if key in ("1", "first col") else key.replace(" col", "").replace(", ", " ")
                plan[(stage, player)] = action
        out.add(frozenset(plan.items()))
    return out


@pytest.mark.parametrize("seed", range(12))
def test_decomposition_finds_exactly_the_backward_induction_set(seed):
    first, second = _two_stage(random.Random(seed))
    tree = _tree(first, second)
    assert len(tree.subgame_roots()) == 5  # the whole game and its four second stages
    assert _found(tree, pure_subgame_perfect_profiles(tree)) == _expected(first, second)


@pytest.mark.parametrize("seed", range(3))
def test_decomposition_agrees_with_trying_every_profile(seed):
    # 2^10 profiles: small enough to try them all, as the library did before the decomposition
    first, second = _two_stage(random.Random(100 + seed))
    tree = _tree(first, second)
    assert pure_subgame_perfect_profiles(tree) == _pure_nash_by_enumeration(tree, None)


def test_spe_path_on_a_two_stage_game_is_checked_without_trying_every_profile():
    # a prisoner's dilemma after a coordination stage: with 8 stages of 2x2 below the root the whole tree has
    # 2^34 pure profiles, far above the default cost limit, yet the decomposition needs a few hundred checks
    pd = [[(1, 1), (-1, 2)], [(2, -1), (0, 0)]]
    root = {"player": "Row", "actions": {}}
    leaves_per_branch = 8
    for i in range(leaves_per_branch):
        root["actions"][f"r{i}"] = {"player": "Col", "infoset": "first col", "actions": {
            f"c{j}": {"player": "Row", "label": f"s{i}{j}", "actions": {
                A[r]: {"player": "Col", "infoset": f"s{i}{j} col", "actions": {
                    B[c]: [Fraction(pd[r][c][0] + (i == j)), Fraction(pd[r][c][1] + (i == j))] for c in range(2)}}
                for r in range(2)}} for j in range(2)}}
    tree = tree_from_dict(["Row", "Col"], root, kind="exact")
    verdict = check_tree_prediction(tree, "spe_path", path=["r1", "c1", "a1", "b1"], max_cost=10**6)
    # (r1, c1) coordinates for one extra unit; defection is dominant in every prisoner's dilemma
    assert verdict.status == "fails"  # (r0, c0) also coordinates, so not every SPE plays r1 c1
    assert "plays (r0, c0, a1, b1)" in verdict.reason


def test_the_decomposition_refuses_beyond_its_cost_limit():
    first, second = _two_stage(random.Random(7))
    with pytest.raises(CostLimitError):
        pure_subgame_perfect_profiles(_tree(first, second), max_cost=3)
