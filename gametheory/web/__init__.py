"""The web lab (``gametheory serve``): a page and a JSON API over the models, on a local Flask server.

:func:`create_app` builds the Flask application (:mod:`gametheory.web.app`:
routes, limits, JSON errors), :func:`start_server` serves it in a thread
(:mod:`gametheory.web.server`), and :mod:`gametheory.web.query` reads a
request as the command line's options.  Flask is the optional extra ``web``
(``pip install 'gametheory[web]'``); it is imported only when one of these is
used, so ``import gametheory`` does not need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import create_app
    from .server import LabServer, start_server

__all__ = ["create_app", "start_server", "LabServer"]


def __getattr__(name: str) -> Any:  # Flask and Werkzeug are imported on first use
    if name == "create_app":
        from .app import create_app

        return create_app
    if name in ("start_server", "LabServer"):
        from . import server

        return getattr(server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
