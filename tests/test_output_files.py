"""Files written by the commands (``-o``, ``--plot``): atomic, never over a device, a FIFO or a directory,
symbolic links followed, permissions kept; bad targets refused before any work; Ctrl-C leaves no file."""

import os
import stat

import pytest

from gametheory.cli import main

GAME = """NFG 1 R "PD" { "A" "B" } { 2 2 }
3 1 4 -2 -1 3 0 0
"""


@pytest.fixture
def nfg(tmp_path):
    path = tmp_path / "pd.nfg"
    path.write_text(GAME)
    return path


def _one_error(capsys):
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: "), err
    return err[0]


def _entries(directory):
    return sorted(p.name for p in directory.iterdir())


def test_new_file_follows_the_umask(nfg, tmp_path):
    out = tmp_path / "new.toml"
    old = os.umask(0o027)
    try:
        assert main(["convert", str(nfg), "--to", "toml", "-o", str(out)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # 0666 & ~0027, what open(path, "w") gives


@pytest.mark.parametrize("mode", [0o444, 0o604, 0o755])
def test_existing_file_keeps_its_mode(nfg, tmp_path, mode):
    out = tmp_path / "old.toml"
    out.write_text("old")
    out.chmod(mode)
    assert main(["convert", str(nfg), "--to", "toml", "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert out.read_text().startswith("title")


def test_symlink_is_followed_and_stays_a_link(nfg, tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    target = sub / "real.nfg"
    target.write_text("old")
    link = tmp_path / "link.nfg"
    link.symlink_to(target)
    assert main(["convert", str(nfg), "--to", "nfg", "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("NFG 1 R")
    assert _entries(sub) == ["real.nfg"] and _entries(tmp_path) == ["link.nfg", "pd.nfg", "sub"]


def test_dangling_symlink_creates_its_target(nfg, tmp_path):
    target = tmp_path / "made.nfg"
    link = tmp_path / "link.nfg"
    link.symlink_to(target)
    assert main(["convert", str(nfg), "--to", "nfg", "-o", str(link)]) == 0
    assert link.is_symlink() and target.read_text().startswith("NFG 1 R")


def _fifo(tmp_path):
    path = tmp_path / "fifo"
    os.mkfifo(path)
    return path


def _device(tmp_path):
    path = tmp_path / "full"
    try:  # a copy of /dev/full's node (char 1, 7) in a scratch directory: needs root
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except (PermissionError, AttributeError):
        pytest.skip("creating a device node needs root")
    return path


def _directory(tmp_path):
    path = tmp_path / "dir.nfg"
    path.mkdir()
    return path


@pytest.mark.parametrize("make, kind", [(_fifo, "a FIFO"), (_device, "a character device"),
                                        (_directory, "a directory")])
def test_special_targets_are_refused_and_left_alone(nfg, tmp_path, capsys, make, kind):
    target = make(tmp_path)
    before = os.lstat(target)
    assert main(["convert", str(nfg), "--to", "nfg", "-o", str(target)]) == 2
    line = _one_error(capsys)
    assert "not a regular file" in line and kind in line
    after = os.lstat(target)
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode) and after.st_ino == before.st_ino
    assert not [p for p in _entries(tmp_path) if p.endswith(".tmp")]


def test_symlink_to_a_device_is_refused(nfg, tmp_path, capsys):
    link = tmp_path / "null.nfg"
    link.symlink_to("/dev/null")
    assert main(["convert", str(nfg), "--to", "nfg", "-o", str(link)]) == 2
    assert "character device" in _one_error(capsys)
    assert link.is_symlink() and os.readlink(link) == "/dev/null"


def test_missing_directory_is_one_error(nfg, tmp_path, capsys):
    assert main(["convert", str(nfg), "--to", "nfg", "-o", str(tmp_path / "no" / "x.nfg")]) == 2
    assert "no such directory" in _one_error(capsys)


def test_interrupt_while_writing_leaves_the_old_file(nfg, tmp_path, capsys, monkeypatch):
    out = tmp_path / "out.nfg"
    out.write_text("old")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    assert main(["convert", str(nfg), "--to", "nfg", "-o", str(out)]) == 130
    assert _one_error(capsys) == "error: interrupted"
    assert out.read_text() == "old" and _entries(tmp_path) == ["out.nfg", "pd.nfg"]


@pytest.mark.parametrize("plot, message", [("chart.txt", "must end in .png"), ("missing/chart.png", "no such directory"),
                                           ("dir.png", "not a regular file")])
def test_bad_plot_target_fails_before_the_work(tmp_path, capsys, monkeypatch, plot, message):
    (tmp_path / "dir.png").mkdir()
    import gametheory.bargaining.request as request

    def no_work(*a, **k):
        raise AssertionError("the bargain was computed before the --plot target was checked")

    monkeypatch.setattr(request, "bargain", no_work)
    model = os.path.join(os.path.dirname(__file__), "..", "models", "cfe_md_bargaining.toml")
    assert main(["bargain", model, "--plot", str(tmp_path / plot)]) == 2
    assert message in _one_error(capsys)


@pytest.mark.parametrize("plot, message", [("chart.txt", "must end in .png"), ("missing/chart.png", "no such directory"),
                                           ("dir.svg", "not a regular file")])
def test_bad_plot_target_for_regions_and_robust(tmp_path, capsys, plot, message):
    (tmp_path / "dir.svg").mkdir()
    model = os.path.join(os.path.dirname(__file__), "..", "models", "cfe_alone.toml")
    for argv in (["regions", model, "--margins"], ["robust", model, "--draws", "10"]):
        assert main(argv + ["--plot", str(tmp_path / plot)]) == 2
        assert message in _one_error(capsys)


def test_plot_is_written_with_the_umask(tmp_path):
    model = os.path.join(os.path.dirname(__file__), "..", "models", "cfe_md_bargaining.toml")
    out = tmp_path / "b.png"
    old = os.umask(0o022)
    try:
        assert main(["bargain", model, "--plot", str(out)]) == 0
    finally:
        os.umask(old)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and stat.S_IMODE(out.stat().st_mode) == 0o644
    assert _entries(tmp_path) == ["b.png"]


def test_ctrl_c_during_a_study_is_one_line_and_writes_no_plot(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    model = os.path.join(os.path.dirname(__file__), "..", "models", "cfe_md_unlinked.toml")
    env = dict(os.environ, PYTHONPATH=os.path.abspath(os.path.join(os.path.dirname(__file__), "..")))
    proc = subprocess.Popen([sys.executable, "-m", "gametheory.cli", "robust", model, "--draws", "200000000",
                             "--max-cost", "1e12", "--plot", str(tmp_path / "shares.png")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    time.sleep(4)  # past the imports, inside the draws
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip().splitlines() == ["error: interrupted"] and out == ""
    assert _entries(tmp_path) == []


@pytest.mark.parametrize("check", [[], ["--check"]])
def test_models_readme_output_fifo_is_refused_not_opened(tmp_path, check):
    import subprocess
    import sys

    fifo = _fifo(tmp_path)
    models = os.path.join(os.path.dirname(__file__), "..", "models")
    env = dict(os.environ, PYTHONPATH=os.path.abspath(os.path.join(os.path.dirname(__file__), "..")))
    proc = subprocess.run([sys.executable, "-m", "gametheory.cli", "models-readme", models, "-o", str(fifo), *check],
                          capture_output=True, text=True, timeout=120, env=env)  # opening the FIFO would block
    assert proc.returncode == 2, proc.stderr
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and "not a regular file (a FIFO)" in err[0]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
