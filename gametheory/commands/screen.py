"""``gametheory screen``: bargaining under incomplete information for teaching (screening, Coase, Spence).

Three forms, chosen by the optional first word and ``--periods``:

* ``gametheory screen --value low=2 --value high=5 --prior low=1/2 --prior high=1/2 [--cost C]``:
  the seller's one take-it-or-leave-it price (:func:`gametheory.bayesian.screening.screening`);
* the same with ``--periods 2 --delta-seller D --delta-buyer D`` (two types): the two-period game
  without commitment (:func:`gametheory.bayesian.coase.coase_two_period`);
* ``gametheory screen spence --value low=1 --value high=2 --prior low=1/2 --prior high=1/2
  --signal-cost low=1 --signal-cost high=1/2``: job-market signalling, values being productivities
  (:func:`gametheory.bayesian.spence.spence`).

Numbers are read exactly (``0.1`` is 1/10, ``1/3`` is a third) by
:func:`gametheory.numbers.parse_rational`; bad input exits 2 with one ``error:`` line.
"""

from __future__ import annotations

import argparse

from ..errors import InputError
from ..numbers import parse_rational
from ._common import add_json, print_json

_FORMS = ("price", "spence")

_EPILOG = """\
forms:
  price (default)  the seller's take-it-or-leave-it price to a buyer whose value is one of the types:
                   optimal price, who buys, profit, and the exact cut-offs of the prior where it changes
  price --periods 2 --delta-seller D --delta-buyer D
                   two types, two periods, no commitment: the Coase-style price path p1, p2 and
                   which type buys when (discount factors in (0, 1])
  spence           two-type job-market signalling: --value is each type's productivity and
                   --signal-cost its cost per unit of education; the separating interval, its
                   least-cost (Riley) member and the pooling range

examples:
  gametheory screen --value low=2 --value high=5 --prior low=7/10 --prior high=3/10
  gametheory screen --value low=1 --value high=2 --prior low=1/2 --prior high=1/2 \\
      --periods 2 --delta-seller 0.9 --delta-buyer 0.5 --json
  gametheory screen spence --value low=1 --value high=2 --prior low=1/2 --prior high=1/2 \\
      --signal-cost low=1 --signal-cost high=1/2

numbers are exact: 0.1 is read as 1/10 and 1/3 as a third."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = _EPILOG
    parser.add_argument("form", nargs="?", default="price", metavar="FORM",
                        help="price (default) or spence; see below")
    parser.add_argument("--value", action="append", default=[], metavar="TYPE=V",
                        help="a type and its value (price) or productivity (spence); repeat for each type")
    parser.add_argument("--prior", action="append", default=[], metavar="TYPE=P",
                        help="a type's prior probability; repeat for each type (they must sum to 1)")
    parser.add_argument("--cost", default=None, metavar="C", help="the seller's cost (price form; default 0)")
    parser.add_argument("--periods", default=None, metavar="N",
                        help="1 (default) or 2: the two-period game without commitment (price form, two types)")
    parser.add_argument("--delta-seller", default=None, metavar="D", help="the seller's discount factor (--periods 2)")
    parser.add_argument("--delta-buyer", default=None, metavar="D", help="the buyer's discount factor (--periods 2)")
    parser.add_argument("--signal-cost", action="append", default=[], metavar="TYPE=C",
                        help="a type's cost per unit of education (spence); repeat for each type")
    add_json(parser)


def _pairs(items: list[str], option: str) -> dict[str, str]:
    """``{TYPE: text}`` of ``TYPE=X`` items, each type once."""
    out: dict[str, str] = {}
    for item in items:
        label, sep, text = item.partition("=")
        label = label.strip()
        if not sep or not label:
            raise InputError(f"expected TYPE=NUMBER, got {item!r}", field=option)
        if label in out:
            raise InputError(f"type {label!r} given twice", field=option)
        out[label] = text.strip()
    return out


def _numbers(items: list[str], option: str) -> dict[str, object]:
    return {t: parse_rational(x, field=f"{option} {t}") for t, x in _pairs(items, option).items()}


def _refuse(args: argparse.Namespace, form: str, *options: str) -> None:
    for name in options:
        value = getattr(args, name.lstrip("-").replace("-", "_"))
        if value not in (None, []):
            raise InputError(f"{name} does not apply to the {form} form", field=name)


def run(args: argparse.Namespace) -> int:
    if args.form not in _FORMS:
        raise InputError(f"unknown form {args.form!r}; expected one of {', '.join(_FORMS)}", field="FORM")
    if not args.value:
        raise InputError("give each type's value with --value TYPE=V", field="--value")
    values = _numbers(args.value, "--value")
    prior = _numbers(args.prior, "--prior")
    result: object
    if args.form == "spence":
        _refuse(args, "spence", "--cost", "--periods", "--delta-seller", "--delta-buyer")
        result = _spence(values, prior, _numbers(args.signal_cost, "--signal-cost"))
    else:
        _refuse(args, "price", "--signal-cost")
        periods = "1" if args.periods is None else args.periods.strip()
        if periods not in ("1", "2"):
            raise InputError(f"expected 1 or 2, got {args.periods!r}", field="--periods")
        if periods == "2":
            _refuse(args, "two-period", "--cost")
            result = _coase(values, prior, args.delta_seller, args.delta_buyer)
        else:
            _refuse(args, "one-period (add --periods 2)", "--delta-seller", "--delta-buyer")
            from ..bayesian.screening import screening

            cost = parse_rational(args.cost, field="--cost") if args.cost is not None else 0
            result = screening(values, prior, cost=cost)
    if args.json:
        print_json(result.to_json())  # type: ignore[attr-defined]
    else:
        print(result)
    return 0


def _coase(values: dict[str, object], prior: dict[str, object], ds: str | None, db: str | None) -> object:
    from ..bayesian.coase import coase_two_period

    for name, text in (("--delta-seller", ds), ("--delta-buyer", db)):
        if text is None:
            raise InputError("the two-period game needs --delta-seller and --delta-buyer", field=name)
    assert ds is not None and db is not None
    return coase_two_period(values, prior, parse_rational(ds, field="--delta-seller"),
                            parse_rational(db, field="--delta-buyer"))


def _spence(values: dict[str, object], prior: dict[str, object], costs: dict[str, object]) -> object:
    from ..bayesian.screening import check_types
    from ..bayesian.spence import spence

    labels, vals, probs = check_types(values, prior, value_name="value", positive_prior=True)
    if len(labels) != 2:
        raise InputError(f"spence takes exactly two types, got {len(labels)}", field="--value")
    for t in labels:
        if t not in costs:
            raise InputError(f"type {t!r} has no --signal-cost", field="--signal-cost")
    extra = [t for t in costs if t not in vals]
    if extra:
        raise InputError(f"type {extra[0]!r} has a --signal-cost but no --value", field="--signal-cost")
    low, high = sorted(labels, key=lambda t: vals[t])
    return spence(vals[low], vals[high], probs[high], costs[low], costs[high], labels=(low, high))
