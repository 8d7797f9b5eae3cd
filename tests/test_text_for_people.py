"""The text of ``gametheory solve`` is written for people (issue 17, item 4).

One numbering: equilibria and components are numbered from 1, and a component names its equilibria by
those numbers; the method's internals (cliques, vertex indices, the arithmetic path) appear only with
``--verbose``; the logit path is a short table; "1 equilibrium", not "1 equilibria".

Expected values by hand.  ``serbia_blockade_offer`` at its defaults (payoffs West, Serbia):

    Offer:     (-1, 3)  (-1, 3)  (-4, 2)  (-4, 2)     Serbia: Cooperate always (CA), Cooperate only if
    No offer:  ( 0, 0)  (-4, 2)  ( 0, 0)  (-4, 2)     offered (CO), Blockade only if offered, Blockade always (BA)

Against Offer, Serbia's best replies are CA and CO (3); Offer is a best reply to q CA + (1 - q) CO iff
-1 >= -4 q, i.e. q <= 3/4.  So the West offering and Serbia mixing CA and CO with q in [0, 3/4] is a
segment of equilibria with extreme points q = 3/4 and q = 0: one component of two extreme equilibria.
Against No offer, Serbia's best replies are CO and BA (2); No offer is a best reply to BA (-4 = -4) and
not to CO (-4 < -1), so (No offer, BA) is an isolated equilibrium, the second component.  Three extreme
equilibria in all.

The logit QRE at lambda = 0 is every player's uniform mixture (McKelvey and Palfrey 1995): 1/2 for each
of the West's two strategies, 1/4 for each of Serbia's four.

``cfe_alone``: Russia's Renew CFE (-1) is strictly dominated by Suspend CFE (0) and the US has one strategy,
so the game has exactly one equilibrium, and Lemke-Howson reaches it from each of the 2 + 1 = 3 labels.

References
----------
R. D. McKelvey and T. R. Palfrey, "Quantal response equilibria for normal form games", *Games and
Economic Behavior* 10 (1995) 6-38.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from gametheory.cli import main
from gametheory.game_text import numbered, plural

ROOT = Path(__file__).resolve().parents[1]
BLOCKADE = str(ROOT / "models" / "serbia_blockade_offer.toml")
CFE_ALONE = str(ROOT / "models" / "cfe_alone.toml")
INTERNALS = ("cliques", "row_vertices", "column_vertices", "path:")


def run(capsys, *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def equilibria_by_number(text: str) -> dict[int, str]:
    """``{k: profile text}`` from the ``  k. West: ...; Serbia: ...`` lines of a solve report."""
    return {int(m[1]): m[2] for m in re.finditer(r"^  (\d+)\. (West: .*)$", text, re.M)}


def components_by_number(text: str) -> dict[int, list[int]]:
    """``{component: [equilibrium numbers]}`` from the ``  component n: equilibria 1 and 2`` lines."""
    found = {}
    for m in re.finditer(r"^  component (\d+): equilibri(?:um|a) ([\d, and]+)$", text, re.M):
        found[int(m[1])] = [int(x) for x in re.findall(r"\d+", m[2])]
    return found


def test_blockade_equilibria_and_components_share_one_numbering_from_one(capsys):
    text = run(capsys, "solve", BLOCKADE)
    eqs = equilibria_by_number(text)
    assert sorted(eqs) == [1, 2, 3]
    comps = components_by_number(text)
    assert sorted(comps) == [1, 2] and sorted(sum(comps.values(), [])) == [1, 2, 3]
    # the component of two is the segment where the West offers; the single one is (No offer, Blockade always)
    segment = next(c for c in comps.values() if len(c) == 2)
    isolated = next(c for c in comps.values() if len(c) == 1)
    assert all(eqs[k].startswith("West: Offer; Serbia: ") for k in segment)
    assert eqs[isolated[0]] == "West: No offer; Serbia: Blockade always"
    # the diagnostic that describes the segment names the same component and the same equilibria
    number = next(n for n, c in comps.items() if len(c) == 2)
    a, b = sorted(segment)
    assert f"component {number}: a continuum spanned by equilibria {a} and {b} (a segment)" in text
    assert "equilibria 0" not in text and "{" not in text


def test_blockade_text_shows_internals_only_with_verbose(capsys):
    plain = run(capsys, "solve", BLOCKADE)
    assert not [word for word in INTERNALS if word in plain]
    verbose = run(capsys, "solve", BLOCKADE, "--verbose")
    assert all(word in verbose for word in INTERNALS)
    assert "indices from 0" in verbose  # the internals say which numbering they use
    # --verbose adds, it does not renumber: the report for people is the same
    assert equilibria_by_number(verbose) == equilibria_by_number(plain)
    assert components_by_number(verbose) == components_by_number(plain)


def test_json_keeps_its_keys_and_indices_from_zero(capsys):
    doc = json.loads(run(capsys, "solve", BLOCKADE, "--json"))
    assert {"cliques", "row_vertices", "column_vertices", "path", "components"} <= set(doc)
    # components index doc["equilibria"] from 0: the pair is where the West offers, the single one where it does not
    offers = [eq["profile"]["West"]["Offer"] == "1" for eq in doc["equilibria"]]
    assert sorted(len(c) for c in doc["components"]) == [1, 2]
    for comp in doc["components"]:
        assert all(offers[k] is (len(comp) == 2) for k in comp)
    assert sorted(k for c in doc["components"] for k in c) == [0, 1, 2]


def test_logit_text_is_a_short_table_of_the_path(capsys):
    text = run(capsys, "solve", BLOCKADE, "--method", "logit")
    lines = text.splitlines()
    assert len(lines) < 40, len(lines)
    assert max(map(len, lines)) < 200 and '{"lambda"' not in text
    start = next(k for k, line in enumerate(lines) if line.startswith("logit path:"))
    header = lines[start + 1].split()
    assert header[0] == "lambda" and "West:" in header and "Serbia:" in header
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("  ") or line.startswith("  -"):
            break
        rows.append([float(x) for x in line.split()])
    assert 2 <= len(rows) <= 12
    # lambda 0: each player's uniform mixture; lambda grows down the table; each row's mixtures sum to 1
    assert rows[0] == [0.0, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25]
    assert all(a[0] < b[0] for a, b in zip(rows, rows[1:]))
    assert all(abs(sum(r[1:3]) - 1) < 2e-3 and abs(sum(r[3:]) - 1) < 3e-3 for r in rows)
    # the path ends near a Nash equilibrium (by hand above): the West offers and Serbia does not blockade (both
    # blockades pay 2 < 3 against an offer), or the West does not and Serbia blockades always
    last = rows[-1]
    near_offer = last[1] > 0.99 and last[5] + last[6] < 0.02
    near_no_offer = last[2] > 0.99 and last[6] > 0.98
    assert near_offer or near_no_offer, last
    # and the certified limit listed as equilibrium 1 is that one
    assert equilibria_by_number(text)[1].startswith("West: Offer;" if near_offer else "West: No offer;")


def test_logit_verbose_shows_every_sampled_point(capsys):
    doc = json.loads(run(capsys, "solve", BLOCKADE, "--method", "logit", "--json"))
    text = run(capsys, "solve", BLOCKADE, "--method", "logit", "--verbose")
    assert f"({len(doc['path'])} points)" in text


def test_one_equilibrium_is_singular(capsys):
    lemke = run(capsys, "solve", CFE_ALONE, "--method", "lemke-howson")
    assert "from 3 starting labels reached 1 distinct equilibrium;" in lemke
    assert "equilibrium 1: from Russia:Renew CFE, Russia:Suspend CFE, US:Build MD" in lemke
    assert "(s)" not in lemke and "1 distinct equilibria" not in lemke
    check = run(capsys, "check", CFE_ALONE)
    assert check.splitlines()[-1].startswith("2 of 2 predictions hold in 1 model:")


def test_plural_and_numbered():
    assert [plural(n, "equilibrium", "equilibria") for n in (0, 1, 2)] == ["0 equilibria", "1 equilibrium",
                                                                          "2 equilibria"]
    assert plural(1, "family", "families") == "1 family" and plural(3, "family", "families") == "3 families"
    assert numbered([4]) == "equilibrium 5" and numbered((0, 2, 5)) == "equilibria 1, 3 and 6"
