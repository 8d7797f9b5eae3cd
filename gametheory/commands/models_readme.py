"""``gametheory models-readme DIR -o DIR/README.md``: regenerate the models' README (see :mod:`gametheory.models_readme`)."""

from __future__ import annotations

from .. import models_readme as _impl


def add_arguments(parser):
    _impl.add_arguments(parser)


def run(args) -> int:
    return _impl.run(args)
