"""The models of a directory, listed and ordered: what a model picker (``gametheory serve``) and the README show.

:func:`model_catalog` loads every ``*.toml`` file of a directory with
:func:`~gametheory.io.model.load_any_model` and lists each as a frozen
:class:`CatalogEntry`: its name (the file stem), title, article passage, kind
(``game``, ``tree``, ``signaling``, ``bayesian``), players, parameter names and
whether it has a ``[bargaining]`` table.  A file that fails to load is listed
too, with its error line, so one broken file does not hide the others.

The order is the models README's (``models/README.md``): by the place of the
section's heading in the article (:data:`ARTICLE_HEADINGS`, :func:`section_key`),
unknown headings last alphabetically, then by name.  :func:`load_models` is the
strict variant that :mod:`gametheory.models_readme` uses: the same files in the
same order, the first error raised.

A model is looked up by name only among the listed stems (:meth:`ModelCatalog.get`),
so a name such as ``"../x"`` never reaches the file system.

Examples
--------
>>> cat = model_catalog("models")
>>> [e.name for e in cat.entries][:2]
['eu_recognition_unbundling', 'kosovo_declaration_tree']
>>> e = cat.get("serbia_resolve_signaling")
>>> e.kind, e.players, e.error
('signaling', ('Serbia', 'West'), None)
>>> cat.get("../cfe_alone")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
gametheory.errors.InputError: no model named '../cfe_alone'; the models are: eu_recognition_unbundling, ...
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from ...errors import GameTheoryError, InputError

__all__ = ["ARTICLE_HEADINGS", "CatalogEntry", "ModelCatalog", "load_models", "model_catalog", "model_kind",
           "order_key", "section_key"]

#: The article's headings in its order ("Opening" stands for the unheaded paragraphs before the first).
ARTICLE_HEADINGS = ("Opening", "Next Steps for Kosovo", "Cutting Russia Out", "Cutting Russia Back In",
                    "Dealing with Belgrade")


def section_key(section: str) -> tuple[int, str]:
    """Order sections ``"<Heading>: <passage>"`` by the heading's place in the article; unknown ones last.

    Sections under one heading tie (the README then orders them by model id); a section whose
    heading is not one of :data:`ARTICLE_HEADINGS` comes after all of them, alphabetically.

    >>> sorted(["Dealing with Belgrade: spite", "Zeta", "Opening: the veto", "Alpha",
    ...         "Cutting Russia Out: the backstop"], key=section_key)
    ['Opening: the veto', 'Cutting Russia Out: the backstop', 'Dealing with Belgrade: spite', 'Alpha', 'Zeta']
    """
    heading, sep, _ = str(section).partition(": ")
    if sep and heading in ARTICLE_HEADINGS:
        return ARTICLE_HEADINGS.index(heading), ""
    return len(ARTICLE_HEADINGS), str(section)


def model_kind(model: Any) -> str:
    """``"game"``, ``"tree"``, ``"signaling"`` or ``"bayesian"``: the kind of a loaded model."""
    from . import BayesianModel, SignalingModel, TreeModel

    if isinstance(model, SignalingModel):
        return "signaling"
    if isinstance(model, BayesianModel):
        return "bayesian"
    if isinstance(model, TreeModel):
        return "tree"
    return "game"


@dataclass(frozen=True)
class CatalogEntry:
    """One model file of a catalog.

    Attributes
    ----------
    name : str
        The file stem (what ``?model=NAME`` names).
    path : str
    title, section : str
        Empty when the file failed to load.
    kind : str
        :func:`model_kind`; empty when the file failed to load.
    players : tuple of str
    parameters : tuple of str
        The parameter names, in the file's order.
    bargaining : bool
        The model has a ``[bargaining]`` table.
    error : str or None
        The error line (as the command line prints it, without ``error:``) of a file that failed to load.
    model : model or None
        The loaded model (not part of the JSON document, nor of equality).
    """

    name: str
    path: str
    title: str = ""
    section: str = ""
    kind: str = ""
    players: tuple[str, ...] = ()
    parameters: tuple[str, ...] = ()
    bargaining: bool = False
    error: str | None = None
    model: Any = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"name": self.name, "path": self.path, "title": self.title, "section": self.section,
                               "kind": self.kind, "players": list(self.players),
                               "parameters": list(self.parameters), "bargaining": self.bargaining}
        if self.error is not None:
            doc["error"] = self.error
        return doc


@dataclass(frozen=True)
class ModelCatalog:
    """The models of a directory in the README's order (:func:`model_catalog`)."""

    directory: str
    entries: tuple[CatalogEntry, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(e.name for e in self.entries)

    def get(self, name: str) -> CatalogEntry:
        """The entry named ``name`` (a file stem of the listing).

        Raises
        ------
        InputError
            ``no model named ...`` for any other text (a path, ``..``), with the names there are.
        """
        for e in self.entries:
            if e.name == name:
                return e
        shown = name if len(str(name)) <= 80 else str(name)[:77] + "..."
        raise InputError(f"no model named {shown!r}; the models are: {', '.join(self.names) or 'none'}")

    def to_json(self) -> dict[str, Any]:
        """``{"models": [entry, ...]}``, each entry :meth:`CatalogEntry.to_json`."""
        return {"models": [e.to_json() for e in self.entries]}


def _entry(path: Path) -> CatalogEntry:
    from . import Model, load_any_model

    try:
        model = load_any_model(path)
    except (GameTheoryError, OSError, RecursionError) as exc:  # a broken file is listed, not fatal
        message = str(exc) if isinstance(exc, GameTheoryError) else f"{path}: {exc.__class__.__name__}: {exc}"
        return CatalogEntry(path.stem, str(path), error=" ".join(message.split()))
    return CatalogEntry(path.stem, str(path), model.title, model.section, model_kind(model),
                        tuple(model.players), tuple(model.parameters),
                        isinstance(model, Model) and model.bargaining is not None, model=model)


def order_key(section: str, name: str) -> tuple[tuple[int, str], str]:
    """The README's order of models: :func:`section_key` of the section, then the name (the file stem, the id)."""
    return section_key(section), name


def model_catalog(directory: str | PathLike[str]) -> ModelCatalog:
    """Every ``*.toml`` model of ``directory``, loaded, in the README's order.

    Raises
    ------
    InputError
        If ``directory`` is not a directory.  A directory without ``.toml``
        files gives an empty catalog; a file that fails to load is an entry
        with an ``error``, not an exception.
    """
    d = Path(directory)
    if not d.is_dir():
        raise InputError("not a directory of model files", path=str(d))
    files = sorted(d.glob("*.toml"))
    entries = sorted((_entry(f) for f in files), key=lambda e: order_key(e.section, e.name))
    return ModelCatalog(str(d), tuple(entries))


def load_models(paths: Iterable[str | PathLike[str]]) -> list[Any]:
    """The loaded models of ``paths`` in the README's order (section, then id); the first error is raised."""
    from . import load_any_model

    models = [load_any_model(p) for p in paths]
    return sorted(models, key=lambda m: order_key(m.section, m.id))
