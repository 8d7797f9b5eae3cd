r"""A game's payoff matrix with its equilibria marked, and a result's equilibria, as tables.

:func:`render_game` writes the payoff matrix: player 1's strategies as rows,
player 2's as columns, each cell ``u_1, ..., u_N``.  A payoff is *marked*
where the player's strategy is a best reply to the others' strategies
(:func:`gametheory.solvers.pure.best_reply_masks`; none in a symbolic game),
and the cells of the pure equilibria given are *strong*: the textbook way of
finding pure equilibria, every payoff of the cell marked (Osborne 2004,
section 2.8).  A game of three or more players gets one matrix per pure
profile of players 3, ..., N; a one-player game a single column.

:func:`render_equilibria` writes a result's equilibria, numbered from 1: each
player's (mixed or behaviour) strategy with exact probabilities, the
payoffs and the largest regret (the certificate, 0 in exact arithmetic).
:func:`render_result` is both, what ``gametheory solve --format`` prints.  The
formats and their marks are :mod:`.formats`'s.

References
----------
M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press,
2004, section 2.8 (best response functions).

Examples
--------
>>> from gametheory import Game, solve
>>> pd = Game.from_bimatrix([[3, -1], [4, 0]], [[1, 3], [-2, 0]], players=["Russia", "US"],
...                         strategies=[["Renew", "Suspend"], ["Abandon", "Build"]])
>>> print(render_game(pd, solve(pd).equilibria))
payoffs (Russia, US) ([ ]: pure equilibrium; *: best response)
  Russia \ US   Abandon   Build
  Renew         3, 1      -1, 3*
  Suspend       4*, -2    [0*, 0*]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from ..game_text import plural
from ..profile import MixedProfile
from .formats import Cell, Format, Span, Table, cell, check_format, join_blocks, number, text, write_note, write_table

if TYPE_CHECKING:
    from ..game import Game
    from ..result import CorrelatedResult, SolveResult
    from ..tree.result import TreeSolveResult

__all__ = ["MAX_CELLS", "MAX_TABLES", "render_game", "render_equilibria", "render_result", "game_tables",
           "equilibria_table"]

#: The most payoff cells written per table; rows beyond are cut, with a note.
MAX_CELLS = 4096
#: The most matrices written for a game of three or more players (one per profile of players 3..N).
MAX_TABLES = 16
#: The largest reduced normal form of a tree shown above its equilibria (the estimated work of
#: :func:`gametheory.tree.to_normal_form`: profiles x players x terminal nodes reached).
TREE_FORM_MAX_COST = 20_000
#: ... and its most profiles (cells): a larger one is a note, not a table.
TREE_FORM_MAX_PROFILES = 64
#: Information sets shown per player in a tree's equilibria table.
MAX_INFOSETS = 12


def _pure_cells(game: Game, equilibria: Iterable[object]) -> set[tuple[int, ...]]:
    """The profile indices of the pure equilibria among ``equilibria`` (mixed ones have no cell)."""
    cells = set()
    for eq in equilibria:
        profile = getattr(eq, "profile", eq)
        if isinstance(profile, MixedProfile):
            if profile.is_pure:
                cells.add(tuple(int(np.argmax(np.asarray(v, dtype=float))) for v in profile.vectors))
        elif isinstance(profile, Mapping):
            cells.add(game.profile_index(profile))
    return cells


def _caption(game: Game, what: str) -> str:
    return f"{game.title}: {what}" if game.title else what


def game_tables(game: Game, equilibria: Iterable[object] = ()) -> tuple[list[Table], list[str]]:
    """The payoff tables of ``game`` with the pure ``equilibria``'s cells strong, and notes on what was cut."""
    pure = _pure_cells(game, equilibria)
    masks = None if game.kind == "symbolic" else _best_replies(game)
    legend = (("equilibrium",) if pure else ()) + (("best_response",) if masks is not None else ())
    arr = game.payoffs
    n = game.num_players
    what = f"payoffs ({', '.join(game.players)})"
    notes: list[str] = []

    def payoff_cell(idx: tuple[int, ...]) -> Cell:
        spans: list[Span] = []
        for i in range(n):
            if i:
                spans.append(text(", "))
            spans.append(number(arr[idx + (i,)], mark=masks is not None and bool(masks[i][idx])))
        return cell(*spans, strong=idx in pure)

    if n == 1:
        single = tuple((cell(text(s)), payoff_cell((r,))) for r, s in enumerate(game.strategies[0]))
        return [Table(_caption(game, what), (cell(text(game.players[0])), cell(text("payoff"))), single, legend)], notes
    rows_shown = max(1, MAX_CELLS // game.shape[1])
    others = list(itertools.product(*(range(k) for k in game.shape[2:])))
    if len(others) > MAX_TABLES:
        notes.append(f"{len(others) - MAX_TABLES} more matrices (profiles of {', '.join(game.players[2:])}) "
                     "not shown")
    if game.shape[0] > rows_shown:
        notes.append(f"{game.shape[0] - rows_shown} more rows of each matrix not shown")
    tables = []
    for rest in others[:MAX_TABLES]:
        when = ", ".join(f"{game.players[2 + k]} plays {game.strategies[2 + k][j]}" for k, j in enumerate(rest))
        header: tuple[Cell, ...] = (cell(text(f"{game.players[0]} \\ {game.players[1]}")),
                                    *(cell(text(s)) for s in game.strategies[1][:MAX_CELLS]))
        columns = range(min(game.shape[1], MAX_CELLS))
        rows: tuple[tuple[Cell, ...], ...] = tuple((cell(text(lab)), *(payoff_cell((r, c, *rest)) for c in columns))
                                                   for r, lab in enumerate(game.strategies[0][:rows_shown]))
        tables.append(Table(_caption(game, what + (f" when {when}" if when else "")), header, rows, legend))
    return tables, notes


def _best_replies(game: Game) -> tuple[np.ndarray, ...]:
    from ..solvers.pure import best_reply_masks

    return best_reply_masks(game)


def render_game(game: Game, equilibria: Iterable[object] = (), fmt: Format = "text") -> str:
    r"""The payoff matrix of ``game`` in ``fmt``, best replies marked and the pure ``equilibria``'s cells strong.

    Parameters
    ----------
    game : Game
    equilibria : iterable
        Equilibria (:class:`~gametheory.Equilibrium`), mixed profiles or pure
        profiles ``{player: label}``; the pure ones' cells are marked.
    fmt : {'text', 'markdown', 'latex', 'html'}

    Examples
    --------
    >>> from gametheory import Game
    >>> g = Game.from_bimatrix([[1, 0]], [[0, 1]], players=["A", "B<"], strategies=[["x"], ["y", "z"]])
    >>> print(render_game(g, [{"A": "x", "B<": "z"}], "markdown"))
    payoffs (A, B\<) (**bold**: pure equilibrium; \*: best response)
    <BLANKLINE>
    | A \\ B\< | y | z |
    | --- | --- | --- |
    | x | 1\*, 0 | **0\*, 1\*** |
    """
    fmt = check_format(fmt)
    tables, notes = game_tables(game, equilibria)
    return join_blocks([write_table(t, fmt) for t in tables] + [write_note(n, fmt) for n in notes], fmt)


# ---------------------------------------------------------------------------------------------- equilibria
def _mix_spans(dist: Mapping[str, Any]) -> list[Span]:
    """``{label: p}`` as spans: the label alone when pure, ``1/3 A + 2/3 B`` otherwise (zeros left out)."""
    support = [(lab, p) for lab, p in dist.items() if p != 0]
    if len(support) == 1 and support[0][1] == 1:
        return [text(support[0][0])]
    spans: list[Span] = []
    for k, (lab, p) in enumerate(support):
        spans += ([text(" + ")] if k else []) + [number(p), text(f" {lab}")]
    return spans


def _summary(result: Any, what: str) -> str:
    arithmetic = "exact" if result.exact else "float"
    listed = "every one listed" if result.complete else "others may exist"
    return f"{plural(len(result.equilibria), what, what[:-2] + 'a')} (method {result.method}, {arithmetic}; {listed})"


def equilibria_table(result: SolveResult | TreeSolveResult | CorrelatedResult) -> Table:
    """The table of :func:`render_equilibria`."""
    from ..result import CorrelatedResult
    from ..tree.result import TreeSolveResult

    if isinstance(result, CorrelatedResult):
        players = result.game.players
        header = tuple(cell(text(p)) for p in players) + (cell(text("probability")),)
        rows = tuple(tuple(cell(text(s)) for s in prof) + (cell(number(q)),) for prof, q in result.distribution.items())
        values = ", ".join(f"{p} {v}" for p, v in result.payoffs.items())
        goal = "total payoff" if result.objective == "total" else f"{result.objective}'s payoff"
        caption = f"correlated equilibrium maximising {goal} (payoffs {values})"
        return Table(caption, header, rows, row_header=False)
    if isinstance(result, TreeSolveResult):
        return _tree_table(result)
    players = result.game.players
    comp = {k: c for c, members in enumerate(result.components, 1) for k in members}
    header = (cell(text("#")), *(cell(text(p)) for p in players),
              *(cell(text(f"payoff {p}")) for p in players), cell(text("regret")),
              *((cell(text("component")),) if comp else ()))
    eq_rows: list[tuple[Cell, ...]] = []
    for k, eq in enumerate(result.equilibria):
        eq_rows.append((cell(text(str(k + 1))), *(cell(*_mix_spans(d)) for d in eq.profile.as_dict().values()),
                     *(cell(number(eq.payoffs[p])) for p in players), cell(number(eq.max_regret)),
                     *((cell(text(str(comp.get(k, "")))),) if comp else ())))
    return Table(_summary(result, "equilibrium"), header, tuple(eq_rows))


def _tree_table(result: TreeSolveResult) -> Table:
    tree = result.tree
    players = tree.players
    header = (cell(text("#")), cell(text("path")), *(cell(text(p)) for p in players),
              *(cell(text(f"payoff {p}")) for p in players), cell(text("regret")))
    rows = []
    for k, eq in enumerate(result.equilibria):
        plans: list[list[Span]] = [[] for _ in players]
        counts = [0] * len(players)
        for s, p in enumerate(tree.infoset_players.tolist()):
            if p < 0:
                continue
            counts[p] += 1
            if counts[p] <= MAX_INFOSETS:
                plans[p] += ([text("; ")] if plans[p] else []) + [text(f"at {tree.infoset_key(s)}: "),
                                                                   *_mix_spans(eq.behavior.distribution(s))]
        for p, c in enumerate(counts):
            if c > MAX_INFOSETS:
                plans[p].append(text(f"; ... ({c - MAX_INFOSETS} more)"))
        path = " > ".join(a for _, a in eq.path) or "(branches at the root)"
        rows.append((cell(text(str(k + 1))), cell(text(path)), *(cell(*plan) for plan in plans),
                     *(cell(number(eq.payoffs[p])) for p in players), cell(number(eq.max_regret))))
    what = "subgame-perfect equilibrium" if result.concept == "subgame-perfect" else "Nash equilibrium"
    return Table(_summary(result, what), header, tuple(rows))


def render_equilibria(result: SolveResult | TreeSolveResult | CorrelatedResult, fmt: Format = "text") -> str:
    """A result's equilibria as a table in ``fmt``: number (from 1), strategies, payoffs, largest regret.

    A game tree's equilibria show the path of play and each player's choice
    at (at most :data:`MAX_INFOSETS` of) their information sets; a correlated
    equilibrium its distribution over profiles.

    Examples
    --------
    >>> from gametheory import Game, solve
    >>> mp = Game.zero_sum([[1, -1], [-1, 1]], players=["A", "B"], strategies=[["h", "t"], ["h", "t"]])
    >>> print(render_equilibria(solve(mp), "markdown"))
    1 equilibrium (method enumerate, exact; every one listed)
    <BLANKLINE>
    | # | A | B | payoff A | payoff B | regret | component |
    | --- | --- | --- | --- | --- | --- | --- |
    | 1 | 1/2 h + 1/2 t | 1/2 h + 1/2 t | 0 | 0 | 0 | 1 |
    """
    fmt = check_format(fmt)
    return write_table(equilibria_table(result), fmt)


def _reduced_form_tables(result: TreeSolveResult) -> tuple[list[Table], list[str]]:
    """A small tree's reduced normal form, the cells of the result's pure equilibria strong; else a note."""
    from ..errors import CostLimitError
    from ..tree.normal_form import reduced_strategies, to_normal_form

    tree = result.tree
    try:
        game = to_normal_form(tree, max_cost=TREE_FORM_MAX_COST)
    except CostLimitError:
        return [], ["the reduced normal form is too large to show here; gametheory convert --to nfg writes it"]
    if game.num_profiles > TREE_FORM_MAX_PROFILES:
        return [], [f"the reduced normal form has {game.num_profiles} profiles, too many to show here; "
                    "gametheory convert --to nfg writes it"]
    game = game.with_title(f"{tree.title}: reduced normal form" if tree.title else "reduced normal form")
    plans = [reduced_strategies(tree, p) for p in tree.players]
    cells = []
    for eq in result.equilibria:
        if not eq.is_pure:
            continue

        # the action each information set plays (the profile is pure: probability 1 on it)
        played = {k: max(d, key=d.__getitem__) for k in range(tree.num_infosets)
                  if (d := eq.behavior.distribution(k))}
        # the profile plays, for each player, the one plan whose every choice it makes
        index = [next((j for j, plan in enumerate(own) if all(played.get(k) == a for k, a in plan.items())), None)
                 for own in plans]
        found = [j for j in index if j is not None]
        if len(found) == len(index):
            cells.append({p: game.strategies[i][j] for i, (p, j) in enumerate(zip(game.players, found))})
    return game_tables(game, cells)


def render_result(result: SolveResult | TreeSolveResult | CorrelatedResult, fmt: Format = "text") -> str:
    """The payoff matrix with the equilibria marked, then the equilibria: what ``solve --format`` prints.

    A game tree shows its reduced normal form when that is small
    (:data:`TREE_FORM_MAX_PROFILES`; the cells of its pure equilibria strong), or a
    line saying ``gametheory convert --to nfg`` writes it, then its
    equilibria; a correlated result the payoff matrix (best replies marked)
    and the distribution.
    """
    from ..result import CorrelatedResult
    from ..tree.result import TreeSolveResult

    fmt = check_format(fmt)
    if isinstance(result, TreeSolveResult):
        tables, notes = _reduced_form_tables(result)
        blocks = [write_table(t, fmt) for t in tables] + [write_note(n, fmt) for n in notes]
        return join_blocks(blocks + [write_table(equilibria_table(result), fmt)], fmt)
    marked = () if isinstance(result, CorrelatedResult) else result.equilibria
    tables, notes = game_tables(result.game, marked)
    blocks = [write_table(t, fmt) for t in tables] + [write_note(n, fmt) for n in notes]
    return join_blocks(blocks + [write_table(equilibria_table(result), fmt)], fmt)
