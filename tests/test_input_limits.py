"""Issue 12, input parsing and loading: huge or hostile inputs are refused cheaply, with one error line.

Each case that could hang or exhaust memory on a faulty build runs the command in a subprocess
under a time limit and an address-space limit (``resource.RLIMIT_AS``), never in this process.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import textwrap
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from gametheory import Game
from gametheory.errors import InputError
from gametheory.io import load_model, parse_model
from gametheory.io.nfg import parse_nfg
from gametheory.numbers import parse_rational

ROOT = Path(__file__).resolve().parents[1]
MEMORY = 1_500 * 2**20  # far above what any of these inputs needs once refused early


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """``gametheory ARGS`` in a fresh interpreter on this tree, under a time and a memory limit."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", "import sys; from gametheory.cli import main; raise SystemExit(main(sys.argv[1:]))",
         *map(str, args)], capture_output=True, text=True, timeout=timeout,
        preexec_fn=_limit_memory, env=env, cwd=ROOT,
    )


def run_python(code: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=timeout,
        preexec_fn=_limit_memory, env=env, cwd=ROOT,
    )


def assert_one_error(proc: subprocess.CompletedProcess, *fragments: str) -> str:
    """Exit 2, nothing on stdout, exactly one ``error:`` line on stderr containing every fragment."""
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr[-2000:]
    for f in fragments:
        assert f in lines[0], lines[0]
    return lines[0]


MODEL = """\
title = "t"
{assumptions}
[[players]]
name = "Row"
strategies = ["a", "b"]
[[players]]
name = "Col"
strategies = ["x", "y"]
[parameters.g]
default = {default}
range = [0, 10]
meaning = "a parameter"
[[payoffs]]
profile = ["a", "x"]
values = [{payoff}, 0]
[[payoffs]]
profile = ["a", "y"]
values = [0, 1]
[[payoffs]]
profile = ["b", "x"]
values = [1, 0]
[[payoffs]]
profile = ["b", "y"]
values = [0, 1]
"""


def model_text(payoff: str = '"g"', default: str = "1", assumptions: str = "") -> str:
    return MODEL.format(payoff=payoff, default=default, assumptions=assumptions)


@pytest.fixture
def model_file(tmp_path):
    def make(**kw) -> Path:
        p = tmp_path / "m.toml"
        p.write_text(model_text(**kw), encoding="utf-8")
        return p

    return make


# ---------------------------------------------------------------------------- .nfg sizes

def test_nfg_header_declaring_a_trillion_strategies_is_refused_before_building_labels(tmp_path):
    p = tmp_path / "big.nfg"
    p.write_text('NFG 1 R "x" { "a" "b" } { 999999999999 2 }\n1 2 3 4\n')
    assert_one_error(run_cli("info", p, timeout=30), "big.nfg:1", "payoffs")


def test_nfg_outcome_version_declaring_a_huge_game_is_refused(tmp_path):
    p = tmp_path / "big.nfg"
    p.write_text('NFG 1 R "x" { "a" "b" } { 999999 999999 }\n""\n{ { "" 1 2 } }\n1 1 1\n')
    assert_one_error(run_cli("info", p, timeout=30), "big.nfg", "outcome")


def test_nfg_short_payoff_list_message_counts_the_tokens_present():
    with pytest.raises(InputError, match=r"expected 8 payoffs \(4 profiles x 2 players\), got 3"):
        parse_nfg('NFG 1 R "x" { "a" "b" } { 2 2 }\n1 2 3\n')


def test_input_file_larger_than_the_cap_is_refused_with_its_size(tmp_path):
    from gametheory.io.reading import MAX_INPUT_BYTES

    p = tmp_path / "huge.nfg"
    with open(p, "wb") as fh:
        fh.write(b'NFG 1 R "x" { "a" "b" } { 2 2 }\n')
        fh.truncate(MAX_INPUT_BYTES + 10)  # sparse: cheap to make, still too large
    assert_one_error(run_cli("info", p, timeout=30), "huge.nfg", "larger than")


# ---------------------------------------------------------------------------- special files

@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("command", ["check", "info"])
def test_a_symlink_to_a_device_is_refused(tmp_path, device, command):
    if not os.path.exists(device):
        pytest.skip(f"{device} is not on this machine")
    link = tmp_path / "m.toml"
    link.symlink_to(device)
    # `info` checks the path first (commands/_common.check_path: "no such file"); `check` reads it here
    assert_one_error(run_cli(command, link, timeout=30), "m.toml", *(["not a regular file"] if command == "check" else []))


def test_a_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "m.toml"
    os.mkfifo(fifo)
    assert_one_error(run_cli("check", fifo, timeout=30), "m.toml", "not a regular file")


def test_models_readme_refuses_a_fifo_in_the_folder(tmp_path):
    os.mkfifo(tmp_path / "a.toml")
    assert_one_error(run_cli("models-readme", tmp_path, timeout=30), "a.toml", "not a regular file")


def test_read_bytes_refuses_a_directory_and_a_device(tmp_path):
    from gametheory.io.reading import read_bytes

    with pytest.raises(InputError, match="not a regular file"):
        read_bytes(tmp_path, InputError)
    with pytest.raises(InputError, match="not a regular file"):
        read_bytes("/dev/null", InputError)


# ---------------------------------------------------------------------------- huge exponents in number strings

HUGE = "1e999999999"


def test_parse_rational_checks_the_exponent_before_building_the_number():
    with pytest.raises(InputError, match="exponent"):
        parse_rational(HUGE)
    with pytest.raises(InputError, match="exponent"):
        parse_rational("-2.5E-999999999")
    assert parse_rational("1e400") == 10**400  # the largest exponent accepted
    assert parse_rational("25e-2") == Fraction(1, 4)


def test_huge_exponent_in_game_entries_is_refused():
    proc = run_python(
        """
        from decimal import Decimal
        from gametheory import Game
        from gametheory.errors import InputError
        for bad in ("1e999999999", Decimal("1e999999999")):
            try:
                Game([[[bad, 0]]])
            except InputError as exc:
                print("refused", exc)
        """,
        timeout=30,
    )
    assert proc.stdout.count("refused") == 2 and "exponent" in proc.stdout, proc.stderr[-2000:]


def test_huge_exponent_in_param_is_one_error(model_file):
    assert_one_error(run_cli("solve", model_file(), "--param", f"g={HUGE}", timeout=30), "g")


def test_huge_exponent_in_a_toml_default_string_is_one_error(model_file):
    p = model_file(default=f'"{HUGE}"')
    assert_one_error(run_cli("solve", p, timeout=30), "m.toml:", "default")


def test_huge_exponent_in_a_toml_float_is_one_error(model_file):
    p = model_file(default=HUGE)
    assert_one_error(run_cli("solve", p, timeout=30), "m.toml:", "default")


# ---------------------------------------------------------------------------- powers of parameters

def test_tower_of_parameters_is_refused_at_evaluation(model_file):
    p = model_file(payoff='"g**g**g"', default="9")
    assert_one_error(run_cli("solve", p, timeout=60), "m.toml", "too large")


def test_power_with_a_huge_parameter_value_is_refused(model_file):
    p = model_file(payoff='"2**g"', default="2")
    assert_one_error(run_cli("solve", p, "--param", "g=1e400", timeout=60), "too large")


def test_power_hidden_behind_an_irrational_sibling_is_refused(model_file):
    # the walk in Fractions gives up at sqrt(2); the power must still be checked at these values
    p = model_file(payoff='"sqrt(2) + 2**g"', default="2")
    assert_one_error(run_cli("solve", p, "--param", "g=1e400", timeout=60), "too large")


def test_parametric_powers_within_the_limits_keep_their_values():
    m = parse_model(model_text(payoff='"g**g"', default="3"))
    assert m.game_at().payoffs[0, 0, 0] == 27
    assert m.game_at({"g": Fraction(-2)}).payoffs[0, 0, 0] == Fraction(1, 4)
    m = parse_model(model_text(payoff='"g**(1/2)"', default="4"))
    assert m.game_at().payoffs[0, 0, 0] == 2


def test_check_powers_bounds_every_power_at_the_values():
    from gametheory.errors import ExpressionError
    from gametheory.io.expressions import check_powers, expression_value

    with pytest.raises(ExpressionError, match="too large"):
        check_powers("g**g**g", {"g": Fraction(9)})  # 9**387420489
    with pytest.raises(ExpressionError, match="too large"):
        check_powers("sqrt(2) + 2**g", {"g": Fraction(10**400)})
    with pytest.raises(ExpressionError, match="exponent exceeds 1000"):
        check_powers("g < 1**g", {"g": Fraction(1001)})  # a relation too; the exponent is capped like a constant's
    check_powers("(2**20)**g", {"g": Fraction(1000)})  # 20 * 1000 = 20000 bits: at the limit
    with pytest.raises(ExpressionError, match="over 20000 bits"):
        check_powers("(2**21)**g", {"g": Fraction(1000)})  # 21000 bits
    check_powers("g**g", {"g": Fraction(9)})
    # the walk in Fractions leaves parametric exponents to sympy: it never builds the power itself
    assert expression_value("g**g**g", {"g": Fraction(9)}) is None


# ---------------------------------------------------------------------------- item 4: tracebacks

def test_game_refuses_more_players_than_numpy_dimensions():
    from gametheory.game import MAX_PLAYERS

    assert MAX_PLAYERS == np.zeros((1,) * 64).ndim - 1  # one axis is the player index
    nested: object = [0] * (MAX_PLAYERS + 1)
    for _ in range(MAX_PLAYERS + 1):
        nested = [nested]
    with pytest.raises(InputError, match=f"at most {MAX_PLAYERS} players"):
        Game(nested)


def test_nfg_with_65_players_is_one_error(tmp_path):
    n = 65
    p = tmp_path / "many.nfg"
    players = " ".join(f'"P{i}"' for i in range(n))
    p.write_text(f'NFG 1 R "x" {{ {players} }} {{ {" ".join(["1"] * n)} }}\n{" ".join(["0"] * n)}\n')
    assert_one_error(run_cli("info", p, timeout=30), "many.nfg:1", "players")


def test_model_with_65_players_is_one_error(tmp_path):
    n = 65
    text = 'title = "many"\n' + "".join(f'[[players]]\nname = "P{i}"\nstrategies = ["s"]\n' for i in range(n))
    text += f'[[payoffs]]\nprofile = {["s"] * n!r}\nvalues = {[0] * n!r}\n'.replace("'", '"')
    p = tmp_path / "many.toml"
    p.write_text(text)
    assert_one_error(run_cli("info", p, timeout=30), "many.toml", "players")


FIVE_THOUSAND = "7" * 5000


def test_5000_digit_param_is_one_error(model_file):
    assert_one_error(run_cli("solve", model_file(), "--param", f"g={FIVE_THOUSAND}"), "digits")


def test_5000_digit_numbers_in_files_are_one_error(tmp_path, model_file):
    assert_one_error(run_cli("solve", model_file(payoff=FIVE_THOUSAND)), "m.toml", "digits")
    assert_one_error(run_cli("solve", model_file(payoff=f'"{FIVE_THOUSAND}"')), "m.toml")
    p = tmp_path / "d.nfg"
    p.write_text(f'NFG 1 R "x" {{ "a" "b" }} {{ 1 1 }}\n{FIVE_THOUSAND} 0\n')
    assert_one_error(run_cli("solve", p), "d.nfg:2", "digits")


def test_5000_digit_entries_of_a_game_are_an_input_error():
    with pytest.raises(InputError, match="digits"):
        Game([[[FIVE_THOUSAND, 0]]])
    with pytest.raises(InputError, match="digits"):
        Game([[[7 * (10**5000 - 1) // 9, 0]]])  # the integer 77...7 of 5000 digits


def test_scalar_disagreement_is_an_input_error(tmp_path):
    text = model_text() + '[bargaining]\nfeasible = "game"\ndisagreement = 5\n'
    p = tmp_path / "b.toml"
    p.write_text(text)
    from gametheory.bargaining.spec import read_spec

    with pytest.raises(InputError, match="disagreement"):
        read_spec(load_model(p))
    assert_one_error(run_cli("bargain", p), "b.toml", "disagreement")


def test_load_model_of_none_is_a_clear_error():
    with pytest.raises(InputError, match="expected a path"):
        load_model(None)
    with pytest.raises(InputError, match="expected a path"):
        load_model(3)


def test_require_game_names_what_it_got():
    from gametheory.game import require_game

    with pytest.raises(InputError, match="expected a Game, got str"):
        require_game("x")
    g = Game([[[1, 0]]])
    assert require_game(g) is g


# ---------------------------------------------------------------------------- item 10: lax input

def test_an_assumption_the_defaults_violate_is_refused_at_load(model_file):
    p = model_file(assumptions='assumptions = ["g > 5"]')
    with pytest.raises(InputError, match=r"does not hold at the defaults") as info:
        load_model(p)
    assert info.value.line == 2 and info.value.path == str(p)


def test_a_false_assumption_is_refused_at_load(model_file):
    p = model_file(assumptions='assumptions = ["1 > 2"]')
    proc = run_cli("info", p)
    assert_one_error(proc, "m.toml:2", "1 > 2")


def test_an_assumption_that_holds_at_the_defaults_is_accepted(model_file):
    assert load_model(model_file(assumptions='assumptions = ["g >= 1", "g < 10"]')).assumption_texts


@pytest.mark.parametrize("text", ["0x10", "0X1F", "0b11", "0o7"])
def test_non_decimal_literals_are_refused(text):
    from gametheory.errors import ExpressionError
    from gametheory.io.expressions import parse_expression

    with pytest.raises(ExpressionError, match="decimal"):
        parse_expression(text)


@pytest.mark.parametrize("text, value", [("1_000", 1000), ("2.5e-1", Fraction(1, 4)), (".5", Fraction(1, 2)),
                                         ("7.", 7), ("1E2", 100)])
def test_decimal_literals_still_read(text, value):
    # underscores group digits as in Python (an existing test allows them); the exponent is read without them
    from gametheory.io.expressions import expression_value

    assert expression_value(text, {}) == value


def test_an_exponent_written_with_underscores_is_capped():
    from gametheory.errors import ExpressionError
    from gametheory.io.expressions import parse_expression

    with pytest.raises(ExpressionError, match="exponent"):
        parse_expression("1e9_999_999")


def test_payoffs_cannot_be_made_writable():
    g = Game([[[1, 2], [3, 4]]])
    with pytest.raises(ValueError):
        g.payoffs.setflags(write=True)
    with pytest.raises(ValueError):
        g.payoffs[0, 0, 0] = 5
    assert g.payoffs[0, 0, 0] == 1


@pytest.mark.parametrize("bad", ["x", None, [[1, 2], [3, 4]]])
def test_solve_refuses_what_is_not_a_game(bad):
    import gametheory

    with pytest.raises(InputError, match="expected a Game"):
        gametheory.solve(bad)


POWER_MODEL = """title = "powers"
assumptions = [{assumption!r}]
[[players]]
name = "A"
strategies = ["x", "y"]
[[players]]
name = "B"
strategies = ["l", "r"]
[parameters.g]
default = 1
range = [0, {top}]
meaning = "a power"
[[payoffs]]
profile = ["x", "l"]
values = [1, 1]
[[payoffs]]
profile = ["x", "r"]
values = [0, 0]
[[payoffs]]
profile = ["y", "l"]
values = [0, 0]
[[payoffs]]
profile = ["y", "r"]
values = ["g", 1]
"""


@pytest.mark.parametrize("command", [["conditions"], ["check"], ["regions", "--vary", "g"], ["robust", "--draws", "5"]])
def test_a_power_too_large_on_the_range_is_refused_at_load(tmp_path, command):
    # 10**10**10 has ten billion digits: at g = 10, the range's end, no command could compute it
    model = tmp_path / "p.toml"
    model.write_text(POWER_MODEL.format(assumption="g**g**g > 0", top=10))
    proc = subprocess.run([sys.executable, "-m", "gametheory.cli", command[0], str(model), *command[1:]],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {model}:2: ") and "g = 10" in lines[0]


def test_a_power_fine_on_the_range_is_accepted():
    from gametheory.io import parse_model

    model = parse_model(POWER_MODEL.format(assumption="g**g > 0", top=3))  # 3**3 = 27 at the worst corner
    assert model.values({})["g"] == 1


def test_a_string_with_newlines_in_an_nfg_is_one_error_line(tmp_path):
    # found by the hostile fuzz: a quote opened among the payoffs swallowed three lines into the message
    nfg = tmp_path / "g.nfg"
    nfg.write_text('NFG 1 R "hostile" { "P1" "P2" } { 3 3 }\n\n68 27\n-27 -37\n14 -9"\n-65 77\n30 -\n14 -9"\n'
                   '-65 77\n30 -54\n-6 -53\n49 73\n49 -37\n7 4\n')
    proc = subprocess.run([sys.executable, "-m", "gametheory.cli", "info", str(nfg)], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {nfg}:") and "\\n" in lines[0]
