"""Whose claim is it? A prediction's ``source``, from the model file to ``check``, ``info`` and ``models/README.md``.

A prediction is the article's claim (``source = "article"``, with the sentence that makes it as ``quote``) or a
consequence of the model's assumptions (``source = "model"``, no quote). The tests build small files of every
kind whose verdicts are known by hand, and read every model of ``models/``:

(a) the readers accept ``source`` for each kind of model and refuse a bad value, an article claim without
    quote and a model result with one (exit 2, one ``error: PATH:LINE: ...`` line); the TOML writers keep it;
(b) ``check`` groups the verdicts by source and counts each group, in text and JSON; ``info`` and the
    README generator name the article's passage and cite the article, never a "brief";
(c) every prediction of every model in ``models/`` states its source, every article claim's quote is in the
    article verbatim (whitespace aside), no model result has a quote, and every model's section names one of
    the article's headings.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction as F
from pathlib import Path

import pytest

from gametheory.cli import main
from gametheory.errors import InputError
from gametheory.io.model import load_any_model, model_to_toml, parse_any_model, tree_to_toml
from gametheory.model_checks import check_paths
from gametheory.predictions import check_model

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "models"
MODEL_FILES = sorted(MODELS.glob("*.toml"))

# the article's headings in its order; "Opening" stands for the paragraphs before the first heading
HEADINGS = ["Opening", "Next Steps for Kosovo", "Cutting Russia Out", "Cutting Russia Back In", "Dealing with Belgrade"]

ARTICLE_QUOTE = 'quote = "If Moscow renews the CFE treaty, Washington could abandon its missile defense initiatives"'

# ------------------------------------------------------------------ one small model of each kind
# A prisoner's dilemma: T, R, P, S = 4, 3, 0, -1 for both. By hand: Suspend and Build are strictly dominant,
# so (Suspend, Build) is the only equilibrium and (Renew, Abandon) is not one (each gains 4 - 3 = 1).
NORMAL = """title = "A prisoner's dilemma"
section = "Cutting Russia Back In: the trade"

[[players]]
name = "Russia"
strategies = ["Renew", "Suspend"]

[[players]]
name = "US"
strategies = ["Abandon", "Build"]

[[payoffs]]
profile = ["Renew", "Abandon"]
values = [3, 3]

[[payoffs]]
profile = ["Renew", "Build"]
values = [-1, 4]

[[payoffs]]
profile = ["Suspend", "Abandon"]
values = [4, -1]

[[payoffs]]
profile = ["Suspend", "Build"]
values = [0, 0]

[[predictions]]
kind = "not_equilibrium"
profile = { Russia = "Renew", US = "Abandon" }
claim = "The swap is not stable by itself."
SOURCE_A

[[predictions]]
kind = "unique_equilibrium"
profile = { Russia = "Suspend", US = "Build" }
claim = "In the model, mutual suspension is the only equilibrium."
SOURCE_B
"""

# Entry: Out pays (0, 2); after In, Fight pays (-1, -1) and Accommodate (1, 1). By hand: backward induction
# gives (In, Accommodate); (Out, Fight) is a Nash equilibrium whose threat is not credible.
TREE = """title = "Entry"
section = "Opening: the green light"

[[players]]
name = "Entrant"

[[players]]
name = "Incumbent"

[[nodes]]
id = "start"
player = "Entrant"
actions = { "Out" = "out", "In" = "entered" }

[[nodes]]
id = "entered"
player = "Incumbent"
actions = { "Fight" = "fight", "Accommodate" = "share" }

[[nodes]]
id = "out"
payoffs = [0, 2]

[[nodes]]
id = "fight"
payoffs = [-1, -1]

[[nodes]]
id = "share"
payoffs = [1, 1]

[[predictions]]
kind = "spe_path"
path = ["In", "Accommodate"]
claim = "Entry is accommodated."
SOURCE_A

[[predictions]]
kind = "not_subgame_perfect"
profile = { Entrant = { start = "Out" }, Incumbent = { entered = "Fight" } }
claim = "In the model, the threat to fight is not credible."
SOURCE_B
"""

# Beer-quiche (Cho and Kreps 1987) with prior 9/10 on strong: pooling on beer, the receiver not duelling
# after beer, is an equilibrium that survives the intuitive criterion (their paper).
SIGNALING = """title = "Beer-quiche"
section = "Dealing with Belgrade: resolve"

[signaling]
sender = "Sender"
receiver = "Receiver"
messages = ["beer", "quiche"]
actions = ["duel", "not"]

[[types]]
name = "strong"
prior = "9/10"

[[types]]
name = "weak"
prior = "1/10"
""" + "".join(
    f'\n[[payoffs]]\ntype = "{t}"\nmessage = "{m}"\naction = "{a}"\nvalues = [{u}, {v}]\n'
    for t, m, a, u, v in [("strong", "beer", "duel", 1, 0), ("strong", "beer", "not", 3, 1),
                          ("strong", "quiche", "duel", 0, 0), ("strong", "quiche", "not", 2, 1),
                          ("weak", "beer", "duel", 0, 1), ("weak", "beer", "not", 2, 0),
                          ("weak", "quiche", "duel", 1, 1), ("weak", "quiche", "not", 3, 0)]
) + """
[[predictions]]
kind = "pooling"
profile = { Sender = { strong = "beer", weak = "beer" }, Receiver = { beer = "not" } }
intuitive = true
claim = "Both types drink beer and are left alone."
SOURCE_A

[[predictions]]
kind = "pooling"
profile = { Sender = { strong = "beer", weak = "beer" }, Receiver = { beer = "not" } }
claim = "In the model, pooling on beer is an equilibrium."
SOURCE_B
"""

# Player 1 (one type) gets 1 for X whatever happens; Player 2's type a gets 1 for X, type b 1 for Y.
# By hand: each type's action is strictly dominant, so (X; a: X, b: Y) is the only Bayesian equilibrium.
BAYESIAN = """title = "Two types, dominant actions"
section = "Next Steps for Kosovo: the consensus"

[[players]]
name = "Player 1"
types = ["-"]
actions = ["X", "Y"]

[[players]]
name = "Player 2"
types = ["a", "b"]
actions = ["X", "Y"]

[prior]
"Player 2" = { a = "1/2", b = "1/2" }
""" + "".join(
    f'\n[[payoffs]]\ntypes = ["-", "{t}"]\nprofile = ["{x}", "{y}"]\nvalues = [{int(x == "X")}, '
    f'{int(y == ("X" if t == "a" else "Y"))}]\n'
    for t in "ab" for x in "XY" for y in "XY"
) + """
[[predictions]]
kind = "equilibrium"
profile = { "Player 1" = { "-" = "X" }, "Player 2" = { a = "X", b = "Y" } }
claim = "Each type plays its dominant action."
SOURCE_A

[[predictions]]
kind = "unique_equilibrium"
profile = { "Player 1" = { "-" = "X" }, "Player 2" = { a = "X", b = "Y" } }
claim = "In the model, it is the only Bayesian equilibrium."
SOURCE_B
"""

KINDS = {"normal": NORMAL, "tree": TREE, "signaling": SIGNALING, "bayesian": BAYESIAN}
GOOD = {"SOURCE_A": f'source = "article"\n{ARTICLE_QUOTE}', "SOURCE_B": 'source = "model"'}


def text_of(kind: str, a: str = GOOD["SOURCE_A"], b: str = GOOD["SOURCE_B"]) -> str:
    return KINDS[kind].replace("SOURCE_A", a).replace("SOURCE_B", b)


def write(tmp_path: Path, kind: str, text: str) -> Path:
    path = tmp_path / f"{kind}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, start: str, nth: int = 1) -> int:
    """The line number (from 1) of the nth line of ``text`` that starts with ``start``."""
    lines = [i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start)]
    return lines[nth - 1]


# ------------------------------------------------------------------ (a) the readers and the writers
@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_reads_the_source_and_check_carries_it(kind, tmp_path):
    model = load_any_model(write(tmp_path, kind, text_of(kind)))
    assert [p.source for p in model.predictions] == ["article", "model"]
    assert model.predictions[0].quote.startswith("If Moscow renews the CFE treaty")
    assert model.predictions[1].quote == ""
    check = check_model(model)
    # every claim above holds, by the hand calculations next to each file
    assert [(v.status, v.source) for v in check.verdicts] == [("holds", "article"), ("holds", "model")]
    assert [p["source"] for p in check.to_json()["predictions"]] == ["article", "model"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_prediction_without_source_is_not_stated(kind, tmp_path):
    model = load_any_model(write(tmp_path, kind, text_of(kind, a=ARTICLE_QUOTE, b="")))
    assert [p.source for p in model.predictions] == [None, None]
    assert [v.source for v in check_model(model).verdicts] == [None, None]


BAD = [
    pytest.param(f'source = "Article"\n{ARTICLE_QUOTE}', "source", "source must be one of article, model, got the "
                 "string 'Article'", id="unknown value"),
    pytest.param("source = 1", "source", "source must be one of article, model", id="not a string"),
    pytest.param('source = "article"', "source", 'a prediction with source = "article" needs the quote in which the '
                 "article makes the claim", id="article claim without a quote"),
    pytest.param('source = "article"\nquote = "  "', "source", 'source = "article" needs the quote',
                 id="article claim with a blank quote"),
    pytest.param(f'source = "model"\n{ARTICLE_QUOTE}', "quote", 'a prediction with source = "model" is the model\'s '
                 "consequence, not the article's claim: drop its quote", id="model result with a quote"),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("entry, key, message", BAD)
def test_bad_sources_are_refused_at_the_key(kind, entry, key, message, tmp_path):
    text = text_of(kind, a=entry)
    path = write(tmp_path, kind, text)
    with pytest.raises(InputError) as info:
        load_any_model(path)
    err = info.value
    assert message in err.message
    assert err.line == line_of(text, f"{key} = ")  # the first prediction's key
    assert err.field == f"predictions[1].{key}"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", [["check"], ["info"], ["solve"]])
def test_cli_exits_2_with_one_error_line(kind, command, tmp_path, capsys):
    text = text_of(kind, b=f'source = "model"\n{ARTICLE_QUOTE}')  # the second prediction: a model result quoted
    path = write(tmp_path, kind, text)
    code = main([*command, str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith(f"error: {path}:{line_of(text, 'quote = ', 2)}: predictions[2].quote: ")
    assert 'source = "model" is the model\'s consequence' in err


@pytest.mark.parametrize("kind, write_text", [("normal", model_to_toml), ("tree", tree_to_toml)])
def test_the_toml_writers_keep_the_source(kind, write_text, tmp_path):
    original = load_any_model(write(tmp_path, kind, text_of(kind)))
    again = parse_any_model(write_text(original), path=tmp_path / f"again_{kind}.toml")
    assert [(p.source, p.quote, p.claim) for p in again.predictions] == \
        [(p.source, p.quote, p.claim) for p in original.predictions]
    assert [p.source for p in again.predictions] == ["article", "model"]


# ------------------------------------------------------------------ (b) the check report
# The prisoner's dilemma with a third claim whose source is not stated, and which is false: it has one
# equilibrium, not two (hand calculation above).
THIRD = """
[[predictions]]
kind = "equilibrium_count"
count = 2
claim = "Two equilibria."
"""


@pytest.fixture
def three_claims(tmp_path) -> Path:
    return write(tmp_path, "pd", text_of("normal") + THIRD)


def test_the_text_report_groups_by_source_and_counts_each_group(three_claims, capsys):
    text = three_claims.read_text(encoding="utf-8")
    code = main(["check", str(three_claims)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1  # one claim fails
    assert out[0] == f"{three_claims}: A prisoner's dilemma (article passage: Cutting Russia Back In: the trade)"
    heads = [line for line in out if line.startswith("  ") and line.endswith(":") and not line.startswith("    ")]
    assert heads == ["  the article claims:", "  the model derives:", "  source not stated:"]
    a, m, n = (out.index(h) for h in heads)
    assert out[a + 1].split()[:2] == ["holds", "not_equilibrium"]
    assert f"(line {line_of(text, '[[predictions]]', 1)})" in out[a + 1]
    assert "Russia gains 1 by deviating to Suspend; US gains 1 by deviating to Build" in out[a + 2]
    assert out[m + 1].split()[:2] == ["holds", "unique_equilibrium"]
    assert out[n + 1].split()[:2] == ["fails", "equilibrium_count"]
    assert "found 1 equilibrium, expected 2" in out[n + 2]
    assert out[-1] == ("2 of 3 predictions hold in 1 model: 1 of 1 article claims, 1 of 1 model results, "
                       "0 of 1 with no stated source")


def test_a_heading_is_shown_only_when_its_group_has_predictions(tmp_path):
    model_only = write(tmp_path, "pd", text_of("normal", a='source = "model"'))
    out = str(check_paths(model_only)).splitlines()
    assert "  the model derives:" in out
    assert "  the article claims:" not in out and "  source not stated:" not in out
    assert out[-1] == "2 of 2 predictions hold in 1 model: 2 of 2 model results"


def test_the_json_report_has_each_source_and_the_counts(three_claims, tmp_path, capsys):
    write(tmp_path, "tree", text_of("tree"))  # beside pd.toml
    code = main(["check", str(tmp_path), "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 1 and doc["all_hold"] is False
    assert [m["id"] for m in doc["models"]] == ["pd", "tree"]
    pd, entry = doc["models"]
    assert [p["source"] for p in pd["predictions"]] == ["article", "model", None]
    assert [p["status"] for p in pd["predictions"]] == ["holds", "holds", "fails"]
    assert [p["source"] for p in entry["predictions"]] == ["article", "model"]
    assert pd["counts"] == {"article": {"predictions": 1, "hold": 1}, "model": {"predictions": 1, "hold": 1},
                            "not_stated": {"predictions": 1, "hold": 0}}
    assert doc["counts"] == {"all": {"predictions": 5, "hold": 4},
                             "article": {"predictions": 2, "hold": 2}, "model": {"predictions": 2, "hold": 2},
                             "not_stated": {"predictions": 1, "hold": 0}}


def test_the_exit_status_rules_are_unchanged(tmp_path, capsys):
    good = write(tmp_path, "pd", text_of("normal"))
    assert main(["check", str(good)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == \
        "2 of 2 predictions hold in 1 model: 1 of 1 article claims, 1 of 1 model results"


def test_an_at_table_and_the_source_both_reach_the_verdict(tmp_path):
    # at a temptation t = 3 (= the reward) Russia no longer gains by suspending (3 - 3 = 0), but the US's
    # temptation is unchanged: it gains 4 - 3 = 1 by building, so the claim fails (hand)
    text = text_of("normal").replace("values = [4, -1]", 'values = ["t", -1]').replace(
        'section = "Cutting Russia Back In: the trade"',
        'section = "Cutting Russia Back In: the trade"\n\n[parameters.t]\ndefault = 4\nrange = [3, 5]\n'
        'meaning = "temptation"')
    text += """
[[predictions]]
kind = "equilibrium"
profile = { Russia = "Renew", US = "Abandon" }
at = { t = 3 }
claim = "In the model, without temptation the swap is stable."
source = "model"
"""
    (v,) = [v for v in check_model(parse_any_model(text, path=tmp_path / "t.toml")).verdicts if v.at]
    assert (v.status, v.source, v.at) == ("fails", "model", {"t": F(3)})
    assert v.reason.startswith("at t=3: ") and "US gains 1 by deviating to Build" in v.reason


def test_repeated_predictions_carry_their_source(tmp_path):
    # grim trigger sustains (Renew, Abandon) iff delta >= (T - R)/(T - P) = (4 - 3)/(4 - 0) = 1/4 (hand)
    from gametheory.repeated.report import analyze_repeated

    text = text_of("normal") + """
[[predictions]]
kind = "sustainable"
profile = { Russia = "Renew", US = "Abandon" }
delta = "1/4"
claim = "In the model, grim trigger sustains the swap from delta = 1/4."
source = "model"
"""
    path = write(tmp_path, "pd", text)
    (v,) = [v for v in check_model(load_any_model(path)).verdicts if v.kind == "sustainable"]
    assert (v.status, v.source) == ("holds", "model")
    report = analyze_repeated(path)
    assert [(p.kind, p.source) for p in report.predictions] == [("sustainable", "model")]
    assert report.to_json()["predictions"][0]["source"] == "model"


# ------------------------------------------------------------------ (b) info and the README name the article's passage
@pytest.mark.parametrize("kind", KINDS)
def test_info_names_the_article_passage(kind, tmp_path, capsys):
    path = write(tmp_path, kind, text_of(kind))
    section = re.search(r'^section = "(.*)"$', KINDS[kind], re.M).group(1)
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"article passage: {section} ({kind})" in out.splitlines()
    assert "brief" not in out.lower()


def test_the_readme_cites_the_article_and_orders_by_its_headings(tmp_path):
    from gametheory.models_readme import render

    sections = {"z_last": "Dealing with Belgrade: spite", "a_first": "Dealing with Belgrade: the offer",
                "b_open": "Opening: the green light", "c_other": "Appendix: not a heading",
                "d_kosovo": "Next Steps for Kosovo: the void", "e_back": "Cutting Russia Back In: the trade",
                "f_out": "Cutting Russia Out: spoilers", "g_none": "Annex"}
    for model_id, section in sections.items():
        text = re.sub(r'^section = ".*"$', f'section = "{section}"', text_of("normal"), flags=re.M)
        (tmp_path / f"{model_id}.toml").write_text(text, encoding="utf-8")
    page = render(tmp_path)
    head = _words(page.split("|", 1)[0])
    for part in ("David Young", "Foreign Policy In Focus", "2007", "February 2008"):
        assert part in head
    assert "brief" not in page.lower()
    # no link but to the model files themselves
    assert set(re.findall(r"\]\(([^)#]+)\)", page)) == {f"{m}.toml" for m in sections}
    # headings in the article's order, ties by id; unknown headings last, alphabetically
    order = [m.group(1) for m in re.finditer(r"^## (\w+):", page, re.M)]
    assert order == ["b_open", "d_kosovo", "f_out", "e_back", "a_first", "z_last", "g_none", "c_other"]
    assert "Article passage: Dealing with Belgrade: spite · file [`z_last.toml`](z_last.toml)" in page
    one = page[page.index("## a_first:"):page.index("## z_last:")]
    claims, derived = one.index("**The article's claims**"), one.index("**What the model derives**")
    assert claims < derived
    assert "- holds: not_equilibrium — The swap is not stable by itself.\n  > If Moscow renews the CFE treaty" in one
    assert "- holds: unique_equilibrium — In the model, mutual suspension is the only equilibrium." in one[derived:]
    assert "Source not stated" not in one


# ------------------------------------------------------------------ (c) the project's models
# These read the models in models/, whose sources, quotes and sections are part of issue 16.
@pytest.fixture(scope="module")
def project_models():
    return [load_any_model(p) for p in MODEL_FILES]


def _words(text: str) -> str:
    return " ".join(text.split())


def test_every_prediction_in_models_states_its_source(project_models):
    missing = [f"{m.id}:{p.line}" for m in project_models for p in m.predictions if p.source is None]
    assert not missing, f"predictions without source: {missing}"
    assert all(m.predictions for m in project_models)


def test_every_article_claim_is_quoted_verbatim(project_models, article_text):
    article = _words(article_text)
    bad = [f"{m.id}:{p.line}: {p.quote!r}" for m in project_models for p in m.predictions
           if p.source == "article" and (not p.quote.strip() or _words(p.quote) not in article)]
    assert not bad, "article claims whose quote is not in the article:\n" + "\n".join(bad)


def test_no_model_result_has_a_quote(project_models):
    quoted = [f"{m.id}:{p.line}" for m in project_models for p in m.predictions if p.source == "model" and p.quote]
    assert not quoted


def test_every_section_names_a_heading_of_the_article(project_models, article_text):
    lines = {line.strip() for line in article_text.splitlines()}
    assert all(h in lines for h in HEADINGS[1:])  # the four headings of the article, each on its own line
    bad = [f"{m.id}: {m.section!r}" for m in project_models
           if not any(str(m.section).startswith(h + ": ") and len(str(m.section)) > len(h) + 2 for h in HEADINGS)]
    assert not bad, "sections that do not start with one of the article's headings and ': ':\n" + "\n".join(bad)


def test_no_model_file_mentions_a_brief():
    said = [f"{p.name}:{i}" for p in [*MODEL_FILES, MODELS / "README.md"]
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if re.search(r"\bbrief\b", line, re.I)]
    assert not said, said


# ------------------------------------------------------------------ no "brief" in what users read
USER_FACING = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")), *sorted((ROOT / "notebooks").glob("*.ipynb")),
               *sorted((ROOT / "gametheory").rglob("*.py"))]


def test_nothing_users_read_points_at_a_brief():
    said = [f"{p.relative_to(ROOT)}:{i}" for p in USER_FACING
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if re.search(r"\bbrief\b", line, re.I)]
    assert not said, said
