"""The models catalog (the web lab's model list): every file listed, in the README's order, broken files kept."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from gametheory.errors import InputError
from gametheory.io.model.catalog import model_catalog

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "models"


def strict(name):
    raise AssertionError(f"not strict JSON: {name}")


def test_every_model_file_is_listed_in_the_readmes_order():
    cat = model_catalog(MODELS)
    assert sorted(cat.names) == sorted(p.stem for p in MODELS.glob("*.toml"))
    assert all(e.error is None for e in cat.entries)
    # the committed README lists the models in the article's order, one "## id: title" heading each
    readme = (MODELS / "README.md").read_text(encoding="utf-8")
    assert list(cat.names) == re.findall(r"^## ([a-z0-9_]+): ", readme, flags=re.M)


def test_entries_say_what_the_files_say():
    cat = model_catalog(MODELS)
    for e in cat.entries:
        raw = tomllib.loads(Path(e.path).read_text(encoding="utf-8"))
        assert e.title == raw["title"] and e.section == raw.get("section", "")
        assert e.parameters == tuple(raw.get("parameters", {}))
        assert e.bargaining == ("bargaining" in raw)
        if "signaling" in raw:
            assert e.kind == "signaling" and e.players == (raw["signaling"]["sender"], raw["signaling"]["receiver"])
        else:
            assert e.kind == ("tree" if "nodes" in raw else "game")
            assert e.players == tuple(p["name"] for p in raw["players"])
    assert cat.get("russia_spoiler_tree").kind == "tree"
    assert cat.get("serbia_resolve_signaling").kind == "signaling"
    assert cat.get("cfe_md_package").kind == "game" and cat.get("cfe_md_package").players == ("Russia", "US")
    assert cat.get("cfe_md_bargaining").bargaining is True


def test_json_document():
    doc = json.loads(json.dumps(model_catalog(MODELS).to_json(), allow_nan=False), parse_constant=strict)
    first = doc["models"][0]
    assert set(first) == {"name", "path", "title", "section", "kind", "players", "parameters", "bargaining"}
    assert [m["name"] for m in doc["models"]] == list(model_catalog(MODELS).names)


def test_a_broken_file_is_listed_with_its_error(tmp_path):
    shutil.copy(MODELS / "cfe_md_package.toml", tmp_path / "good.toml")
    (tmp_path / "broken.toml").write_text('title = "x"\n[[players]\n', encoding="utf-8")
    text = (MODELS / "cfe_alone.toml").read_text(encoding="utf-8")
    assert "values = [" in text
    (tmp_path / "evil.toml").write_text(re.sub(r"values = \[[^\]]*\]", "values = [\"__import__('os')\", 0]",
                                               text, count=1), encoding="utf-8")
    cat = model_catalog(tmp_path)
    assert sorted(cat.names) == ["broken", "evil", "good"]
    good, broken, evil = cat.get("good"), cat.get("broken"), cat.get("evil")
    assert good.error is None and good.kind == "game"
    assert broken.error and "broken.toml:2:" in broken.error and "\n" not in broken.error
    assert broken.kind == "" and broken.players == ()
    assert evil.error and "evil.toml" in evil.error and "'__import__' is not allowed" in evil.error
    doc = cat.to_json()
    assert [m.get("error") is not None for m in doc["models"]].count(True) == 2


def test_lookup_only_among_the_listed_names(tmp_path):
    cat = model_catalog(MODELS)
    for name in ("../models/cfe_md_package", "cfe_md_package.toml", "/etc/passwd", "", "CFE_MD_PACKAGE"):
        with pytest.raises(InputError, match="no model named"):
            cat.get(name)
    with pytest.raises(InputError, match="not a directory"):
        model_catalog(tmp_path / "missing")
    assert model_catalog(tmp_path).entries == ()
