"""The conditions, regions, sweep and robust subcommands: output, files written, exit 2 on bad input."""

import json

import pytest

from gametheory.cli import main

BLOCKADE = "models/serbia_blockade_offer.toml"
PD = "models/cfe_md_unlinked.toml"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
def test_conditions_reports_condition_and_verdicts(capsys):
    code, out, _ = run(capsys, "conditions", BLOCKADE, "--profile", "West=Offer",
                       "--profile", "Serbia=Cooperate only if offered")
    assert code == 0
    assert "c_blockade + w ≥ h*s + t" in out  # issue 17: conditions print as inequalities people read
    assert "depends on" in out and "at the defaults: holds" in out
    assert "pure profiles only" in out


def test_conditions_json_every_profile(capsys):
    code, out, _ = run(capsys, "conditions", PD, "--json")
    doc = json.loads(out)
    by = {tuple(p["profile"].values()): p["claims"][0] for p in doc["profiles"]}
    assert by[("Suspend CFE", "Build MD")]["over_ranges"] == "holds"
    assert by[("Renew CFE", "Abandon MD")]["over_ranges"] == "fails"


@pytest.mark.slow
def test_regions_one_parameter_and_plot(capsys, tmp_path):
    out_png = tmp_path / "s.png"
    code, out, _ = run(capsys, "regions", BLOCKADE, "--vary", "s", "--plot", str(out_png), "--json")
    doc = json.loads(out)
    assert code == 0 and [t["value"] for t in doc["thresholds"]] == ["1/2", "2"]
    assert out_png.stat().st_size > 1000


def test_regions_two_parameters_map(capsys, tmp_path):
    out_png = tmp_path / "map.png"
    code, out, _ = run(capsys, "regions", BLOCKADE, "--vary", "s=0:3:13", "--vary", "w=0:5:11",
                       "--plot", str(out_png))
    assert code == 0 and "exact boundaries" in out and "2*s - w - 1 = 0" in out
    assert out_png.stat().st_size > 1000


def test_regions_margins_tornado(capsys, tmp_path):
    out_png = tmp_path / "tornado.png"
    code, out, _ = run(capsys, "regions", BLOCKADE, "--margins", "--plot", str(out_png), "--json")
    doc = json.loads(out)
    m = {x["parameter"]: x for x in doc["margins"]}
    assert m["s"]["up"] == "1/2" and m["w"]["down"] == "1"
    assert out_png.exists()


def test_sweep_table(capsys):
    code, out, _ = run(capsys, "sweep", BLOCKADE, "--vary", "s=0:3:4", "--vary", "w=0:5:2")
    lines = out.strip().splitlines()
    # the assumptions line (issue 17: said in every study's header), then the table: s >= 0 and the defaults'
    # o < sigma hold at every point of the grid, so none is left out and there is no warning
    assert code == 0 and len(lines) == 1 + 1 + 8
    assert lines[0] == "assumptions: applied (o < sigma, s >= 0)"
    assert lines[1].startswith("s\tw\t#eq")


def test_robust_json_reproducible(capsys, tmp_path):
    args = ["robust", BLOCKADE, "--draws", "2000", "--seed", "4", "--json"]
    _, out1, _ = run(capsys, *args)
    _, out2, _ = run(capsys, *args)
    assert json.loads(out1) == json.loads(out2)
    code, out, _ = run(capsys, "robust", BLOCKADE, "--draws", "500", "--noise", "0.5",
                       "--dist", "s=triangular:0:1:3", "--plot", str(tmp_path / "bars.png"))
    assert code == 0 and "Wilson" in out and (tmp_path / "bars.png").exists()


@pytest.mark.parametrize("argv,needle", [
    pytest.param(["regions", BLOCKADE, "--vary", "nope"], "unknown parameter 'nope'", id="regions-unknown-param"),
    pytest.param(["sweep", BLOCKADE, "--vary", "s=3:1:5"], "lo > hi", id="sweep-lo>hi"),
    pytest.param(["sweep", BLOCKADE, "--vary", "s=0:1:x"], "integer", id="sweep-bad-n"),
    pytest.param(["robust", BLOCKADE, "--draws", "0"], "--draws", id="robust-zero-draws"),
    pytest.param(["robust", BLOCKADE, "--draws", "-3"], "--draws", id="robust-negative-draws"),
    pytest.param(["robust", BLOCKADE, "--draws", "10", "--dist", "s=uniform:0:9"], "outside the declared range",
                 id="robust-dist-outside-range"),
    pytest.param(["robust", BLOCKADE, "--draws", "10", "--noise", "-1"], "--noise", id="robust-negative-noise"),
    pytest.param(["robust", BLOCKADE, "--draws", "10", "--workers", "0"], "--workers", id="robust-zero-workers"),
    pytest.param(["conditions", BLOCKADE, "--profile", "West=Offr"], "unknown strategy", id="conditions-label"),
    pytest.param(["conditions", BLOCKADE, "--param", "zz=1"], "unknown parameter", id="conditions-param"),
    pytest.param(["regions", BLOCKADE, "--vary", "s", "--plot", "out.gif"], ".png", id="regions-plot-ext"),
    pytest.param(["regions", "models/nope.toml", "--vary", "s"], "no such file", id="missing-file"),
])
def test_bad_input_exits_2_with_one_line(capsys, argv, needle):
    code, out, err = run(capsys, *argv)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0]
    assert "models/" in lines[0] or "out.gif" in lines[0]  # names the file at fault


def test_conditions_support_gives_closed_form(capsys):
    code, out, _ = run(capsys, "conditions", "models/serbia_border_reinforcement_3p.toml",
                       "--profile", "Russia=Consent", "--profile", "Serbia=Reinforce+Hold",
                       "--profile", "NATO=Shift north+Cover enclaves", "--json")
    doc = json.loads(out)
    assert code == 0
    assert doc["probabilities"]["Serbia"]["Reinforce"] == "e_N/L"
    assert "e_N*(eps + gamma + phi)" in doc["condition"] and doc["at_defaults"] == "holds"
