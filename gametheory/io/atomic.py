"""Atomic file writes: a file is either written completely or not touched.

The data is written to a temporary file in the target's directory and moved
over the target with :func:`os.replace`, which is atomic on POSIX and
Windows when source and target are on one file system (hence the same
directory).  An error or an interrupt while writing removes the temporary
file.

What is replaced, and with what mode:

* a **symbolic link** is followed: its final target is written (atomically,
  through a temporary file in the *target's* directory) and the link stays a
  link;
* a target that exists but is **not a regular file** (a device such as
  ``/dev/full``, a FIFO, a socket, a directory) is refused with an
  :class:`~gametheory.errors.InputError`: replacing it would destroy the
  device node or directory entry rather than write to it;
* an existing file keeps its permission bits (a 0444 file stays 0444) and,
  where the process may set them, its owner and group; a new file gets
  ``0666`` minus the process's umask, as ``open(path, "w")`` would give.

:func:`check_target` runs the same checks without writing, so a command can
refuse a bad ``-o`` or ``--plot`` before its work starts.

Examples
--------
>>> import os, tempfile
>>> d = tempfile.mkdtemp()
>>> p = os.path.join(d, "a.txt")
>>> atomic_write_text(p, "one\\n")
>>> os.chmod(p, 0o640); atomic_write_text(p, "two\\n")
>>> open(p).read(), oct(os.stat(p).st_mode & 0o777)
('two\\n', '0o640')
"""

from __future__ import annotations

import os
import stat
import tempfile

from ..errors import InputError

__all__ = ["atomic_write_text", "atomic_write_bytes", "check_target"]


def _umask() -> int:
    # os.umask can only be read by setting it; set it back at once (the CLI is single-threaded here)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_target(path, field: str | None = None) -> str:
    """The file that writing to ``path`` will replace: ``path`` with symbolic links resolved.

    Raises
    ------
    InputError
        If the target exists and is not a regular file, or its directory does not exist.

    >>> check_target("/dev/null")
    Traceback (most recent call last):
    ...
    gametheory.errors.InputError: /dev/null: not a regular file (a character device); write to a regular file
    """
    path = os.fspath(path)
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", path=path, field=field) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise InputError(f"not a regular file ({_kind(st.st_mode)}); write to a regular file", path=path,
                         field=field)
    directory = os.path.dirname(real)
    if not os.path.isdir(directory):
        raise InputError(f"no such directory: {os.path.dirname(path) or directory}", path=path, field=field)
    return real


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


def atomic_write_bytes(path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see the module docstring for links, special files and modes).

    Raises
    ------
    InputError
        If the target is not a regular file, or its directory does not exist or cannot be written.
    """
    path = os.fspath(path)
    real = check_target(path)
    directory = os.path.dirname(real)
    try:
        old = os.stat(real)
    except FileNotFoundError:
        old = None
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix="." + os.path.basename(real) + ".", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", path=path) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            # mkstemp creates the file 0600: give it the old file's mode, or what a plain open() would give
            os.fchmod(fh.fileno(), stat.S_IMODE(old.st_mode) if old is not None else 0o666 & ~_umask())
            if old is not None and (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.fchown(fh.fileno(), old.st_uid, old.st_gid)
                except OSError:
                    pass  # only root may give a file away; the content is what was asked for
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, real)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"cannot write: {exc.strerror or exc}", path=path) from None
        raise


def atomic_write_text(path, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically.

    Raises
    ------
    InputError
        If the target is not a regular file, or its directory does not exist or cannot be written.
    """
    atomic_write_bytes(path, text.encode("utf-8"))
