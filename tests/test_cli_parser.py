"""The command line's parser: ``--version``, the table of subcommands, and what ``--help`` imports.

``gametheory --help`` lists the subcommands from :data:`gametheory.cli.COMMANDS`
without importing their modules (checked in tests/test_startup.py with the rest
of what ``--help`` imports); a subcommand imports its own module only, checked
in a fresh interpreter (fixture ``fresh_python``), since the test process has
imported everything already.
"""

import pkgutil
from pathlib import Path

import pytest

import gametheory.commands
from gametheory.cli import COMMANDS, build_parser, main

ROOT = Path(__file__).resolve().parents[1]
UNLINKED = str(ROOT / "models" / "cfe_md_unlinked.toml")


def test_version_option(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == "gametheory 0.1.0\n"


def test_the_table_names_every_command_module():
    modules = {m.name for m in pkgutil.iter_modules(gametheory.commands.__path__) if not m.name.startswith("_")}
    assert {name.replace("-", "_") for name in COMMANDS} == modules
    parser = build_parser()
    for name in COMMANDS:
        args = parser.parse_args([name] + ([] if name == "serve" else ["x.toml"])  # serve takes no file
                                 + (["--to", "nfg"] if name == "convert" else [])
                                 + (["--draws", "1"] if name == "robust" else []))
        assert callable(args._run), name


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert f"    {name}" in out


def test_a_command_imports_its_own_module_only(fresh_python):
    mods = fresh_python(f"from gametheory.cli import main\nmain({['info', UNLINKED]!r})").modules
    assert {m for m in mods if m.startswith("gametheory.commands.") and not m.split(".")[-1].startswith("_")} == {
        "gametheory.commands.info"
    }
