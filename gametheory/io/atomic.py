"""Atomic file writes: a file is either written completely or not touched.

The text is written to a temporary file in the target's directory and moved
over the target with :func:`os.replace`, which is atomic on POSIX and
Windows when source and target are on one file system (hence the same
directory).  An error while writing removes the temporary file.
"""

from __future__ import annotations

import os
import tempfile

from ..errors import InputError

__all__ = ["atomic_write_text"]


def atomic_write_text(path, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically.

    Raises
    ------
    InputError
        If the directory does not exist or cannot be written.
    """
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix="." + os.path.basename(path) + ".", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", path=path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"cannot write: {exc.strerror or exc}", path=path) from None
        raise
