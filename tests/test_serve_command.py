"""``gametheory serve`` and gametheory.web.start_server: a real server on a free port, its URL, its shutdown.

Bad input ends as every command's does (exit status 2, one ``error:`` line); the server started on
port 0 answers over real HTTP and stops when told; the command itself, run in a child process, prints
its URL, serves, and exits 0 on Ctrl-C without writing a file.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("flask")

from gametheory.cli import main  # noqa: E402
from gametheory.web import start_server  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MODELS = str(ROOT / "models")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(code, out, err):
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1 and err.startswith("error: "), err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize("port", ["70000", "-1", "http"])
def test_bad_port(capsys, port):
    with pytest.raises(SystemExit) as info:  # argparse's usage errors leave through SystemExit(2)
        main(["serve", "--port", port, "--models", MODELS])
    assert info.value.code == 2
    out, err = capsys.readouterr()
    assert "--port" in one_error_line(2, out, err)


def test_missing_models_dir(capsys, tmp_path):
    err = one_error_line(*run(capsys, "serve", "--port", "0", "--models", tmp_path / "nope"))
    assert str(tmp_path / "nope") in err and "no such directory" in err


def test_port_in_use(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        err = one_error_line(*run(capsys, "serve", "--port", taken.getsockname()[1], "--models", MODELS))
    assert "cannot listen on 127.0.0.1:" in err


def test_without_flask(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "flask", None)  # `import flask` raises ImportError
    err = one_error_line(*run(capsys, "serve", "--port", "0", "--models", MODELS))
    assert err == "error: serve needs Flask and matplotlib: pip install 'gametheory[web]'\n"


class _Stopped:
    url, running = "http://0.0.0.0:8000/", False

    def wait(self, timeout=None):
        pass

    def shutdown(self):
        pass


def test_a_host_that_is_not_loopback_is_warned_about(capsys, monkeypatch):
    import gametheory.web.server as server

    calls = []
    monkeypatch.setattr(server, "start_server", lambda *a, **k: calls.append((a, k)) or _Stopped())
    code, out, err = run(capsys, "serve", "--host", "0.0.0.0", "--models", MODELS)
    assert code == 0
    assert calls == [((MODELS, "0.0.0.0", 8000), {"max_cost": None})]
    assert out == f"gametheory lab: http://0.0.0.0:8000/ (models from {MODELS}; Ctrl-C stops)\n"
    assert err.startswith("warning: --host 0.0.0.0 is not a loopback address") and err.count("\n") == 1
    run(capsys, "serve", "--port", "0", "--models", MODELS)
    assert capsys.readouterr().err == ""  # the loopback default: no warning


def test_start_server_on_port_0_answers_and_shuts_down():
    lab = start_server(MODELS, port=0)
    try:
        assert lab.port > 0 and lab.url == f"http://127.0.0.1:{lab.port}/"
        with urllib.request.urlopen(lab.url + "api/models", timeout=30) as r:
            assert r.status == 200 and r.headers.get_content_type() == "application/json"
            names = [m["name"] for m in json.load(r)["models"]]
        assert "cfe_md_package" in names
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(lab.url + "api/solve?model=../setup", timeout=30)
        assert info.value.code == 404 and json.load(info.value) == {"error": "no model named '../setup'"}
    finally:
        lab.shutdown()
    assert not lab.running
    with pytest.raises(OSError):  # nothing listens any more
        urllib.request.urlopen(lab.url + "api/models", timeout=5)


def test_start_server_is_a_context_manager():
    with start_server(MODELS, workers=1) as lab:
        with urllib.request.urlopen(lab.url + "api/solve?model=cfe_md_package&eps_a=1/2", timeout=60) as r:
            doc = json.load(r)
    assert not lab.running
    assert len(doc["equilibria"]) == 1  # (Yes, Yes) alone once eps_a > 0 (the model file's header)


@pytest.mark.slow
def test_the_command_serves_until_ctrl_c(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, "-m", "gametheory.cli", "serve", "--port", "0", "--models", MODELS],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("gametheory lab: http://127.0.0.1:") and line.endswith("; Ctrl-C stops)\n"), line
        url = line.split()[2]
        with urllib.request.urlopen(url + "api/check?model=cfe_md_package", timeout=60) as r:
            assert json.load(r)["all_hold"] is True
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert list(tmp_path.iterdir()) == []  # the server wrote nothing where it ran
