"""The web lab's JSON API (gametheory.web) answers exactly what the commands print, and keeps to its limits.

Each ``/api/<command>`` document is compared with the command line's ``--json`` document for the same
file and options, run in the same process (``gametheory.cli.main``, stdout captured): for every model
file, solve, check, regions (one varied parameter) and bargain (two-player normal-form models) agree,
and where the command refuses (exit 2), the API's ``{"error": ...}`` is the command's ``error:`` line.
The games whose equilibria are asserted are hand-derived (the model file's header comment, a 2x2
coordination game solved by the indifference conditions).  Then the limits: each error status, the
``max_cost`` ceiling, the busy server, and that no request writes a file.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from fractions import Fraction
from pathlib import Path

import pytest

pytest.importorskip("flask")

from gametheory.cli import main  # noqa: E402
from gametheory.game import Game  # noqa: E402
from gametheory.io import load_any, save_game  # noqa: E402
from gametheory.web import create_app  # noqa: E402

MODELS = os.path.relpath(Path(__file__).resolve().parents[1] / "models")
MODELS_ABS = os.path.abspath(MODELS)
MODEL_FILES = sorted(p.stem for p in Path(MODELS).glob("*.toml"))


def _model(name: str) -> str:
    return os.path.join(MODELS, name + ".toml")


def _loaded(name: str):
    return load_any(_model(name))


@pytest.fixture(scope="module")
def client():
    return create_app(MODELS).test_client()


def cli(capsys, *argv):
    """``(exit status, stdout, stderr)`` of the command line run in this process."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def assert_same_answer(capsys, response, *argv, path_as=None):
    """The API's answer is the command's: its JSON document, or (exit 2) its error line with a 4xx status.

    ``path_as=(file, name)``: the command's errors name ``file`` where the API's name ``name`` (a typed game).
    """
    code, out, err = cli(capsys, *argv)
    if path_as is not None:
        err = err.replace(str(path_as[0]), path_as[1])
    if code in (0, 1):  # check exits 1 when a prediction fails; the API says so in the document, status 200
        assert response.status_code == 200, response.get_data(as_text=True)
        assert response.mimetype == "application/json"
        assert response.get_json() == json.loads(out)
    else:
        assert code == 2, err
        assert response.status_code in (400, 422), response.get_data(as_text=True)
        assert err.startswith("error: ") and err.count("\n") == 1
        assert response.get_json()["error"] == err[len("error: "):-1]


# --- the documents are the command line's ----------------------------------------------------------------------

@pytest.mark.parametrize("command", ["solve", "info", "check"])
@pytest.mark.parametrize("name", MODEL_FILES)
def test_route_is_the_cli_document(client, capsys, name, command):
    assert_same_answer(capsys, client.get(f"/api/{command}", query_string={"model": name}),
                       command, _model(name), "--json")


def test_models_is_the_catalog(client):
    doc = client.get("/api/models").get_json()
    names = [m["name"] for m in doc["models"]]
    assert sorted(names) == MODEL_FILES  # every file once, in the README's order
    entry = next(m for m in doc["models"] if m["name"] == "cfe_md_package")
    assert entry["kind"] == "game" and entry["players"] == ["Russia", "US"]
    assert entry["parameters"] == ["v_nomd", "c_cfe", "v_cfe", "v_md", "g", "eps_a"]


@pytest.mark.parametrize("name", MODEL_FILES)
def test_regions_is_the_cli_document(client, capsys, name):
    _, model = _loaded(name)
    first = next(iter(model.parameters))
    # the page's default: the first parameter; tree and signaling models are refused as the command refuses them
    assert_same_answer(capsys, client.get("/api/regions", query_string={"model": name}),
                       "regions", _model(name), "--vary", first, "--json")


@pytest.mark.parametrize("name", [n for n in MODEL_FILES
                                  if isinstance(_loaded(n)[0], Game) and _loaded(n)[0].num_players == 2])
def test_bargain_is_the_cli_document(client, capsys, name):
    assert_same_answer(capsys, client.get("/api/bargain", query_string={"model": name}),
                       "bargain", _model(name), "--json")


def test_bargain_options_are_the_cli_options(client, capsys):
    q = {"model": "cfe_md_bargaining", "solution": "rubinstein", "delta": "9/10,4/5", "first": "US"}
    assert_same_answer(capsys, client.get("/api/bargain", query_string=q), "bargain", _model("cfe_md_bargaining"),
                       "--solution", "rubinstein", "--delta", "9/10,4/5", "--first", "US", "--json")


def test_a_parameter_in_the_url_is_the_cli_param(client, capsys):
    # cfe_md_package's header: a lone Yes earns its sayer eps_a, (No, No) pays (0, 0), so (No, No) is an
    # equilibrium iff eps_a <= 0.  At eps_a = 1/2, Yes strictly dominates No for both (1/2 > 0 against No,
    # 4 - 1 + 0 + 1/2 > 0 and 3 - 2 + 0 + 1/2 > 0 against Yes): (Yes, Yes) alone, paying (7/2, 3/2).
    doc = client.get("/api/solve?model=cfe_md_package&eps_a=1/2").get_json()
    assert_same_answer(capsys, client.get("/api/solve?model=cfe_md_package&eps_a=1/2"),
                       "solve", _model("cfe_md_package"), "--param", "eps_a=1/2", "--json")
    pure = [{p: next(s for s, x in mix.items() if x == "1") for p, mix in eq["profile"].items()}
            for eq in doc["equilibria"]]
    assert pure == [{"Russia": "Yes", "US": "Yes"}]
    assert doc["equilibria"][0]["payoffs"] == {"Russia": "7/2", "US": "3/2"}
    default = client.get("/api/solve?model=cfe_md_package").get_json()  # eps_a = 0: (No, No) is one again
    assert {"Russia": {"Yes": "0", "No": "1"}, "US": {"Yes": "0", "No": "1"}} in [
        eq["profile"] for eq in default["equilibria"]]
    # param=NAME=VALUE is the same parameter
    assert client.get("/api/solve?model=cfe_md_package&param=eps_a=1/2").get_json() == doc


def test_options_are_the_cli_options(client, capsys):
    path = _model("serbia_blockade_offer")
    assert_same_answer(capsys, client.get("/api/solve?model=serbia_blockade_offer&method=enumerate&float=1"),
                       "solve", path, "--method", "enumerate", "--float", "--json")
    assert_same_answer(capsys, client.get("/api/check?model=cfe_md_package&eps_a=1/2"),
                       "check", _model("cfe_md_package"), "--param", "eps_a=1/2", "--json")
    assert_same_answer(capsys, client.get("/api/regions?model=cfe_md_package&vary=v_md=1:4&eps_a=1/2"),
                       "regions", _model("cfe_md_package"), "--vary", "v_md=1:4", "--param", "eps_a=1/2", "--json")
    assert_same_answer(capsys, client.get("/api/regions?model=cfe_md_package&margins=1&prediction=1"),
                       "regions", _model("cfe_md_package"), "--margins", "--prediction", "1", "--json")
    # the page sends every parameter; the varied one is the figure's marker, not held fixed
    assert_same_answer(capsys, client.get("/api/regions?model=cfe_md_package&vary=eps_a&eps_a=1/2&g=1"),
                       "regions", _model("cfe_md_package"), "--vary", "eps_a", "--param", "g=1", "--json")


def test_a_failed_prediction_is_a_200_document_saying_so(client, capsys):
    # at v_md = 5 the US's Yes against Russia's Yes pays v_cfe - v_md + g + eps_a = 3 - 5 + 0 + 0 = -2 < 0 (its
    # No pays 0), so the article's (Yes, Yes) fails: the command exits 1, the API answers 200 with the document
    r = client.get("/api/check?model=cfe_md_package&v_md=5")
    assert r.status_code == 200 and r.get_json()["all_hold"] is False
    code, out, _ = cli(capsys, "check", _model("cfe_md_package"), "--param", "v_md=5", "--json")
    assert code == 1 and r.get_json() == json.loads(out)


def test_html_is_solve_format_html(client, capsys):
    for name in ("cfe_md_package", "serbia_blockade_offer_tree"):
        r = client.get(f"/api/solve?model={name}&format=html")
        code, out, _ = cli(capsys, "solve", _model(name), "--format", "html")
        assert code == 0 and r.status_code == 200 and r.mimetype == "text/html"
        assert r.get_data(as_text=True) == out


BOS_TEXT = "Row: U D; Column: L R\n2,1 0,0\n0,0 1,3/2"


def test_a_typed_game_is_the_cli_on_the_same_game(client, capsys, tmp_path):
    # the same game written by hand as a Game and saved as Gambit .nfg
    game = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, Fraction(3, 2)]], players=["Row", "Column"],
                              strategies=[["U", "D"], ["L", "R"]], title="typed game")
    save_game(game, tmp_path / "typed.nfg")
    r = client.get("/api/solve", query_string={"game": BOS_TEXT})
    assert_same_answer(capsys, r, "solve", tmp_path / "typed.nfg", "--json")
    # a coordination game: (U, L), (D, R), and the mix making each indifferent: the column player is
    # indifferent when 1*p = (3/2)(1 - p), p = 3/5 on U; the row player when 2q = 1 - q, q = 1/3 on L
    mixes = [eq["profile"] for eq in r.get_json()["equilibria"]]
    assert {"Row": {"U": "3/5", "D": "2/5"}, "Column": {"L": "1/3", "R": "2/3"}} in mixes
    assert len(mixes) == 3
    # a POST body carries the same keys
    assert client.post("/api/solve", json={"game": BOS_TEXT}).get_json() == r.get_json()
    typed = (tmp_path / "typed.nfg", "<typed game>")
    # three equilibria with different payoffs: no default disagreement point; the error is the command's
    assert_same_answer(capsys, client.get("/api/bargain", query_string={"game": BOS_TEXT}),
                       "bargain", tmp_path / "typed.nfg", "--json", path_as=typed)
    assert_same_answer(capsys, client.get("/api/bargain", query_string={"game": BOS_TEXT, "disagreement": "0,0"}),
                       "bargain", tmp_path / "typed.nfg", "--disagreement", "0,0", "--json")
    assert_same_answer(capsys, client.get("/api/solve", query_string={"game": BOS_TEXT, "method": "spe"}),
                       "solve", tmp_path / "typed.nfg", "--method", "spe", "--json", path_as=typed)
    assert_same_answer(capsys, client.get("/api/info", query_string={"game": BOS_TEXT, "exact": "1"}),
                       "info", tmp_path / "typed.nfg", "--exact", "--json")


# --- errors ----------------------------------------------------------------------------------------------------

def error_of(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    doc = response.get_json()
    # a cost refusal adds the server's ceiling and who can raise it; nothing else rides along
    assert list(doc) == (["error", "max_cost", "hint"] if status == 422 and "max_cost" in doc else ["error"])
    assert doc["error"] and "Traceback" not in doc["error"]
    return doc["error"]


def test_bad_parameter_value_or_name_is_400_with_the_cli_line(client, capsys):
    for query, argv in [("eps_a=abc", ["--param", "eps_a=abc"]), ("nope=1", ["--param", "nope=1"]),
                        ("eps_a=1&eps_a=2", ["--param", "eps_a=1", "--param", "eps_a=2"])]:
        r = client.get(f"/api/solve?model=cfe_md_package&{query}")
        error_of(r, 400)
        assert_same_answer(capsys, r, "solve", _model("cfe_md_package"), *argv, "--json")
    assert "method" in error_of(client.get("/api/solve?model=cfe_md_package&method=nope"), 400)
    assert "exact" in error_of(client.get("/api/solve?model=cfe_md_package&exact=1&float=1"), 400)
    assert "format" in error_of(client.get("/api/solve?model=cfe_md_package&format=pdf"), 400)
    error_of(client.get("/api/solve?game=1,1 2"), 400)  # a cell without the column player's payoff
    error_of(client.get("/api/solve?game=1,1&eps_a=1"), 400)  # a typed game has no parameters
    error_of(client.get("/api/solve"), 400)  # neither model nor game
    error_of(client.post("/api/solve", data="[1, 2]", content_type="application/json"), 400)
    error_of(client.post("/api/solve", json={"game": "1,1", "exact": 0.5}), 400)  # not exact: refused


@pytest.mark.parametrize("name", ["../setup", "..%2Fsetup", "/etc/passwd", "cfe_md_package.toml", ".hidden",
                                  "README", "no_such_model", ""])
def test_a_model_is_a_name_in_the_models_dir(client, name):
    r = client.get("/api/solve", query_string={"model": name})
    assert r.status_code in (400, 404)
    assert "no model named" in error_of(r, r.status_code)


def test_unknown_route_and_method_are_json(client):
    assert error_of(client.get("/api/nope"), 404) == "no such page: /api/nope"
    error_of(client.get("/api/figure/x.svg?model=cfe_md_package"), 404)
    error_of(client.delete("/api/solve"), 405)
    error_of(client.get("/static/nothing.js"), 404)


def test_an_unexpected_error_is_a_json_500_without_the_traceback(monkeypatch, caplog):
    import gametheory.solvers.dispatch as dispatch

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(dispatch, "solve_source", broken)
    client = create_app(MODELS, workers=1, busy_wait=0).test_client()
    assert error_of(client.get("/api/solve?model=cfe_md_package"), 500) == "internal error: RuntimeError"
    assert "secret detail" in caplog.text  # in the server's log, not in the answer
    monkeypatch.undo()
    assert client.get("/api/solve?model=cfe_md_package").status_code == 200  # and its slot was given back


@pytest.mark.parametrize("url", ["/static/../app.py", "/static/..%2Fapp.py", "/static/%2E%2E/query.py"])
def test_static_files_stay_in_their_folder(client, url):
    r = client.get(url)
    assert r.status_code == 404 and b"import" not in r.get_data()


def test_huge_body_is_413(client):
    r = client.post("/api/solve", data=json.dumps({"game": "1,1 " * 40000}), content_type="application/json")
    assert "too large" in error_of(r, 413)
    r = client.get("/api/solve", query_string={"game": "1,1 " * 20000})
    assert "too large" in error_of(r, 413)


def test_a_typed_game_larger_than_max_typed_is_refused(tmp_path):
    client = create_app(MODELS, max_typed=3).test_client()
    big = "\n".join(" ".join("1,1" for _ in range(4)) for _ in range(4))
    error_of(client.get("/api/solve", query_string={"game": big}), 400)
    assert client.get("/api/solve", query_string={"game": "1,1 0,0\n0,0 1,1"}).status_code == 200


def test_check_obeys_max_cost_as_the_command_does(capsys):
    # a 2x2 game: enumerate's bound (McMullen) on its polytopes' vertices is 8 > 1, and every other complete
    # method costs more, so at max_cost=1 no method runs: the check is refused, not answered
    client = create_app(MODELS).test_client()
    assert_same_answer(capsys, client.get("/api/check?model=cfe_md_package&max_cost=1"),
                       "check", f"{MODELS}/cfe_md_package.toml", "--max-cost", "1", "--json")
    assert "exceeds max_cost=1" in error_of(client.get("/api/check?model=cfe_md_package&max_cost=1"), 422)
    strict = create_app(MODELS, max_cost=1).test_client()  # the server's ceiling applies to check too
    assert "exceeds max_cost=1" in error_of(strict.get("/api/check?model=cfe_md_package"), 422)
    assert client.get("/api/check?model=cfe_md_package&max_cost=100").status_code == 200


def test_cost_refusal_is_422_and_max_cost_only_lowers():
    client = create_app(MODELS).test_client()
    r = client.get("/api/solve?model=cfe_md_package&max_cost=1")
    assert "max_cost=1" in error_of(r, 422)
    strict = create_app(MODELS, max_cost=5).test_client()
    r = strict.get("/api/solve?model=cfe_md_package&max_cost=1e12")  # cannot raise the server's ceiling
    assert "max_cost=5" in error_of(r, 422)
    # the library's line tells a CLI user to raise --max-cost; the web answer says the request cannot
    assert r.get_json()["max_cost"] == 5 and "gametheory serve --max-cost" in r.get_json()["hint"]
    lowered = client.get("/api/solve?model=cfe_md_package&max_cost=1").get_json()
    assert "lowered max_cost to 1" in lowered["hint"] and "up to 1000000000" in lowered["hint"]
    # a 12x12 typed game: McMullen's bound on the vertices of its best-response polytopes is far above 10**4
    big = "\n".join(" ".join(f"{(i * j) % 7},{(i + 2 * j) % 5}" for j in range(12)) for i in range(12))
    small = create_app(MODELS, max_cost=10**4).test_client()
    assert "exceeds max_cost=10000" in error_of(small.post("/api/solve", json={"game": big}), 422)
    error_of(client.get("/api/solve?model=cfe_md_package&max_cost=-3"), 400)


def test_busy_server_is_503():
    app = create_app(MODELS, workers=1, busy_wait=0.2)
    client = app.test_client()
    slots = app.extensions["gametheory_lab"].slots
    assert slots.acquire(blocking=False)  # a computation holds the one slot
    try:
        start = time.monotonic()
        assert error_of(client.get("/api/solve?model=cfe_md_package"), 503) == "the server is busy; try again"
        assert time.monotonic() - start >= 0.2  # it waited for a slot first
        assert client.get("/api/models").status_code == 200  # listing the models is not a computation
    finally:
        slots.release()
    assert client.get("/api/solve?model=cfe_md_package").status_code == 200  # the slot is given back


def test_a_request_waits_for_a_slot_freed_in_time():
    app = create_app(MODELS, workers=1, busy_wait=30)
    slots = app.extensions["gametheory_lab"].slots
    assert slots.acquire(blocking=False)
    timer = threading.Timer(0.3, slots.release)  # the running computation ends
    timer.start()
    try:
        assert app.test_client().get("/api/solve?model=cfe_md_package").status_code == 200
    finally:
        timer.join()


def test_the_page_route(client):
    r = client.get("/")
    if (Path(__file__).resolve().parents[1] / "gametheory" / "web" / "static" / "index.html").is_file():
        assert r.status_code == 200 and r.mimetype == "text/html"
    else:
        error_of(r, 404)


def _snapshot(*dirs):
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for d in dirs for p in Path(d).rglob("*")}


def test_no_file_is_written(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    models = MODELS_ABS
    client = create_app(models).test_client()
    before = _snapshot(models, tmp_path)
    for url in ["/api/models", "/api/solve?model=cfe_md_package&eps_a=1/2", "/api/solve?model=cfe_md_package&format=html",
                "/api/check?model=cfe_md_package", "/api/regions?model=cfe_md_package&vary=v_md",
                "/api/bargain?model=cfe_md_bargaining", "/api/figure/game.svg?model=cfe_md_package",
                "/api/figure/game.svg?model=serbia_blockade_offer_tree",
                "/api/figure/regions.svg?model=cfe_md_package&vary=v_md&v_md=3",
                "/api/figure/bargain.svg?model=cfe_md_bargaining", "/api/solve?model=nope"]:
        r = client.get(url)
        assert r.status_code in (200, 404), (url, r.get_data(as_text=True))
        if url.startswith("/api/figure"):
            assert r.mimetype == "image/svg+xml" and r.get_data(as_text=True).lstrip().startswith("<?xml")
    assert _snapshot(models, tmp_path) == before
    assert list(tmp_path.iterdir()) == []


# --- figures: the command line's, in memory ---------------------------------------------------------------------

def _normalised_svg(text: str) -> str:
    """An SVG with its render date dropped and matplotlib's random element ids numbered in order of appearance."""
    text = re.sub(r"<dc:date>[^<]*</dc:date>", "", text)
    ids = {}
    for name in re.findall(r'id="([^"]+)"', text):
        ids.setdefault(name, f"id{len(ids)}")
    return re.sub(r'(id="|#)([0-9A-Za-z_-]+)', lambda m: m.group(1) + ids.get(m.group(2), m.group(2)), text)


def _texts(svg: str) -> list[str]:
    return [t.strip() for t in re.findall(r">([^<>]+)</text>", svg)]


@pytest.mark.parametrize("url, argv", [
    ("game.svg?model=cfe_md_package&eps_a=1/2", ["solve", _model("cfe_md_package"), "--param", "eps_a=1/2"]),
    ("game.svg?model=serbia_blockade_offer_tree", ["solve", _model("serbia_blockade_offer_tree")]),
    ("bargain.svg?model=cfe_md_bargaining", ["bargain", _model("cfe_md_bargaining")]),
    ("bargain.svg?model=cfe_md_bargaining&delta=9/10,9/10", ["bargain", _model("cfe_md_bargaining"), "--delta",
                                                            "9/10,9/10"]),
])
def test_a_figure_is_the_cli_plot(client, capsys, tmp_path, url, argv):
    r = client.get("/api/figure/" + url)
    assert r.status_code == 200 and r.mimetype == "image/svg+xml", r.get_data(as_text=True)
    code, _, err = cli(capsys, *argv, "--plot", tmp_path / "out.svg")
    assert code == 0, err
    assert _normalised_svg(r.get_data(as_text=True)) == _normalised_svg((tmp_path / "out.svg").read_text())


def test_the_regions_figure_marks_the_current_point(client, capsys, tmp_path):
    r = client.get("/api/figure/regions.svg?model=cfe_md_package&vary=v_md&v_md=5/2&eps_a=1/4")
    assert r.status_code == 200 and r.mimetype == "image/svg+xml", r.get_data(as_text=True)
    code, _, err = cli(capsys, "regions", _model("cfe_md_package"), "--vary", "v_md", "--param", "eps_a=1/4",
                       "--plot", tmp_path / "out.svg")
    assert code == 0, err
    # the command's figure, and the dashed line at the current value labelled with it
    assert sorted(_texts(r.get_data(as_text=True))) == sorted(_texts((tmp_path / "out.svg").read_text())
                                                              + ["v_md = 5/2"])
    error_of(client.get("/api/figure/game.svg?model=serbia_border_reinforcement_3p"), 400)  # as solve --plot
