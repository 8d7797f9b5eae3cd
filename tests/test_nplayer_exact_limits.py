"""Limits of the N-player path methods: the exact certification step and the path cost (issue 12, items 9 and 3).

Each run that could hang or blow memory runs in a subprocess with a time and memory limit.
"""

import json
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# 3x3x2x3, integer payoffs in [-9, 9] drawn with numpy's default_rng(11): the logit path ends near an
# equilibrium whose support (3, 2, 2, 3) has an indifference system of 6 unknowns with up to 29
# isolated solutions (the multihomogeneous Bezout bound of McKelvey and McLennan 1997); sympy's Groebner
# basis for it did not finish in 900 s.  Seed 9 gives a bound of 12 (gnm's end support).
GAME = "Game(np.random.default_rng({seed}).integers(-9, 10, size=(3, 3, 2, 3, 4)).tolist())"


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))


def run_python(code: str, timeout: float) -> dict:
    script = "import json, numpy as np\nfrom gametheory import Game, solve\n" + textwrap.dedent(code)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT, preexec_fn=_limit_memory)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def float_max_regret(payoffs, vectors):
    import numpy as np
    from refs.brute import float_regrets

    return max(float_regrets(np.asarray(payoffs, dtype=float), vectors))


@pytest.mark.parametrize("method,seed", [("logit", 11), ("gnm", 9)])
def test_exact_certification_is_skipped_not_hung(method, seed):
    out = run_python(f"""
        game = {GAME.format(seed=seed)}
        res = solve(game, method={method!r}, exact=True)
        print(json.dumps({{"exact": res.exact, "n": len(res), "diagnostics": list(res.diagnostics),
                          "vectors": [[list(map(float, v)) for v in eq.profile.vectors] for eq in res],
                          "payoffs": np.asarray(game.payoffs, dtype=float).tolist()}}))
    """, timeout=120)
    assert out["n"] == 1
    # what could not be certified is said, and the flag says so
    assert out["exact"] is False
    assert any("not certified exactly" in d for d in out["diagnostics"]), out["diagnostics"]
    # the float equilibrium is still a certified one (independent regret computation)
    assert float_max_regret(out["payoffs"], out["vectors"][0]) < 1e-8


def test_exact_certification_still_runs_when_cheap():
    # A 2x2x2 game (McKelvey-McLennan): its support systems have at most 2 solutions, so gnm's end
    # point is certified exactly (Fraction regrets 0).
    from refs.games import mckelvey_mclennan

    from gametheory import solve

    res = solve(mckelvey_mclennan(), method="gnm", exact=True)
    assert res.exact and len(res) == 1
    assert all(r == 0 for r in res[0].regret.values())


@pytest.mark.parametrize("method", ["gnm", "logit"])
def test_twelve_players_three_strategies_refused_for_cost(method):
    # 3**12 profiles x 12 payoffs = 6.4 million entries; one Jacobian of the path contracts each player's
    # tensor once per other player (12 x 12 x 531441 multiplications), and a path needs hundreds.
    out = run_python(f"""
        from gametheory.errors import CostLimitError
        game = Game(np.zeros((3,) * 12 + (12,)))
        try:
            solve(game, method={method!r})
        except CostLimitError as exc:
            print(json.dumps({{"refused": str(exc)}}))
        else:
            print(json.dumps({{"refused": None}}))
    """, timeout=120)
    assert out["refused"] and f"method {method!r}: estimated cost" in out["refused"]


@pytest.mark.parametrize("method", ["gnm", "logit"])
def test_path_cost_refusal_follows_max_cost(method):
    from refs.games import mckelvey_mclennan

    from gametheory import CostLimitError, solve

    with pytest.raises(CostLimitError, match="estimated cost"):
        solve(mckelvey_mclennan(), method=method, max_cost=10)
    assert len(solve(mckelvey_mclennan(), method=method)) == 1
