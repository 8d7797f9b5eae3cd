"""Reading an input file's bytes, with an OSError turned into the caller's InputError subclass."""

from __future__ import annotations

import os

__all__ = ["read_bytes"]


def read_bytes(path, error_cls) -> bytes:
    """The bytes of ``path``; an unreadable file raises ``error_cls`` naming it."""
    try:
        with open(os.fspath(path), "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise error_cls(f"cannot read the file: {exc.strerror or exc}", path=os.fspath(path)) from None
