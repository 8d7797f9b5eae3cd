"""The hostile-input suite, generated: mutated models and .nfg files, random --param/--vary values, unicode labels.

Each example is one command run under the limits of :mod:`hostile.runner`; it must meet the contract
(exit 0, or exit 2 with one ``error:`` line; no traceback; nothing changed on error; strict JSON), and a
``solve --json`` answer must satisfy :func:`hostile.verify.check_solve_doc`.  The example counts are
modest (each example starts an interpreter); the whole module is ``slow``.
"""

from __future__ import annotations

import tempfile
import unicodedata
from fractions import Fraction
from pathlib import Path

import pytest
from hostile.inputs import MODELS, bimatrix_model, bimatrix_nfg, labels, mutated_text, param_values
from hostile.runner import run_in
from hostile.verify import check_solve_doc, frac
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow

MODEL = {p.name: p for p in MODELS}
MD_ALONE = MODEL["md_alone.toml"]
# small models, quick to solve, so that an example costs about one interpreter start
SMALL = [MODEL[n] for n in ("md_alone.toml", "cfe_md_package.toml", "kosovo_status_zero_sum.toml",
                            "serbia_border_reinforcement_3p.toml", "cfe_md_bargaining.toml")]
# no shrinking and the first failure only: an example costs an interpreter start, a hang 30 s, and shrinking a hang
# re-runs it dozens of times; the failing example is printed as it was drawn
FEW = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow],
               phases=(Phase.explicit, Phase.reuse, Phase.generate), report_multiple_bugs=False)


@FEW
@given(data=st.data(), src=st.sampled_from(SMALL), command=st.sampled_from(["solve", "check", "bargain"]))
def test_mutated_model(data, src, command):
    """A valid model with one to three hostile edits: a correct answer or one error line naming the file."""
    text = data.draw(mutated_text(src.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        (tmp / "m.toml").write_text(text, encoding="utf-8", errors="surrogatepass")
        _, doc = run_in(tmp, command, "m.toml", "--json", fault="m.toml")
        if doc is not None and command == "solve":
            check_solve_doc(doc)


def _nfg_sources() -> list[str]:
    return [
        bimatrix_nfg([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]),
        bimatrix_nfg([[3, 0], [5, 1]], [[3, 5], [0, 1]]),
        bimatrix_nfg([[68, -65, 49], [-27, 30, 49], [14, -6, 7]], [[27, 77, 73], [-37, -54, -37], [-99, -53, 4]]),
        'NFG 1 R "o" { "A" "B" } { 2 2 }\n\n{ { "" 1, -1 } { "" -1, 1 } }\n1 2 2 1\n',
    ]


@FEW
@given(data=st.data(), src=st.sampled_from(_nfg_sources()),
       command=st.sampled_from([["solve", "--json"], ["info"], ["convert", "--to", "toml"]]))
def test_mutated_nfg(data, src, command):
    """A valid .nfg with hostile edits: a correct answer or one error line naming the file."""
    text = data.draw(mutated_text(src))
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        (tmp / "g.nfg").write_text(text, encoding="utf-8", errors="surrogatepass")
        _, doc = run_in(tmp, command[0], "g.nfg", *command[1:], fault="g.nfg")
        if doc is not None:
            check_solve_doc(doc)


@FEW
@given(value=param_values, command=st.sampled_from(["solve", "info", "conditions"]))
def test_random_param_value(value, command):
    """--param v_md=VALUE with any text: the number's answer or one error line."""
    with tempfile.TemporaryDirectory() as d:
        _, doc = run_in(Path(d), command, str(MD_ALONE), "--param", f"v_md={value}", *(
            ["--json"] if command != "info" else []))
        if doc is not None and command == "solve":
            check_solve_doc(doc)


@FEW
@given(lo=param_values, hi=param_values, n=st.one_of(st.integers(-3, 50).map(str), param_values))
def test_random_vary_values(lo, hi, n):
    """sweep --vary v_md=LO:HI:N with any text: a grid's answer or one error line."""
    with tempfile.TemporaryDirectory() as d:
        run_in(Path(d), "sweep", str(MD_ALONE), "--vary", f"v_md={lo}:{hi}:{n}", "--json")


def _plain(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFC", s) if unicodedata.category(ch) not in ("Cf", "Mn"))


@FEW
@given(rows=st.lists(labels, min_size=2, max_size=2), cols=st.lists(labels, min_size=2, max_size=2),
       fmt=st.sampled_from(["toml", "nfg"]))
def test_unicode_labels(rows, cols, fmt):
    """Matching pennies with random unicode labels: the one equilibrium (1/2, 1/2), or one error line.

    Labels that are distinct, visible ASCII letters and digits must be accepted.
    """
    A, B = [[1, -1], [-1, 1]], [[-1, 1], [1, -1]]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if fmt == "toml":
            (tmp / "g.toml").write_text(bimatrix_model(A, B, rows=rows, cols=cols), encoding="utf-8",
                                        errors="surrogatepass")
        else:
            from hostile.inputs import nfg_text

            pay = {(i, j): (A[i][j], B[i][j]) for i in range(2) for j in range(2)}
            (tmp / "g.nfg").write_text(nfg_text(pay, (2, 2), strategies=[rows, cols]), encoding="utf-8",
                                       errors="surrogatepass")
        name = f"g.{fmt}"
        simple = all(s.isascii() and s.isalnum() for s in rows + cols) and len(set(rows)) == 2 == len(set(cols))
        run, doc = run_in(tmp, "solve", name, "--json", fault=name, expect="ok" if simple else None)
        if doc is not None:
            check_solve_doc(doc)
            assert len(doc["equilibria"]) == 1
            for probs in doc["equilibria"][0]["profile"].values():
                assert all(frac(x) == Fraction(1, 2) for x in probs.values())
        if run.returncode == 0:
            # accepted labels are told apart after NFC and without invisible characters
            for group in (rows, cols):
                if fmt == "nfg":
                    # Gambit's convention: an empty .nfg label means "unnamed" and the strategy is called by its number
                    group = [s if s else str(k + 1) for k, s in enumerate(group)]
                assert len({_plain(s) for s in group}) == 2, f"labels {group!r} accepted though equal when shown"
