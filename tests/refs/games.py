"""Games for the tests: hand-derived equilibria from the literature and the article, seeded random games.

References
----------
von Stengel, B. (2007). Equilibrium computation for two-player games in strategic and extensive
form. In Nisan et al. (eds.), Algorithmic Game Theory, ch. 3.
McKelvey, R. D. and McLennan, A. (1997). The maximal number of regular totally mixed Nash
equilibria. Journal of Economic Theory 72, 411-425 (gambit's contrib/games/2x2x2.nfg).
"""

from fractions import Fraction
from fractions import Fraction as F

import pytest

from gametheory import Game


# ---------------------------------------------------------------- seeded random two-player games
def random_int_game(rng, m, n, low=-2, high=2):
    return Game.from_bimatrix(rng.integers(low, high + 1, (m, n)).tolist(), rng.integers(low, high + 1, (m, n)).tolist())


def random_decimal_game(rng, m, n, digits=None):
    """Uniform [0, 1) floats as exact decimals (their shortest repr, or rounded to ``digits``)."""
    def conv(v):
        v = float(v)
        return Fraction(repr(v)) if digits is None else Fraction(round(v * 10**digits), 10**digits)

    A = [[conv(v) for v in row] for row in rng.random((m, n))]
    B = [[conv(v) for v in row] for row in rng.random((m, n))]
    return Game.from_bimatrix(A, B)


# ---------------------------------------------------------------- N-player games with known equilibria
def mckelvey_mclennan():
    """Gambit's contrib/games/2x2x2.nfg ("2x2x2 Example from McKelvey-McLennan, with 9 Nash equilibria,
    2 totally mixed"): outcomes listed with player 1's strategy varying fastest."""
    pay = [[[[0, 0, 0] for _ in range(2)] for _ in range(2)] for _ in range(2)]
    pay[0][0][0] = [9, 8, 12]
    pay[1][1][0] = [9, 8, 2]
    pay[1][0][1] = [3, 4, 6]
    pay[0][1][1] = [3, 4, 6]
    return Game(pay, title="2x2x2 McKelvey-McLennan")


# The article's three-player games (kosovo_udi_unsc_eulex, serbia_border_reinforcement_3p), from their payoff formulas.
BORDER_DEFAULTS = dict(n=F(3), t=F(1), k_S=F(2), r=F(3), e_S=F(1), e_N=F(1), L=F(3), gamma=F(3), eps=F(1), phi=F(1))


def border_game(**changes):
    """Section 4: Russia {C, W}, Serbia {R, H}, NATO {N, E};
    u_S = [R](t - k_S - r[W] + n[E]) - e_S[N], u_NATO = -e_N[N] - L[R][E],
    u_Rus = [C](gamma[R] - eps[H]) - phi[W][R]."""
    p = {**BORDER_DEFAULTS, **{k: F(v) for k, v in changes.items()}}

    def payoffs(prof):
        C, W = prof["Russia"] == "C", prof["Russia"] == "W"
        R, H = prof["Serbia"] == "R", prof["Serbia"] == "H"
        N, E = prof["NATO"] == "N", prof["NATO"] == "E"
        u_s = R * (p["t"] - p["k_S"] - p["r"] * W + p["n"] * E) - p["e_S"] * N
        u_nato = -p["e_N"] * N - p["L"] * R * E
        u_rus = C * (p["gamma"] * R - p["eps"] * H) - p["phi"] * W * R
        return [u_rus, u_s, u_nato]

    return Game.from_function(["Russia", "Serbia", "NATO"], [["C", "W"], ["R", "H"], ["N", "E"]], payoffs)


def udi_game():
    """Section 3: Kosovo {D, W}, Russia {V, A}, EU {E, H}, defaults V_K=4, h_K=1, l=1, z=4, rho=2,
    f=4, x=1, c_E=1, Z=4, b=2;  u_K = (V_K - h_K)[D] + l[D][A] - z[V][H],
    u_R = rho[A] - f[A][D] - x[V][E],  u_EU = -c_E[E] - Z[V][H] + b[D][E]."""
    V_K, h_K, l, z, rho, f, x, c_E, Z, b = map(F, (4, 1, 1, 4, 2, 4, 1, 1, 4, 2))  # noqa: E741 - the models' symbols

    def payoffs(prof):
        D, A = prof["Kosovo"] == "D", prof["Russia"] == "A"
        V, E = not A, prof["EU"] == "E"
        H = not E
        return [
            (V_K - h_K) * D + l * D * A - z * V * H,
            rho * A - f * A * D - x * V * E,
            -c_E * E - Z * V * H + b * D * E,
        ]

    return Game.from_function(["Kosovo", "Russia", "EU"], [["D", "W"], ["V", "A"], ["E", "H"]], payoffs)


# ---------------------------------------------------------------- two-player literature table
H, T3, Q = F(1, 2), F(1, 3), F(1, 4)

# Degenerate and textbook games, derived by hand.
# (A, B, extreme equilibria, components as lists of equilibria, degenerate)
LITERATURE = [
    pytest.param(
        # von Stengel (2007), Fig. 3.?: row 1 ties the column player; rows 2, 3 mix at (0, 1/3, 2/3).
        # Top is a best reply iff y2 <= 1/3, hence the segment from (T, L) to (T, 2/3 L + 1/3 R).
        [[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]],
        {((1, 0, 0), (1, 0)), ((1, 0, 0), (2 * T3, T3)), ((0, T3, 2 * T3), (T3, 2 * T3))},
        [[((1, 0, 0), (1, 0)), ((1, 0, 0), (2 * T3, T3))], [((0, T3, 2 * T3), (T3, 2 * T3))]],
        True, id="von-stengel-3x2-degenerate",
    ),
    pytest.param(
        # the nondegenerate version (von Stengel 2007, Fig. 3.1): three isolated equilibria
        [[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]],
        {((1, 0, 0), (1, 0)), ((F(4, 5), F(1, 5), 0), (2 * T3, T3)), ((0, T3, 2 * T3), (T3, 2 * T3))},
        [[((1, 0, 0), (1, 0))], [((F(4, 5), F(1, 5), 0), (2 * T3, T3))], [((0, T3, 2 * T3), (T3, 2 * T3))]],
        False, id="von-stengel-3x2-nondegenerate",
    ),
    pytest.param(
        # weakly dominated coordination: (B, R) is an equilibrium, no mixed one (y1 > 0 forces T, x1 > 0 forces L)
        [[1, 0], [0, 0]], [[1, 0], [0, 0]],
        {((1, 0), (1, 0)), ((0, 1), (0, 1))},
        [[((1, 0), (1, 0))], [((0, 1), (0, 1))]],
        True, id="weak-dominance-coordination",
    ),
    pytest.param(
        # T weakly dominates B and the column player is indifferent after T: (T, any y) and (any x, R)
        [[1, 1], [0, 1]], [[1, 1], [0, 0]],
        {((1, 0), (1, 0)), ((1, 0), (0, 1)), ((0, 1), (0, 1))},
        [[((1, 0), (1, 0)), ((1, 0), (0, 1)), ((0, 1), (0, 1))]],
        True, id="weak-dominance-two-segments",
    ),
    pytest.param(
        # strictly dominant L for the column player; T a best reply to L only
        [[1, 1], [0, 1]], [[1, 0], [1, 0]],
        {((1, 0), (1, 0))},
        [[((1, 0), (1, 0))]],
        True, id="weak-dominance-unique",
    ),
    pytest.param(
        [[0, 0, 0], [0, 0, 0]], [[0, 0, 0], [0, 0, 0]],
        {((a, 1 - a), tuple(int(j == k) for j in range(3))) for a in (0, 1) for k in range(3)},
        [[((a, 1 - a), tuple(int(j == k) for j in range(3))) for a in (1, 0) for k in range(3)]],
        True, id="all-zero-2x3",
    ),
    pytest.param(
        [[1, -1], [-1, 1]], [[-1, 1], [1, -1]],
        {((H, H), (H, H))}, [[((H, H), (H, H))]], False, id="matching-pennies",
    ),
    pytest.param(
        # blocks {1,2} and {3}: any x, y on block {1,2} (a square, 4 vertices); (3, 3);
        # and a + b = c = 1/2 for both players (another square of 4 vertices): 9 in 3 components
        [[1, 1, 0], [1, 1, 0], [0, 0, 1]], [[1, 1, 0], [1, 1, 0], [0, 0, 1]],
        {(u, v) for u in ((1, 0, 0), (0, 1, 0)) for v in ((1, 0, 0), (0, 1, 0))}
        | {((0, 0, 1), (0, 0, 1))}
        | {(u, v) for u in ((H, 0, H), (0, H, H)) for v in ((H, 0, H), (0, H, H))},
        [[(u, v) for u in ((1, 0, 0), (0, 1, 0)) for v in ((1, 0, 0), (0, 1, 0))],
         [((0, 0, 1), (0, 0, 1))],
         [(u, v) for u in ((H, 0, H), (0, H, H)) for v in ((H, 0, H), (0, H, H))]],
        True, id="block-coordination-3x3",
    ),
    pytest.param(
        # serbia_blockade_offer at its defaults: West {O, N} x Serbia {CC, CB, BC, BB}.  After O Serbia ties CC/CB (3);
        # O stays a best reply while -1 >= -4 (1 - q), q <= 3/4.  (N, BB): West ties -4/-4.
        [[-1, -1, -4, -4], [0, -4, 0, -4]], [[3, 3, 2, 2], [0, 2, 0, 2]],
        {((1, 0), (0, 1, 0, 0)), ((1, 0), (3 * Q, Q, 0, 0)), ((0, 1), (0, 0, 0, 1))},
        [[((1, 0), (0, 1, 0, 0)), ((1, 0), (3 * Q, Q, 0, 0))], [((0, 1), (0, 0, 0, 1))]],
        True, id="serbia-blockade-2x4",
    ),
    pytest.param(
        # one row: the column player's best replies are columns 1 and 3
        [[1, 2, 3]], [[3, 1, 3]],
        {((1,), (1, 0, 0)), ((1,), (0, 0, 1))},
        [[((1,), (1, 0, 0)), ((1,), (0, 0, 1))]],
        True, id="single-row-1x3",
    ),
    pytest.param(
        [[1], [3], [3]], [[0], [5], [1]],
        {((0, 1, 0), (1,)), ((0, 0, 1), (1,))},
        [[((0, 1, 0), (1,)), ((0, 0, 1), (1,))]],
        True, id="single-column-3x1",
    ),
    pytest.param([[5]], [[-1]], {((1,), (1,))}, [[((1,), (1,))]], False, id="1x1"),
]
