"""Model files: one game (normal form, or a game tree) per TOML file, with parameters and the article's claims.

The format is specified in ``docs/model-format.md``.  One concept a module:

* :mod:`~gametheory.io.model.schema`: the frozen :class:`Model`,
  :class:`Parameter` and :class:`Prediction`, and the keys of the format;
* :mod:`~gametheory.io.model.formulas`: :class:`PayoffFormulas`, the payoff
  entries as written, read by sympy for the symbolic game and in Fractions
  (without sympy) for the game at given values;
* :mod:`~gametheory.io.model.locate`: the line of a key or table in the
  TOML text, for error messages;
* :mod:`~gametheory.io.model.validate`: :func:`load_model` and
  :func:`parse_model`, which check every field and report the file, line
  and field at fault;
* :mod:`~gametheory.io.model.write`: :func:`model_to_toml`,
  :func:`write_model` (atomic) and :func:`format_expression`;
* game-tree models (``[[nodes]]`` instead of ``[[payoffs]]``):
  :mod:`~gametheory.io.model.tree_model` (the frozen :class:`TreeModel`),
  :mod:`~gametheory.io.model.tree_read` (:func:`load_tree_model`,
  :func:`load_any_model`) and :mod:`~gametheory.io.model.tree_write`;
* signaling models (``[signaling]``, ``[[types]]`` and ``[[payoffs]]`` per
  type, message and action): :mod:`~gametheory.io.model.signaling_model`
  (the frozen :class:`SignalingModel`) and
  :mod:`~gametheory.io.model.signaling_read` (:func:`load_signaling_model`);
* Bayesian-game models (players with ``types`` and ``actions``, a ``prior``):
  :mod:`~gametheory.io.model.bayesian_model` (the frozen :class:`BayesianModel`)
  and :mod:`~gametheory.io.model.bayesian_read` (:func:`load_bayesian_model`).

A loaded :class:`Model` is immutable.  ``model.game`` is symbolic when the
model has parameters; :meth:`Model.game_at` gives the numeric game at the
defaults, overridden by given values.

Examples
--------
>>> text = '''
... title = "Prisoner's dilemma"
... [[players]]
... name = "Row"
... strategies = ["C", "D"]
... [[players]]
... name = "Col"
... strategies = ["C", "D"]
... [parameters.t]
... default = 4
... range = [3, 5]
... meaning = "temptation"
... [[payoffs]]
... profile = ["C", "C"]
... values = [3, 3]
... [[payoffs]]
... profile = ["C", "D"]
... values = [0, "t"]
... [[payoffs]]
... profile = ["D", "C"]
... values = ["t", 0]
... [[payoffs]]
... profile = ["D", "D"]
... values = [1, 1]
... '''
>>> m = parse_model(text)
>>> m.game.kind, m.game_at().kind
('symbolic', 'exact')
>>> m.game_at({"t": "9/2"}).payoff({"Row": "D", "Col": "C"})["Row"]
Fraction(9, 2)
"""

from __future__ import annotations

from .bayesian_model import BayesianModel
from .bayesian_read import load_bayesian_model, parse_bayesian_model
from .formulas import PayoffEntry, PayoffFormulas
from .schema import (
    PREDICTION_KINDS,
    SIGNALING_PREDICTION_KINDS,
    STATUSES,
    TREE_PREDICTION_KINDS,
    Model,
    Parameter,
    Prediction,
)
from .signaling_model import SignalingModel
from .signaling_read import load_signaling_model, parse_signaling_model
from .tree_model import TreeModel
from .tree_read import load_any_model, load_tree_model, parse_any_model, parse_tree_model
from .tree_write import tree_document, tree_to_toml, write_tree_model
from .validate import load_model, parse_model
from .write import format_expression, model_to_toml, write_model

__all__ = [
    "Model",
    "Parameter",
    "Prediction",
    "PayoffFormulas",
    "PayoffEntry",
    "load_model",
    "parse_model",
    "model_to_toml",
    "write_model",
    "format_expression",
    "PREDICTION_KINDS",
    "TREE_PREDICTION_KINDS",
    "SIGNALING_PREDICTION_KINDS",
    "STATUSES",
    "TreeModel",
    "load_tree_model",
    "parse_tree_model",
    "load_any_model",
    "parse_any_model",
    "tree_to_toml",
    "tree_document",
    "write_tree_model",
    "SignalingModel",
    "load_signaling_model",
    "parse_signaling_model",
    "BayesianModel",
    "load_bayesian_model",
    "parse_bayesian_model",
]
