r"""What a game-tree model file holds: the frozen :class:`TreeModel` and its :class:`TreeFormulas`.

A game-tree model is a model file with ``[[nodes]]`` instead of
``[[payoffs]]`` (``docs/model-format.md``, "Tree models").  Its terminal
payoffs :math:`u_i(z) = f_{i,z}(\theta)` and chance probabilities
:math:`p(a) = g_a(\theta)` are numbers or expressions over the parameters
:math:`\theta`, kept as written in :class:`TreeFormulas`, with the tree's
structure (players, information sets, children) that the parameters do not
change.  They have two readings, as the payoffs of a normal-form model
(:mod:`gametheory.io.model.formulas`):

* :attr:`TreeFormulas.tree`, the symbolic :class:`~gametheory.tree.Tree`
  (sympy, built on first use);
* :meth:`TreeFormulas.tree_at`, the numeric tree at :math:`\theta_0`, each
  entry computed in Fractions by
  :func:`~gametheory.io.expressions.expression_value` where it can (no sympy),
  otherwise by substituting into the entry's sympy expression; this is
  :meth:`Tree.substitute <gametheory.tree.Tree.substitute>` on the symbolic
  tree, entry by entry, so that an entry undefined at :math:`\theta_0` is
  reported at its own line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ...errors import InputError, ModelError, TreeError
from ...numbers import exact_values
from ..expressions import check_powers, expression_value, parse_expression
from .schema import ParametrizedModel

if TYPE_CHECKING:
    from ...tree import Tree

__all__ = ["TreeModel", "TreeFormulas", "TreeEntry", "entry_by_sympy", "TREE_TOP_LEVEL_KEYS", "TREE_PLAYER_KEYS",
           "NODE_KEYS", "TREE_PREDICTION_KEYS"]

TREE_TOP_LEVEL_KEYS = (
    "title", "section", "description", "quotes", "assumptions", "players", "parameters", "nodes", "predictions",
)
TREE_PLAYER_KEYS = ("name", "description")
NODE_KEYS = ("id", "player", "infoset", "actions", "chance", "payoffs")
TREE_PREDICTION_KEYS = ("kind", "profile", "path", "claim", "source", "quote", "at")


@dataclass(frozen=True)
class TreeEntry:
    """One payoff or probability as the file writes it: a number, or an expression's text.

    ``node`` is the node's index in the file's ``[[nodes]]`` list; ``field``
    and ``line`` say where the entry is written, for messages.
    """

    value: str | Fraction
    node: int
    field: str | None = None
    line: int | None = None


@dataclass(frozen=True, eq=False)
class TreeFormulas:
    """The tree as written: structure in the file's node order, payoffs and probabilities as entries.

    Attributes
    ----------
    path : str or None
    title : str
    players : tuple of str
    parameters : tuple of str
    infosets : tuple
        ``(player or None, label, actions)`` per information set.
    children : tuple of tuple of int
        Per node (file order), its children (file order), one per action.
    node_infosets : tuple of int
        Per node, its information set, -1 for a terminal node.
    node_ids : tuple of str
        Per node, its id (the node's label in the tree).
    probabilities : mapping
        ``{information set: (TreeEntry, ...)}`` for chance sets.
    payoffs : mapping
        ``{node: (TreeEntry, ...)}`` for terminal nodes, one entry per player.
    """

    path: str | None
    title: str
    players: tuple[str, ...]
    parameters: tuple[str, ...]
    infosets: tuple
    children: tuple
    node_infosets: tuple
    node_ids: tuple[str, ...]
    probabilities: Mapping
    payoffs: Mapping

    def _build(self, convert, kind) -> Tree:
        from ...tree import Infoset, Tree

        isets = [
            Infoset(p, label, actions, tuple(convert(e) for e in self.probabilities[k]) if p is None else None)
            for k, (p, label, actions) in enumerate(self.infosets)
        ]
        pay = {v: [convert(e) for e in row] for v, row in self.payoffs.items()}
        return Tree(self.players, isets, self.children, self.node_infosets, pay, node_labels=self.node_ids,
                    title=self.title, kind=kind)

    def _entries(self):
        for row in self.probabilities.values():
            yield from row
        for row in self.payoffs.values():
            yield from row

    @cached_property
    def tree(self) -> Tree:
        """The tree: symbolic when there are parameters, else numeric (exact unless an entry is irrational)."""
        if not self.parameters:
            return self.tree_at({})
        import sympy

        def symbolic(e: TreeEntry):
            if isinstance(e.value, Fraction):
                return sympy.Rational(e.value.numerator, e.value.denominator)
            return parse_expression(e.value, self.parameters, field=e.field, path=self.path, line=e.line)

        return self._build(symbolic, "symbolic")

    def tree_at(self, values: Mapping[str, Fraction], exact: bool | None = None) -> Tree:
        """The numeric tree with every parameter at its value (``values``: every parameter, as Fractions).

        Exact unless ``exact`` is False or an entry is irrational at these
        values (then float; ``exact=True`` is then an InputError).

        Raises
        ------
        ModelError
            An entry that is not a finite real number at these values, with its line.
        TreeError
            Chance probabilities negative or not summing to 1 at these values (``node``: the file's index).
        """
        numbers: dict[int, Any] = {}
        rational = True
        for j, e in enumerate(self._entries()):
            if isinstance(e.value, Fraction):
                numbers[j] = e.value
                continue
            v = expression_value(e.value, values, field=e.field, path=self.path, line=e.line)
            if v is None:
                v = self._by_sympy(e, values)
                rational = rational and isinstance(v, Fraction)
            numbers[j] = v
        if exact and not rational:
            raise InputError("some payoffs or probabilities are irrational at these values; use exact=False",
                             path=self.path, field="exact")
        kind = "exact" if rational and exact is not False else "float"
        index = {id(e): j for j, e in enumerate(self._entries())}
        return self._build(lambda e: numbers[index[id(e)]], kind)

    def _by_sympy(self, e: TreeEntry, values: Mapping[str, Fraction]):
        """The value of an expression entry that needs sympy: a Fraction, or a float if irrational."""
        return entry_by_sympy(e, self.parameters, values, self.path)


def entry_by_sympy(e: TreeEntry, parameters: tuple[str, ...], values: Mapping[str, Fraction], path: str | None):
    """The value at ``values`` of an expression entry that needs sympy: a Fraction, or a float if irrational.

    The one owner of this reading for the model kinds whose entries are
    :class:`TreeEntry` (game trees, signaling games): powers are checked
    first (substitution would build every one), and an entry that is not a
    finite real number there is a :class:`~gametheory.errors.ModelError` at its line.
    """
    import sympy

    assert isinstance(e.value, str)
    check_powers(e.value, values, field=e.field, path=path, line=e.line)
    expr = parse_expression(e.value, parameters, field=e.field, path=path, line=e.line)
    subs = {s: sympy.Rational(values[s.name].numerator, values[s.name].denominator) for s in expr.free_symbols}
    y = expr.xreplace(subs)
    if y.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan) or y.free_symbols or y.is_real is False:
        at = ", ".join(f"{k} = {v}" for k, v in values.items())
        raise ModelError(f"{e.value!r} is {y}, not a finite number, at {at}", path=path, line=e.line, field=e.field)
    if y.is_Rational:
        return Fraction(int(y.p), int(y.q))
    return float(y)


@dataclass(frozen=True, eq=False)
class TreeModel(ParametrizedModel):
    """A game tree loaded from a model file, with its parameters and the article's claims.

    The tree-model counterpart of :class:`~gametheory.io.model.Model`: the
    same ``title``, ``section``, ``description``, ``quotes``,
    ``parameters``, ``assumption_texts`` / ``assumptions`` and
    ``predictions`` (kinds ``subgame_perfect``, ``not_subgame_perfect``,
    ``spe_path``); instead of a game, :attr:`tree` (symbolic when there are
    parameters) and :meth:`tree_at`.  ``node_lines`` maps each node id to the
    line of its ``[[nodes]]`` table.
    """

    path: str | None
    id: str
    title: str
    section: str
    description: str
    quotes: tuple
    players: tuple
    parameters: Mapping
    assumption_texts: tuple
    predictions: tuple
    formulas: TreeFormulas = field(repr=False)
    node_lines: Mapping = field(default_factory=lambda: MappingProxyType({}), repr=False)
    assumptions_line: int | None = field(default=None, repr=False)

    @property
    def tree(self) -> Tree:
        """The tree; symbolic when there are parameters."""
        return self.formulas.tree

    def tree_at(self, values: Mapping | None = None, exact: bool | None = None) -> Tree:
        """The numeric tree with every parameter at its default, overridden by ``values``.

        The tree :meth:`Tree.substitute <gametheory.tree.Tree.substitute>`
        gives on :attr:`tree`, computed entry by entry in Fractions where it
        can (no sympy); an error names this file and the line of the node at
        fault.

        Parameters
        ----------
        values : mapping, optional
            ``{name: value}``; a value is a number or a rational string.
        exact : bool, optional
            Exact (Fractions) or float; default exact unless a value is a
            float or an entry is irrational.

        Raises
        ------
        InputError
            An undeclared parameter, a value that is not a number, an entry
            undefined at these values, or chance probabilities that are
            negative or do not sum to 1 there.
        """
        given, any_float = exact_values(self.values(values))
        try:
            return self.formulas.tree_at(given, exact=False if any_float and exact is None else exact)
        except TreeError as exc:
            raise self.relocate(exc) from None

    def relocate(self, exc: TreeError) -> InputError:
        """A TreeError from building this tree, with this file and the line of the node at fault."""
        line = None
        if exc.node is not None and 0 <= exc.node < len(self.formulas.node_ids):
            line = self.node_lines.get(self.formulas.node_ids[exc.node])
        return exc.with_location(path=self.path, line=line, field=exc.field or "nodes")

    def node_line(self, v: int) -> int | None:
        """The line of the ``[[nodes]]`` table of the tree's node ``v`` (preorder number)."""
        labels = self.tree.node_labels
        return None if labels is None else self.node_lines.get(labels[v])

    def _key(self) -> tuple:
        return (
            self.path, self.id, self.title, self.section, self.description, self.quotes, self.players,
            dict(self.parameters), self.assumption_texts, self.predictions, self.tree,
        )

    def _shown(self) -> object:
        return self.tree

