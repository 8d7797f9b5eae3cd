"""``gametheory repeated PATH``: the repeated game whose stage game is a model or a Gambit game.

Parses the options, calls :func:`gametheory.repeated.report.analyze_repeated`
and prints its :class:`~gametheory.repeated.report.RepeatedReport` (text, or
one JSON document with ``--json``).  ``--plot`` draws the folk-theorem picture
of a two-player game (:func:`gametheory.repeated.folk_plot.plot_folk`),
``--plot-play`` the payoff streams of the automata's play
(:func:`gametheory.repeated.simulate.plot_play`).  The
target profile, when ``--profile`` is not given: the model's ``sustainable``
prediction, else the profile with the largest sum of payoffs among those that
are not stage equilibria.
"""

from __future__ import annotations

from ..errors import InputError
from ..overrides import parse_overrides
from ._common import (
    add_dpi,
    add_json,
    add_max_cost,
    add_params,
    check_plot,
    load,
    plot_options,
    print_json,
    profile_option,
)


def _positive_int(name: str, text: str, *, at_most: int | None = None) -> int:
    try:
        value = int(text)
    except ValueError:
        raise InputError(f"{name} expects a whole number, got {text!r}", field=name) from None
    if value < 1 or (at_most is not None and value > at_most):
        bound = f"between 1 and {at_most}" if at_most is not None else "at least 1"
        raise InputError(f"{name} must be {bound}, got {value}", field=name)
    return value


# a bound on the text only: each part estimates its own work from it and checks --max-cost
_MAX_ROUNDS = 10**6


def add_arguments(parser):
    parser.add_argument("path", metavar="PATH", help="a model file (.toml) or a Gambit .nfg game: the stage game")
    parser.add_argument("--profile", action="append", default=[], metavar="PLAYER=STRATEGY",
                        help="the target pure profile, one item per player (default: the model's sustainable "
                        "prediction, else the largest sum of payoffs among the profiles that are not stage equilibria)")
    parser.add_argument("--delta", default=None, metavar="D",
                        help="a discount factor in (0, 1), e.g. 0.9 (read exactly as 9/10) or 2/3")
    parser.add_argument("--automaton", action="append", default=[], metavar="PLAYER=NAME_OR_FILE",
                        help="a strategy for a player: grim, tit-for-tat, win-stay-lose-shift, always-cooperate, "
                        "always-defect, or a TOML automaton file (repeatable, one per player)")
    parser.add_argument("--horizon", default=None, metavar="T", help="also analyse the game repeated T times")
    parser.add_argument("--rounds", default=None, metavar="N", help="play the automata (and the tournament) N rounds")
    parser.add_argument("--tournament", default=None, metavar="NAME,...",
                        help="a round-robin tournament of built-in automata, e.g. grim,tft,wsls,alld")
    parser.add_argument("--plot", default=None, metavar="OUT.png",
                        help="draw the feasible and individually rational payoffs (two players; png, pdf, svg)")
    parser.add_argument("--plot-play", default=None, metavar="OUT.png",
                        help="draw the payoff streams of the automata's play over --rounds (png, pdf, svg)")
    add_dpi(parser)
    add_params(parser)
    add_max_cost(parser, help="raise the limit on the estimated work (histories, stick pairs, automaton states)")
    add_json(parser)


def _automata(items) -> dict:
    out: dict = {}
    for item in items:
        player, sep, spec = item.partition("=")
        player, spec = player.strip(), spec.strip()
        if not sep or not player or not spec:
            raise InputError(f"--automaton expects PLAYER=NAME or PLAYER=FILE, got {item!r}", field="--automaton")
        if player in out:
            raise InputError(f"--automaton names {player!r} twice", field="--automaton")
        out[player] = spec
    return out


def _names(text) -> list[str]:
    if text is None:
        return []
    names = [x.strip() for x in text.split(",")]
    if not all(names):
        raise InputError(f"--tournament expects NAME,NAME,..., got {text!r}", field="--tournament")
    return names


def run(args) -> int:
    from ..repeated.discount import parse_delta
    from ..repeated.report import analyze_repeated

    check_plot(args.plot)
    if args.plot_play is not None:
        check_plot(args.plot_play, field="--plot-play")
        if args.rounds is None or not args.automaton:
            raise InputError("--plot-play draws the play of the automata: give --automaton for every player and "
                             "--rounds N", field="--plot-play")
    # every option is read before the (possibly long) analysis, so a typo fails at once
    delta = None if args.delta is None else parse_delta(args.delta, field="--delta")
    horizon = None if args.horizon is None else _positive_int("--horizon", args.horizon, at_most=_MAX_ROUNDS)
    rounds = None if args.rounds is None else _positive_int("--rounds", args.rounds, at_most=_MAX_ROUNDS)
    automata = _automata(args.automaton)
    tournament = _names(args.tournament)
    params = parse_overrides(args.param, path=args.path)
    game, model = load(args.path, params)
    if args.plot and game.num_players != 2:
        raise InputError(f"--plot draws two-player games; this one has {game.num_players} players", field="--plot")
    target = profile_option(args.profile, game, supports=False)
    report = analyze_repeated(game if model is None else model, profile=target or None, delta=delta,
                              automata=automata, horizon=horizon, rounds=rounds, tournament=tournament,
                              values=params, max_cost=args.max_cost)
    if args.plot:
        from ..repeated.folk_plot import plot_folk

        plot_folk(report.feasible, report.minmax, report.stage_equilibria, report.target, args.plot,
                  title=report.title, **plot_options(args))
    if args.plot_play:
        from ..repeated.simulate import plot_play

        plot_play(report.play, args.plot_play, title=report.title, **plot_options(args))
    wrote = [p for p in (args.plot, args.plot_play) if p]
    if args.json:
        print_json(report.to_json(), ensure_ascii=False)
    else:
        print("\n".join([str(report)] + [f"wrote {p}" for p in wrote]))
    return 0
