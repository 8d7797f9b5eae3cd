"""model_checks.check_paths and CheckReport: `gametheory check` from Python (directory policy, overrides)."""

import shutil
from fractions import Fraction as F
from pathlib import Path

import pytest

from gametheory.errors import InputError
from gametheory.io.model import load_any_model
from gametheory.model_checks import CheckReport, check_paths, model_paths
from gametheory.overrides import parse_overrides

MODELS = Path(__file__).resolve().parents[1] / "models"


@pytest.fixture
def two_models(tmp_path):
    for name in ("separatist_contagion.toml", "cfe_alone.toml"):
        shutil.copy(MODELS / name, tmp_path / name)
    return tmp_path


def test_a_directory_is_its_toml_files_sorted(two_models):
    (two_models / "notes.txt").write_text("not a model")
    assert [p.name for p in model_paths(two_models)] == ["cfe_alone.toml", "separatist_contagion.toml"]


def test_an_override_applies_to_the_models_that_declare_it(two_models):
    # omega = 2/5 < c/V = 1/2 leaves the stag hunt only (Stay, Stay): its mixed equilibrium and the count of three
    # fail, its other three claims hold; cfe_alone has no omega and keeps its defaults (both claims hold)
    report = check_paths(two_models, {"omega": F(2, 5)})
    assert isinstance(report, CheckReport)
    alone, stag = report.models
    assert "omega" not in alone.values
    assert stag.values["omega"] == F(2, 5)
    assert [v.status for v in alone.verdicts] == ["holds", "holds"]
    assert [v.status for v in stag.verdicts] == ["holds", "holds", "fails", "fails", "holds"]
    assert not report.all_hold
    # the closing line counts all seven, then each source group the two files use (their sources, read here)
    statuses = ["holds", "holds"] + ["holds", "holds", "fails", "fails", "holds"]
    sources = [p.source for name in ("cfe_alone", "separatist_contagion")
               for p in load_any_model(two_models / f"{name}.toml").predictions]
    groups = [f"{sum(st == 'holds' for st, so in zip(statuses, sources) if so == source)} of {sources.count(source)} "
              f"{words}" for source, words in [("article", "article claims"), ("model", "model results"),
                                               (None, "with no stated source")] if source in sources]
    assert str(report).splitlines()[-1] == "5 of 7 predictions hold in 2 models: " + ", ".join(groups)
    doc = report.to_json()
    assert doc["all_hold"] is False and [m["id"] for m in doc["models"]] == ["cfe_alone", "separatist_contagion"]
    assert doc["models"][1]["values"]["omega"] == "2/5"


def test_several_paths_and_the_defaults_hold(two_models):
    report = check_paths([two_models / "cfe_alone.toml", two_models / "separatist_contagion.toml"])
    assert report.all_hold and len(report.models) == 2


def test_a_parameter_no_model_declares_is_an_error(two_models):
    with pytest.raises(InputError, match=r"no model under .* has the parameter\(s\) \['zz'\]"):
        check_paths(two_models, {"zz": 1})
    (two_models / "empty").mkdir()
    with pytest.raises(InputError, match="no .toml model files"):
        check_paths(two_models / "empty")


def test_the_one_param_parser():
    assert parse_overrides(["s=0.4", "t = 1/3"]) == {"s": F(2, 5), "t": F(1, 3)}
    for bad, message in [(["s"], "NAME=VALUE"), (["=3"], "NAME=VALUE"), (["s=1", "s=2"], "given twice"),
                         (["s=abc"], "--param s: expected a number"), (["a b=1"], "NAME=VALUE")]:
        with pytest.raises(InputError, match=message):
            parse_overrides(bad, path="m.toml")
