"""``gametheory serve``: the web lab on a local server; prints its URL and serves until Ctrl-C.

Parses the options, starts :func:`gametheory.web.start_server` and waits.
The lab binds to the loopback address unless ``--host`` says otherwise (it
has no login: another host gets a warning).  Ctrl-C stops it with exit
status 0.  A bad port, a missing models directory or a missing Flask end
with exit status 2 and one ``error:`` line.
"""

from __future__ import annotations

import sys

from ..errors import InputError
from ._common import add_max_cost


def _port(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 0 to 65535 (0: any free port), got {text!r}")
    return value


def add_arguments(parser):
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1, this machine only; the lab has no login)")
    parser.add_argument("--port", type=_port, default=8000, metavar="N", help="port (default 8000; 0: any free port)")
    parser.add_argument("--models", default="models", metavar="DIR",
                        help="directory of the model files the lab offers (default: models)")
    add_max_cost(parser, help="the limit on each computation's estimated work (a request may lower it, "
                             "never raise it)")


def run(args) -> int:
    try:
        import flask  # noqa: F401
        import matplotlib  # noqa: F401
    except ImportError:
        raise InputError("serve needs Flask and matplotlib: pip install 'gametheory[web]'") from None
    from ..web.server import is_loopback, start_server

    if not is_loopback(args.host):
        print(f"warning: --host {args.host} is not a loopback address: anyone who can reach it can use the lab "
              "(it has no login)", file=sys.stderr)
    try:
        lab = start_server(args.models, args.host, args.port, max_cost=args.max_cost)
    except OSError as exc:
        raise InputError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", field="--port") from None
    print(f"gametheory lab: {lab.url} (models from {args.models}; Ctrl-C stops)", flush=True)
    try:
        while lab.running:
            lab.wait(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        lab.shutdown()
    return 0
