"""Input generators: .nfg and model files written here (not by the project's writers), and mutations.

The writers are deliberately our own so that a bug in ``gametheory.io`` cannot hide itself: the
.nfg payoff-vector format lists the outcomes with the first player's strategy varying fastest, each
outcome giving every player's payoff (Gambit's "Normal form game file format"); a model is the TOML
of docs/model-format.md.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from pathlib import Path

from hypothesis import strategies as st

from .runner import ROOT

#: the valid models shipped with the project
MODELS: tuple[Path, ...] = tuple(sorted((ROOT / "models").glob("*.toml")))

#: tokens that have broken (or could break) a reader: huge exponents and literals, powers, hex, specials,
#: invisible and look-alike characters, TOML structure
HOSTILE_TOKENS: tuple[str, ...] = (
    "1e999999999",
    "-1e999999999",
    "1e309",
    "10**400",
    "9" * 5000,
    "1" + "0" * 401,
    "g**g**g",
    "2**2**2**2**2",
    "0x10",
    "0b11",
    "1_000",
    "nan",
    "inf",
    "-inf",
    "1/0",
    "0/0",
    "١٢",  # Arabic-Indic digits
    "１２",  # full-width digits
    "\u200b",
    "e\u0301",
    "__import__('os')",
    "(" * 200 + "1" + ")" * 200,
    "-" * 300 + "1",
    '"',
    "[",
    "]]",
    "{",
    "\\",
    "\x00",
    "\n[[payoffs]]\n",
    "\n[parameters.x]\n",
    "=",
    "",
)


# ---------------------------------------------------------------------------- .nfg


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nfg_text(
    payoffs: Mapping[tuple[int, ...], Sequence[object]] | Sequence,
    dims: Sequence[int],
    *,
    players: Sequence[str] | None = None,
    strategies: Sequence[Sequence[str]] | None = None,
    title: str = "hostile",
) -> str:
    """A payoff-vector .nfg file.

    ``payoffs`` maps a pure profile (tuple of 0-based indices) to the players' payoffs, written
    verbatim (``str``), so a payoff may be any token (``1e309``, a 5000-digit literal).  With
    ``strategies`` the header lists labels, otherwise counts.
    """
    n = len(dims)
    players = list(players) if players is not None else [f"P{i + 1}" for i in range(n)]
    head = f"NFG 1 R {_q(title)} {{ {' '.join(map(_q, players))} }} "
    if strategies is not None:
        head += "{ " + " ".join("{ " + " ".join(map(_q, s)) + " }" for s in strategies) + " }"
    else:
        head += "{ " + " ".join(map(str, dims)) + " }"
    get = payoffs.__getitem__ if isinstance(payoffs, Mapping) else (lambda prof: _index(payoffs, prof))
    body = []
    # first player's strategy varies fastest
    for rev in itertools.product(*(range(d) for d in reversed(dims))):
        prof = tuple(reversed(rev))
        body.append(" ".join(str(v) for v in get(prof)))
    return head + "\n\n" + "\n".join(body) + "\n"


def _index(arr, prof):
    for i in prof:
        arr = arr[i]
    return arr


def bimatrix_nfg(A: Sequence[Sequence[object]], B: Sequence[Sequence[object]], title: str = "hostile") -> str:
    """The .nfg of the bimatrix game (A, B) (row player first)."""
    m, n = len(A), len(A[0])
    return nfg_text({(i, j): (A[i][j], B[i][j]) for i in range(m) for j in range(n)}, (m, n), title=title)


# ---------------------------------------------------------------------------- model TOML


def toml_str(s: str) -> str:
    """A TOML basic string (escapes quotes, backslashes and control characters)."""
    out = []
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return toml_str(v)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{toml_str(k)} = {_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(type(v))


def model_toml(
    players: Mapping[str, Sequence[str]],
    payoffs: Mapping[tuple[str, ...], Sequence[object]],
    *,
    parameters: Mapping[str, Mapping[str, object]] | None = None,
    assumptions: Sequence[str] = (),
    title: str = "hostile",
    extra: str = "",
) -> str:
    """A model file: players with strategies, ``[[payoffs]]`` per profile, parameters, assumptions.

    A payoff value is written as given: a Python ``str`` becomes a TOML string (an expression or an
    exact number), an ``int``/``float`` a TOML number.  ``extra`` is appended verbatim (a
    ``[bargaining]`` table, say).
    """
    lines = [f"title = {toml_str(title)}"]
    if assumptions:
        lines.append(f"assumptions = {_value(list(assumptions))}")
    for name, strats in players.items():
        lines += ["", "[[players]]", f"name = {toml_str(name)}", f"strategies = {_value(list(strats))}"]
    for pname, fields in (parameters or {}).items():
        lines += ["", f"[parameters.{pname}]"] + [f"{k} = {_value(v)}" for k, v in fields.items()]
    for prof, vals in payoffs.items():
        lines += ["", "[[payoffs]]", f"profile = {_value(list(prof))}", f"values = {_value(list(vals))}"]
    return "\n".join(lines) + "\n" + (("\n" + extra) if extra else "")


def bimatrix_model(A, B, *, rows=None, cols=None, **kw) -> str:
    """The model file of the bimatrix game (A, B), players ``Row`` and ``Col``."""
    rows = rows or [f"r{i + 1}" for i in range(len(A))]
    cols = cols or [f"c{j + 1}" for j in range(len(A[0]))]
    pay = {(r, c): (A[i][j], B[i][j]) for i, r in enumerate(rows) for j, c in enumerate(cols)}
    return model_toml({"Row": rows, "Col": cols}, pay, **kw)


# ---------------------------------------------------------------------------- hypothesis strategies


@st.composite
def mutated_text(draw, text: str) -> str:
    """``text`` with one to three edits: a span deleted, duplicated, or replaced by a hostile token."""
    for _ in range(draw(st.integers(1, 3))):
        if not text:
            break
        i = draw(st.integers(0, len(text) - 1))
        j = draw(st.integers(i, min(len(text), i + 40)))
        op = draw(st.sampled_from(["delete", "duplicate", "token", "number"]))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "token":
            text = text[:i] + draw(st.sampled_from(HOSTILE_TOKENS)) + text[i:]
        else:  # replace the next number (or quoted value) after i with a hostile token
            k = next((p for p in range(i, len(text)) if text[p].isdigit()), None)
            if k is None:
                continue
            e = k
            while e < len(text) and (text[e].isalnum() or text[e] in "./_"):
                e += 1
            text = text[:k] + draw(st.sampled_from(HOSTILE_TOKENS)) + text[e:]
    return text


#: a value for ``--param NAME=VALUE`` or a bound of ``--vary``: hostile tokens, numbers, random text (no NUL:
#: a command-line argument cannot hold one, exec refuses it before our program runs)
param_values = st.one_of(
    st.sampled_from([t for t in HOSTILE_TOKENS if "\x00" not in t]),
    st.fractions(max_denominator=10**6).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(st.characters(exclude_characters="\x00"), min_size=0, max_size=30),
    st.integers(-(10**500), 10**500).map(str),
)

#: a strategy or player label: any text, invisible and combining characters included
labels = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(["\u200b", "\u200d", "\ufeff", "\u0301", "\u00e9", "e", " ", "\t", '"', "\\"]),
    ),
    min_size=0,
    max_size=12,
)
