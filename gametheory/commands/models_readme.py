"""``gametheory models-readme DIR -o DIR/README.md``: regenerate the models' README.

The page is built by :mod:`gametheory.models_readme`, which also runs as ``python -m gametheory.models_readme``.
"""

from __future__ import annotations

from .. import models_readme as _impl


def add_arguments(parser):
    _impl.add_arguments(parser)


def run(args) -> int:
    return _impl.run(args)
