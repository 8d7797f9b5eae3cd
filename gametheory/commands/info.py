"""``gametheory info PATH``: what a game (or a game tree) is made of.

Loads the game (at the parameters' defaults, or at ``--param`` values) and
prints its :class:`gametheory.game_info.GameInfo`: players, strategies, the
payoff table and formulas, the iterated-dominance traces, each player's
security levels, and each parameter's default, range, status, meaning and
the article quote it rests on.  For a game tree (a model file with
``[[nodes]]``, or an ``.efg`` file) it prints its
:class:`gametheory.tree.info.TreeInfo`: players, nodes, information sets,
proper subgames, perfect information or not, payoffs by path and parameters.
For a signaling model, its :class:`gametheory.bayesian.info.SignalingInfo`:
sender, types and prior, messages, the receiver's actions, payoffs by type,
message and action, formulas and parameters; for a Bayesian model, its
:class:`gametheory.bayesian.info.BayesianInfo`: types, prior, payoffs per type
profile and the type-agent normal form.

``--json`` prints the same facts as one strict JSON document
(:func:`gametheory.game_info.info_of`, then the info's ``to_json()``; the web
lab's ``/api/info`` returns exactly this document).  Exact numbers are text
(``"1/3"``, ``"2"``), floats JSON numbers, formulas their text; nothing is
NaN.  Every document has:

* ``kind``: ``"game"``, ``"tree"``, ``"signaling"`` or ``"bayesian"``;
  ``title``; ``players`` (for a signaling game: sender, receiver);
* ``at``: ``{parameter: value}`` the game was taken at (``{}`` without a model);
* ``model``: null without a model file, else ``{name`` (file stem), ``title``,
  ``section``, ``description``, ``quotes`` [str], ``assumptions`` [str],
  ``kind``, ``bargaining`` (bool: a ``[bargaining]`` table), ``parameters``
  [``{name, default, value, range: [lo, hi], step, meaning, quote, status}``,
  numbers as text, ``step`` the slider's (:func:`gametheory.explorer.slider_step`)],
  ``predictions`` [``{kind, claim, quote, source, at}``]``}``.

By kind:

* ``game``: ``strategies`` ``{player: [label]}``; ``exact`` (bool);
  ``payoffs`` [``{profile: [label per player], values: [payoff per player]}``]
  (the last player's strategy changing fastest); ``typed`` (a two-player game as the text a typed
  bimatrix is written in, :func:`gametheory.io.bimatrix_text.format_bimatrix_text`, or null); ``formulas`` (same shape,
  payoffs as written, only for a model with parameters); ``dominance``
  ``{strict, weak}``, each ``{kind, mixed, trace: [{round, player, removed,
  dominated_by (a label or {label: probability}), kind}], surviving: {player:
  [label]}, solved, diagnostics, lines}``; ``security_levels`` ``{player:
  {pure_value, pure_strategies, mixed_value, mixed_strategy, certified, note,
  punishment: [{profile, probability}] or null, line}}``.
* ``tree``: ``exact``; ``nodes`` ``{total, decision, chance, terminal}``;
  ``perfect_information``; ``infosets`` [``{player`` (null for chance),
  ``key, nodes: [{node, label}], actions, probabilities`` (chance only)``}``];
  ``subgame_roots`` [``{node, label}``]; ``payoffs`` [``{node, label, path:
  [action], values}``]; ``formulas`` (with parameters).  Lists stop after
  :data:`gametheory.tree.info.MAX_LISTED` items as the text's do;
  ``infoset_count``, ``subgame_root_count`` and ``terminal_count`` give the totals.
* ``signaling``: ``sender``, ``receiver``, ``types``, ``prior`` ``{type: p}``,
  ``messages``, ``actions`` ``{message: [action]}``, ``type_descriptions``,
  ``payoffs`` [``{type, message, action, values: [u_sender, u_receiver]}``];
  with parameters ``prior_formulas`` and ``formulas``.
* ``bayesian``: ``types`` and ``actions`` ``{player: [label]}``; ``prior``
  [``{types, probability, payoffs}``] for the type profiles of positive
  probability, ``payoffs`` as a game's; ``type_agent_form`` ``{players,
  strategies, payoffs}`` (payoffs null beyond 3 type agents, as in the text).
"""

from __future__ import annotations

from ..overrides import parse_overrides
from ._common import (
    add_exactness,
    add_json,
    add_max_cost,
    add_params,
    exact_flag,
    load_any,
    max_cost_option,
    print_json,
)


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH",
                        help="a model file (.toml, a game or a game tree) or a Gambit file (.nfg, .efg)")
    add_exactness(parser)
    add_params(parser)
    add_max_cost(parser, help="raise the limit on the estimated work of the dominance and security analysis")
    add_json(parser, help="print one JSON document (its fields: gametheory.commands.info's docstring)")


def run(args) -> int:
    from ..game_info import info_of

    params = parse_overrides(args.param, path=args.path)
    game, model = load_any(args.path, params, exact_flag(args))
    info = info_of(game, model, params, **max_cost_option(args))
    if args.json:
        print_json(info.to_json())
    else:
        print(info)
    return 0
