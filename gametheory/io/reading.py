"""Reading an input file's bytes: regular files only, at most :data:`MAX_INPUT_BYTES`, errors as InputError.

Every model (``.toml``) and game (``.nfg``) file is read here, so the
checks are made once: the path must name a regular file (a symbolic link is
followed to its target), so that a link to ``/dev/zero`` or
``/dev/urandom`` is refused rather than read until memory runs out, and a
FIFO is refused rather than waited on for ever; and the file may hold at most
:data:`MAX_INPUT_BYTES` bytes.  The file is opened without blocking and
checked with ``fstat`` on the open descriptor, so that the file checked is
the file read; at most one byte more than the limit is ever read.
"""

from __future__ import annotations

import os
import stat

__all__ = ["read_bytes", "MAX_INPUT_BYTES"]

#: The largest input file read, in bytes (32 MiB): far above any model file, and above a Gambit game of a
#: million payoffs; a larger file would take gigabytes once its numbers are built.
MAX_INPUT_BYTES = 32 * 2**20


def read_bytes(path, error_cls) -> bytes:
    """The bytes of ``path``; an unreadable, special or too large file raises ``error_cls`` naming it.

    Parameters
    ----------
    path : str or os.PathLike
    error_cls : type
        An :class:`~gametheory.errors.InputError` subclass, raised with ``path``.

    Raises
    ------
    error_cls
        If ``path`` is not a path, cannot be opened, is not a regular file
        (a directory, a device, a FIFO, a socket), or is larger than
        :data:`MAX_INPUT_BYTES`.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise error_cls(f"expected a path (a str or os.PathLike), got {type(path).__name__} {path!r}"[:200])
    name = os.fspath(path)
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise error_cls(f"cannot read the file: {exc.strerror or exc}", path=name) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = ("a directory" if stat.S_ISDIR(info.st_mode) else "a FIFO" if stat.S_ISFIFO(info.st_mode)
                    else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else "a special file")
            raise error_cls(f"not a regular file ({kind}); give a model or game file", path=name)
        if info.st_size > MAX_INPUT_BYTES:
            raise error_cls(_too_large(info.st_size), path=name)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise error_cls(f"cannot read the file: {exc.strerror or exc}", path=name) from None
    finally:
        os.close(fd)
    if len(data) > MAX_INPUT_BYTES:  # the file grew after fstat
        raise error_cls(_too_large(len(data)), path=name)
    return data


def _too_large(size: int) -> str:
    return f"the file is larger than {MAX_INPUT_BYTES // 2**20} MiB ({size} bytes); input files are read whole"
