"""Fuzzing the loaders: whatever text comes in, only our InputError subclasses come out."""

import itertools
import math
import os
import tempfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.errors import InputError
from gametheory.io.model import load_model, parse_model
from gametheory.io.nfg import parse_nfg, read_nfg


def _only_input_errors(func, *args):
    try:
        func(*args)
    except InputError as exc:
        # the message is one line that names where the problem is
        assert str(exc) and "Traceback" not in str(exc)


# ---------------------------------------------------------------------------- a TOML writer of our own


def _toml_str(s: str) -> str:
    out = []
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _key(k: str) -> str:
    return k if k and all(c.isalnum() and c.isascii() or c in "_-" for c in k) else _toml_str(k)


def _inline(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return _toml_str(v)
    if isinstance(v, list):
        return "[" + ", ".join(_inline(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_inline(x)}" for k, x in v.items()) + " }" if v else "{}"
    raise TypeError(type(v))


def to_toml(doc: dict) -> str:
    """Top-level scalars first, then [table] and [[array of tables]] sections, values inline."""
    lines, tail = [], []
    for k, v in doc.items():
        if isinstance(v, dict) and v:
            tail.append(f"\n[{_key(k)}]")
            tail.extend(f"{_key(kk)} = {_inline(vv)}" for kk, vv in v.items())
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            for x in v:
                tail.append(f"\n[[{_key(k)}]]")
                tail.extend(f"{_key(kk)} = {_inline(vv)}" for kk, vv in x.items())
        else:
            lines.append(f"{_key(k)} = {_inline(v)}")
    return "\n".join(lines + tail) + "\n"


# ---------------------------------------------------------------------------- generators

LABELS = st.sampled_from(["A", "B", "Yes", "No", "Renew CFE", "", " ", "x\"y", "Row", "Col"])
KEYS = st.sampled_from(
    ["title", "section", "description", "quotes", "assumptions", "players", "parameters", "payoffs",
     "predictions", "bargaining", "name", "strategies", "default", "range", "meaning", "quote", "status",
     "profile", "values", "kind", "count", "claim", "at", "t", "a", "b", "exp", "__import__", "zzz"]
)
EXPRESSIONS = st.sampled_from(
    ["t", "a - b", "1/3", "0.5", "t/0", "1/(t-4)", "min(a)", "max(a, b)", "t.real", "__import__('os')",
     "exp(1000000)", "2**2**2**2", "sqrt(-t)", "log(t - t)", "a < b", "t > 0", "0 < t < 1", "((((1))))",
     "(" * 300, "a" * 3000, "9" * 5000, "1e99999", "lambda: 0", "x", "", "Yes", "A", "inf", "nan", "1/0"]
)
SCALARS = st.one_of(
    st.integers(-10**30, 10**30), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.text(max_size=12), EXPRESSIONS, LABELS,
)
VALUES = st.recursive(
    SCALARS,
    lambda sub: st.one_of(st.lists(sub, max_size=4), st.dictionaries(st.one_of(KEYS, LABELS.filter(bool)), sub, max_size=4)),
    max_leaves=12,
)


GOOD_VALUES = st.one_of(
    st.integers(-5, 5), st.sampled_from(["t", "a - b", "1/3", "0.5", "max(a, 0)", "t*a", "-t", "2**t", "1/t", "sqrt(t)"])
)


def _sometimes(draw, good, bad, odds=8):
    """``good`` most of the time, ``bad`` one time in ``odds``, so that documents get deep into validation."""
    return draw(bad) if draw(st.integers(0, odds - 1)) == 0 else good


@st.composite
def model_like(draw):
    """Documents near the model format: mostly valid, with a few values or tables broken at random."""
    n = draw(st.integers(1, 3))
    strategies = [draw(st.lists(st.sampled_from(["A", "B", "Yes", "No"]), min_size=1, max_size=2, unique=True)) for _ in range(n)]
    names = [f"P{i}" for i in range(n)]
    players = [
        _sometimes(draw, {"name": name, "strategies": strats},
                   st.dictionaries(st.sampled_from(["name", "strategies", "strategy"]), st.one_of(LABELS, st.lists(LABELS, max_size=3), VALUES), max_size=3))
        for name, strats in zip(names, strategies)
    ]
    params = {}
    for name in draw(st.lists(st.sampled_from(["t", "a", "b"]), unique=True, max_size=3)):
        lo = draw(st.integers(-3, 3))
        hi = lo + draw(st.integers(0, 4))
        spec = {"default": draw(st.integers(lo, hi)), "range": [lo, hi], "meaning": "m",
                "status": draw(st.sampled_from(["pinned", "assumption"]))}
        if draw(st.integers(0, 5)) == 0:
            spec[draw(st.sampled_from(["default", "range", "meaning", "quote", "status", "units"]))] = draw(VALUES)
        params[_sometimes(draw, name, st.sampled_from(["exp", "1x", "__x", "if"]), odds=15)] = spec
    payoffs = []
    for prof in itertools.product(*strategies):
        entry = {"profile": list(prof), "values": [draw(GOOD_VALUES) for _ in range(n)]}
        payoffs.append(_sometimes(draw, entry, st.dictionaries(st.sampled_from(["profile", "values", "value"]),
                                                                 st.one_of(st.lists(st.one_of(LABELS, EXPRESSIONS, SCALARS), max_size=3), SCALARS), max_size=3), odds=12))
    if payoffs and draw(st.integers(0, 5)) == 0:
        del payoffs[draw(st.integers(0, len(payoffs) - 1))]
    if payoffs and draw(st.integers(0, 5)) == 0:
        payoffs.append(payoffs[0])
    preds = []
    for _ in range(draw(st.integers(0, 2))):
        profile = {name: _sometimes(draw, draw(st.sampled_from(strats)), st.one_of(LABELS, st.dictionaries(st.sampled_from(strats), SCALARS, max_size=2)))
                   for name, strats in zip(names, strategies)}
        pred = {"kind": _sometimes(draw, "equilibrium", st.sampled_from(["unique_equilibrium", "equilibrium_count", "nash"]), odds=3),
                "profile": profile}
        if draw(st.integers(0, 3)) == 0:
            pred[draw(st.sampled_from(["count", "at", "claim"]))] = draw(st.one_of(SCALARS, st.dictionaries(st.sampled_from(["t", "z"]), SCALARS, max_size=2)))
        preds.append(pred)
    doc = {"title": _sometimes(draw, "T", SCALARS, odds=15)}
    if draw(st.integers(0, 3)) == 0:
        doc["assumptions"] = draw(st.lists(st.one_of(st.sampled_from(["t > 0", "a <= b", "t == 1"]), EXPRESSIONS, SCALARS), max_size=3))
    doc["players"] = players
    if params:
        doc["parameters"] = params
    doc["payoffs"] = payoffs
    if preds:
        doc["predictions"] = preds
    if draw(st.integers(0, 9)) == 0:
        doc[draw(KEYS)] = draw(VALUES)
    return doc


# ---------------------------------------------------------------------------- the fuzz tests


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_random_text_model(text):
    _only_input_errors(parse_model, text, "fuzz.toml")


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=6))
def test_random_toml_documents(doc):
    _only_input_errors(parse_model, to_toml(doc), "fuzz.toml")


@pytest.mark.slow
@settings(max_examples=250, deadline=None)
@given(model_like())
def test_model_like_documents(doc):
    _only_input_errors(parse_model, to_toml(doc), "fuzz.toml")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_random_text_nfg(text):
    _only_input_errors(parse_nfg, text, "fuzz.nfg")


NFG_TOKENS = st.one_of(
    st.sampled_from(["NFG", "1", "R", "D", "{", "}", '""', '"a"', '"b\\"c"', '"', ",", "\n", "0", "2", "3", "-1",
                     "1/3", "1/0", ".5", "1e5", "1e999999", "9" * 500, "x", "nan", "inf"]),
    st.integers(-5, 20).map(str),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(NFG_TOKENS, max_size=40), st.booleans())
def test_nfg_token_soup(tokens, with_header):
    head = ['NFG 1 R "t"'] if with_header else []
    _only_input_errors(parse_nfg, " ".join(head + tokens), "fuzz.nfg")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_from_files(data):
    with tempfile.TemporaryDirectory() as d:
        for name, loader in (("f.toml", load_model), ("f.nfg", read_nfg)):
            path = os.path.join(d, name)
            with open(path, "wb") as fh:
                fh.write(data)
            _only_input_errors(loader, path)


def test_deep_nesting_is_an_input_error():
    _only_input_errors(parse_model, "a = " + "[" * 5000 + "]" * 5000, "deep.toml")
    _only_input_errors(parse_model, "a = " + "{ b = " * 3000 + "1" + " }" * 3000, "deep.toml")
    _only_input_errors(parse_nfg, "NFG 1 R \"t\" " + "{ " * 5000, "deep.nfg")


EXPR_PIECES = st.sampled_from(
    ["a", "b", "1", "0", "2.5", "1e3", "+", "-", "*", "/", "**", "(", ")", ",", "min", "max", "abs", "exp", "log",
     "sqrt", ".", "[", "]", "lambda", ":", "<", "==", "and", "'s'", "__import__", "x", " ", "9" * 30, "j", "%"]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(EXPR_PIECES, max_size=25).map("".join)))
def test_random_expressions(text):
    from gametheory.io.expressions import parse_expression, parse_relation

    _only_input_errors(parse_expression, text, ["a", "b"])
    _only_input_errors(parse_relation, text, ["a", "b"])
