"""Progress bars (gametheory.progress): drawn only on a terminal, after the first second, counting steps."""

import fcntl
import io
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

from gametheory.progress import Progress

ROOT = Path(__file__).resolve().parents[1]


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_a_short_run_on_a_terminal_stays_silent():
    tty = _Tty()
    with Progress(5, "labels", stream=tty) as bar:  # default: nothing during the first second
        for _ in range(5):
            bar.update()
    assert tty.getvalue() == ""
    assert bar.done == 5


def test_updates_add_up_and_the_line_ends():
    tty = _Tty()
    with Progress(10, "draws", stream=tty, delay=0, every=0) as bar:
        bar.update(4)
        assert "draws: 4/10" in tty.getvalue()
        bar.update(6)
    assert "draws: 10/10" in tty.getvalue() and "100%" in tty.getvalue()
    assert tty.getvalue().endswith("\n") and tty.getvalue().count("\n") == 1


def test_enabled_overrides_the_terminal_test():
    plain = io.StringIO()
    with Progress(3, "points", stream=plain, enabled=True, delay=0, every=0) as bar:
        bar.update(3)
    assert "points: 3/3" in plain.getvalue()
    tty = _Tty()
    with Progress(3, "points", stream=tty, enabled=False, delay=0, every=0) as bar:
        bar.update(3)
    assert tty.getvalue() == "" and bar.done == 3


def test_no_terminal_no_tqdm_import(fresh_python):
    run = fresh_python("from gametheory.progress import Progress\nwith Progress(3, 'x', delay=0) as bar:\n    bar.update(3)")
    assert "tqdm" not in run.modules and run.err == ""


def test_a_real_terminal_gets_the_bar():
    code = (
        "from gametheory.progress import Progress\n"
        "with Progress(3, 'labels', delay=0, every=0) as bar:\n"
        "    bar.update(3)\n"
    )
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))  # a new pty is 0 columns wide
    try:
        proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=follower,
                              timeout=60)
        os.close(follower)
        follower = -1
        out = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # Linux: EIO once the other end is closed and drained
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)
    assert proc.returncode == 0
    assert b"labels: 3/3" in out
