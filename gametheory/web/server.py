"""Serving the lab: Werkzeug's threaded WSGI server in a daemon thread, started and stopped from Python.

:func:`start_server` binds the socket before it returns (port 0 takes a free
port, read back from the socket), so the URL it gives answers at once; the
server runs until :meth:`LabServer.shutdown` (or the end of a ``with`` block).
``gametheory serve`` and the browser tests start it the same way.
"""

from __future__ import annotations

import ipaddress
import os
import threading
from typing import Any

__all__ = ["LabServer", "start_server", "is_loopback"]


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (the lab has no login: only this machine should reach it).

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class LabServer:
    """A running lab server: ``url``, ``host``, ``port``; :meth:`shutdown` stops it (also a context manager)."""

    def __init__(self, server: Any, thread: threading.Thread, host: str):
        self._server = server
        self._thread = thread
        self.host = host
        self.port: int = server.socket.getsockname()[1]
        shown = f"[{host}]" if ":" in host else host
        self.url = f"http://{shown}:{self.port}/"

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> None:
        """Block until the server stops (or ``timeout`` seconds); Ctrl-C reaches the caller in between."""
        self._thread.join(timeout)

    def shutdown(self) -> None:
        """Stop serving, close the socket and wait for the serving thread (idempotent)."""
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()

    def __enter__(self) -> LabServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()

    def __repr__(self) -> str:
        return f"LabServer({self.url!r}, running={self.running})"


def start_server(models_dir: str | os.PathLike[str] = "models", host: str = "127.0.0.1", port: int = 0,
                 **app_options: Any) -> LabServer:
    """Serve :func:`gametheory.web.create_app` on ``host:port`` in a daemon thread; the running server.

    Raises OSError when the address cannot be bound (a port in use, an unknown host).

    ``app_options`` go to :func:`~gametheory.web.create_app` (``max_cost``,
    ``max_body``, ``max_typed``, ``workers``).  Werkzeug's threaded server
    answers each request in its own thread; the computations are limited by
    the app's ``workers``.

    Examples
    --------
    >>> import json, urllib.request
    >>> with start_server("models") as lab:
    ...     doc = json.load(urllib.request.urlopen(lab.url + "api/models"))
    >>> "models" in doc, lab.running
    (True, False)
    """
    import socket

    from werkzeug.serving import make_server

    from .app import create_app

    app = create_app(models_dir, **app_options)
    # bound here, so a port in use is an OSError for the caller (Werkzeug's own bind exits the process)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.create_server((host, int(port)), family=family)
    try:
        server = make_server(host, listening.getsockname()[1], app, threaded=True, fd=listening.fileno())
    finally:
        listening.close()  # the server holds its own duplicate of the socket
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True,
                              name=f"gametheory-lab-{server.socket.getsockname()[1]}")
    thread.start()
    return LabServer(server, thread, host)
