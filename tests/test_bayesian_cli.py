"""Incomplete information from the command line: signaling models, .efg trees of signaling shape, the article model.

Every expected value is worked out by hand in the comments (never copied from the program's output).

The article model (models/serbia_resolve_signaling.toml): Serbia is tough with prior p, bluffing with 1 - p; it
stands up (cost k_tough = 1/2 or k_bluff = 4) or stays quiet; the West offers (cost o = 1, paid when Serbia
cooperates, which it always does once offered since w = 3 > Delta) or not (then a tough Serbia blockades: Serbia
gets Delta = s*h + t - c_blockade = 3 + 1 - 2 = 2, the West -sigma = -4; a bluffing one cooperates: 0, 0).
The West offers after a message iff its belief in "tough" is >= o/sigma = 1/4. A bluffing Serbia never stands up
(w - k_bluff = -1 < 0 <= anything staying quiet gives). So a tough Serbia stands up with probability x:
- x = 1, separating: after "Stand up" belief 1 (offer), after "Stay quiet" belief 0 (no offer); the tough type
  gets w - k_tough = 5/2 >= Delta = 2 by standing up: a PBE at every prior;
- x = 0, pooling on "Stay quiet": belief p after it; p >= 1/4: offer (any belief after "Stand up": both types'
  best payoff there, w - k, is below w); p < 1/4: no offer, and after "Stand up" the West must not offer more
  than half the time (tough: q*3 + (1 - q)*2 - 1/2 <= 2 iff q <= 1/2), so the belief there is at most 1/4;
  the intuitive criterion removes it (only the tough type could gain by standing up, and 5/2 > 2);
- 0 < x < 1, hybrid: the tough type is indifferent, so the West offers with r after quiet, 3r + 2(1 - r) = 5/2,
  r = 1/2; the West mixes only at belief 1/4: p(1 - x)/(p(1 - x) + 1 - p) = 1/4, at p = 1/2 x = 2/3; it exists
  iff p > 1/4.
Three families at p = 1/2, two at p = 1/5 (pooling without the offer, failing the criterion, and separating).
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

import pytest

from gametheory.cli import main
from gametheory.errors import InputError
from gametheory.io import load_any, load_source, load_tree
from gametheory.io.model import SignalingModel, load_any_model, parse_signaling_model

ROOT = Path(__file__).resolve().parents[1]
ARTICLE_MODEL = ROOT / "models" / "serbia_resolve_signaling.toml"

# Beer-quiche (Cho and Kreps 1987) with prior 9/10 on "strong": the sender gets 1 for its favourite breakfast
# (beer when strong, quiche when weak) and 2 for not being challenged; the receiver gets 1 for duelling a weak
# sender or not duelling a strong one.  By hand: two pooling families (both types beer, not duelled, with the
# belief after quiche at most 1/2 and a duel there; both quiche, likewise after beer); the intuitive criterion
# keeps only beer (after quiche only the weak type could gain: strong gets 3 with beer, at most 2 with quiche).
BEER_QUICHE = """
title = "Beer-quiche"
[signaling]
sender = "Sender"
receiver = "Receiver"
messages = ["beer", "quiche"]
actions = ["duel", "not"]
[[types]]
name = "strong"
prior = 0.9
[[types]]
name = "weak"
prior = 0.1
""" + "".join(
    f'[[payoffs]]\ntype = "{t}"\nmessage = "{m}"\naction = "{a}"\n'
    f'values = [{(1 if m == fav else 0) + (2 if a == "not" else 0)}, {1 if (a == "duel") == (t == "weak") else 0}]\n'
    for t, fav in (("strong", "beer"), ("weak", "quiche")) for m in ("beer", "quiche") for a in ("duel", "not")
)


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


@pytest.fixture()
def beer_quiche(tmp_path: Path) -> Path:
    path = tmp_path / "beer_quiche.toml"
    path.write_text(BEER_QUICHE, encoding="utf-8")
    return path


# ------------------------------------------------------------------ reading
def test_the_article_model_reads_into_the_game_written_by_hand():
    model = load_any_model(ARTICLE_MODEL)
    assert isinstance(model, SignalingModel) and model.players == ("Serbia", "West")
    game = model.game_at()
    assert game.types == ("tough", "bluffing") and game.messages == ("Stand up", "Stay quiet")
    assert dict(game.prior) == {"tough": Fraction(1, 2), "bluffing": Fraction(1, 2)}
    assert game.actions("Stay quiet") == ("Offer", "No offer")
    # w - k_tough = 5/2; Delta - k_tough = 3/2; Delta = 2; w - k_bluff = -1; -k_bluff = -4
    assert game.payoff("tough", "Stand up", "Offer") == (Fraction(5, 2), -1)
    assert game.payoff("tough", "Stand up", "No offer") == (Fraction(3, 2), -4)
    assert game.payoff("tough", "Stay quiet", "No offer") == (2, -4)
    assert game.payoff("bluffing", "Stand up", "Offer") == (-1, -1)
    assert game.payoff("bluffing", "Stand up", "No offer") == (-4, 0)
    assert game.payoff("bluffing", "Stay quiet", "No offer") == (0, 0)
    assert dict(model.game_at({"p": "1/5"}).prior) == {"tough": Fraction(1, 5), "bluffing": Fraction(4, 5)}


def test_the_article_models_quotes_are_sentences_of_the_article(article_text):
    model = load_any_model(ARTICLE_MODEL)
    quotes = [*model.quotes, *(p.quote for p in model.parameters.values()), *(p.quote for p in model.predictions)]
    assert model.quotes and all(q in article_text for q in quotes if q), [q for q in quotes if q not in article_text]


def test_loaders_give_the_signaling_game_its_tree_or_a_clear_refusal():
    game, model = load_any(ARTICLE_MODEL)
    assert type(game).__name__ == "SignalingGame" and isinstance(model, SignalingModel)
    tree = load_tree(ARTICLE_MODEL)
    # chance (1) + 2 sender nodes + 4 receiver nodes + 8 terminal nodes
    assert tree.num_nodes == 15 and [tree.infoset_key(k) for k in tree.infosets("West")] == ["Stand up", "Stay quiet"]
    with pytest.raises(InputError, match="holds a signaling game, not a normal-form game"):
        load_source(ARTICLE_MODEL)


BAD = [
    # priors not summing to 1
    ('prior = 0.9', 'prior = 0.8', r"the priors of the types sum to 9/10, not 1"),
    # a type with no payoff: the last triple of "weak" is missing
    ('[[payoffs]]\ntype = "weak"\nmessage = "quiche"\naction = "not"\nvalues = [3, 0]\n', "",
     r"no payoffs for type 'weak', message 'quiche', action 'not'"),
    ('message = "beer"\naction = "duel"\nvalues = [1, 0]', 'message = "beer"\naction = "duel"\nvalues = [1, 0, 2]',
     r"expected 2 payoffs"),
    ('name = "weak"', 'name = "strong"', r"duplicate type 'strong'"),
    ('prior = 0.1', 'prior = 0', r"the prior of type 'weak' is 0"),
    ('prior = 0.1', 'prior = "1/10 +"', r"prior"),
    ('type = "strong"\nmessage = "beer"\naction = "duel"', 'type = "average"\nmessage = "beer"\naction = "duel"',
     r"unknown type 'average'"),
    ('receiver = "Receiver"', 'receiver = "Sender"', r"the sender and the receiver are both"),
]


@pytest.mark.parametrize("old,new,message", BAD, ids=[b[2][:30] for b in BAD])
def test_bad_signaling_models_exit_2_with_one_error_line(tmp_path, capsys, old, new, message):
    assert old in BEER_QUICHE
    path = tmp_path / "bad.toml"
    path.write_text(BEER_QUICHE.replace(old, new, 1), encoding="utf-8")
    for command in ("solve", "info"):
        code, out, err = cli(capsys, command, str(path))
        assert code == 2 and out == ""
        line = one_error_line(err)
        assert str(path) in line
        assert re.search(message, line), line


def test_symbolic_priors_must_sum_to_1_for_every_value():
    text = BEER_QUICHE.replace("prior = 0.9", 'prior = "q"').replace("prior = 0.1", 'prior = "1/10"')
    text = text.replace("[signaling]", '[parameters.q]\ndefault = 0.9\nrange = [0, 1]\nmeaning = "m"\n[signaling]')
    # q + 1/10 is 1 at the default 9/10 only: refused, at the line of the first type's prior
    with pytest.raises(InputError, match="sums to"):
        parse_signaling_model(text, "bq.toml")
    ok = parse_signaling_model(text.replace('prior = "1/10"', 'prior = "1 - q"'), "bq.toml")
    assert dict(ok.game_at({"q": "1/4"}).prior) == {"strong": Fraction(1, 4), "weak": Fraction(3, 4)}
    with pytest.raises(InputError, match=r"the prior of type 'strong' is 0") as info:
        ok.game_at({"q": 0})
    assert info.value.line == text.splitlines().index('prior = "q"') + 1


def test_a_parameter_value_that_breaks_the_prior_exits_2(capsys):
    code, _, err = cli(capsys, "solve", str(ARTICLE_MODEL), "--param", "p=1")
    assert code == 2
    assert "the prior of type 'bluffing' is 0" in one_error_line(err)


def test_normal_form_commands_refuse_a_signaling_model_with_one_line(capsys):
    for argv in (("conditions", str(ARTICLE_MODEL)), ("repeated", str(ARTICLE_MODEL)),
                 ("convert", str(ARTICLE_MODEL), "--to", "toml")):
        code, out, err = cli(capsys, *argv)
        assert code == 2 and out == "", argv
        assert "signaling" in one_error_line(err)


def test_pbe_on_a_normal_form_game_or_a_tree_of_another_shape_exits_2(tmp_path, capsys):
    code, _, err = cli(capsys, "solve", str(ROOT / "models" / "md_alone.toml"), "--method", "pbe")
    assert code == 2 and "solves signaling games" in one_error_line(err)
    entry = tmp_path / "entry.efg"
    entry.write_text('EFG 2 R "Entry" { "Entrant" "Incumbent" }\np "" 1 1 "" { "Out" "In" } 0\n'
                     't "" 1 "Out" { 0, 2 }\np "" 2 1 "" { "Fight" "Accommodate" } 0\n'
                     't "" 2 "Fight" { -1, -1 }\nt "" 3 "Accommodate" { 1, 1 }\n')
    code, _, err = cli(capsys, "solve", str(entry), "--method", "pbe")
    assert code == 2 and "not a signaling game: the root must be a chance move" in one_error_line(err)


# ------------------------------------------------------------------ info, convert, tree methods
def test_info_lists_types_prior_messages_and_formulas(capsys):
    code, out, _ = cli(capsys, "info", str(ARTICLE_MODEL), "--param", "p=1/5")
    assert code == 0
    assert "types of Serbia (prior): tough 1/5, bluffing 4/5" in out
    assert "tough, Stand up, Offer: 5/2, -1" in out and "prior formulas: tough p, bluffing 1 - p" in out
    assert "quotes:" in out


def test_convert_to_efg_and_back_is_the_same_game(tmp_path, capsys):
    out_path = tmp_path / "resolve.efg"
    code, _, _ = cli(capsys, "convert", str(ARTICLE_MODEL), "--to", "efg", "-o", str(out_path))
    assert code == 0
    from gametheory.bayesian.signaling import SignalingGame

    game, _ = load_any(ARTICLE_MODEL)
    assert SignalingGame.from_tree(load_tree(out_path)) == game


def test_a_tree_method_solves_the_signaling_games_tree(capsys):
    # the whole tree is one subgame, so spe gives its extreme Nash equilibria (a superset of the PBE outcomes):
    # the separating one, the hybrid one, and pooling on quiet with the offer (two off-path answers)
    code, out, _ = cli(capsys, "solve", str(ARTICLE_MODEL), "--method", "spe", "--json")
    assert code == 0
    doc = json.loads(out)
    tough = sorted(eq["behavior"]["Serbia"]["tough"]["Stand up"] for eq in doc["equilibria"])
    assert tough == ["0", "0", "1", "2/3"]


# ------------------------------------------------------------------ pbe
def families(doc: dict) -> list[dict]:
    return doc["equilibria"]


def test_solve_the_article_model_lists_three_families_at_the_default_prior(capsys):
    code, out, _ = cli(capsys, "solve", str(ARTICLE_MODEL), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["method"] == "pbe" and doc["complete"] is True
    fams = {f["kind"]: f for f in families(doc)}
    assert sorted(fams) == ["hybrid", "pooling", "separating"] and len(families(doc)) == 3
    sep, pool, hyb = fams["separating"], fams["pooling"], fams["hybrid"]
    # the tree contract: behaviour by player and information set key (the type for Serbia, the message for the West)
    assert sep["behavior"]["Serbia"]["tough"]["Stand up"] == "1"
    assert sep["behavior"]["Serbia"]["bluffing"]["Stay quiet"] == "1"
    assert sep["behavior"]["West"]["Stand up"]["Offer"] == "1"
    assert sep["behavior"]["West"]["Stay quiet"]["No offer"] == "1"
    assert sep["beliefs"]["Stand up"]["tough"] == "1" and sep["beliefs"]["Stay quiet"]["tough"] == "0"
    assert pool["behavior"]["West"]["Stay quiet"]["Offer"] == "1" and pool["beliefs"]["Stay quiet"]["tough"] == "1/2"
    assert pool["beliefs"]["Stand up"]["tough"] == ["0", "1"]  # off the path: any belief supports it
    assert hyb["behavior"]["Serbia"]["tough"]["Stand up"] == "2/3"
    assert hyb["behavior"]["West"]["Stay quiet"]["Offer"] == "1/2"
    assert hyb["beliefs"]["Stay quiet"]["tough"] == "1/4"
    assert sep["intuitive"] is True and pool["intuitive"] is True and hyb["intuitive"] is True


def test_below_the_prior_o_over_sigma_the_quiet_serbia_is_not_offered(capsys):
    code, out, _ = cli(capsys, "solve", str(ARTICLE_MODEL), "--param", "p=1/5", "--json")
    assert code == 0
    fams = {f["kind"]: f for f in families(json.loads(out))}
    assert sorted(fams) == ["pooling", "separating"]
    pool = fams["pooling"]
    assert pool["behavior"]["West"]["Stay quiet"]["No offer"] == "1" and pool["intuitive"] is False
    assert pool["beliefs"]["Stand up"]["tough"] == ["0", "1/4"]
    assert fams["separating"]["intuitive"] is True


def test_the_offer_threshold_is_o_over_sigma():
    # the pooling family offers to a quiet Serbia exactly when p >= o/sigma; with o = 2, sigma = 5 that is 2/5
    from gametheory.bayesian.pbe import pbe_solve

    model = load_any_model(ARTICLE_MODEL)
    for p, offered in (("39/100", False), ("41/100", True)):
        result = pbe_solve(model.game_at({"p": p, "o": 2, "sigma": 5}))
        (pool,) = [f for f in result.families if f.kind == "pooling"]
        assert (pool.receiver["Stay quiet"].get("Offer", 0) == 1) is offered, p


def test_an_efg_of_signaling_shape_solves_with_method_pbe_as_the_model_does(tmp_path, capsys):
    efg = tmp_path / "resolve.efg"
    assert cli(capsys, "convert", str(ARTICLE_MODEL), "--to", "efg", "-o", str(efg))[0] == 0
    code, from_efg, _ = cli(capsys, "solve", str(efg), "--method", "pbe", "--json")
    assert code == 0
    code, from_model, _ = cli(capsys, "solve", str(ARTICLE_MODEL), "--json")
    assert json.loads(from_efg)["equilibria"] == json.loads(from_model)["equilibria"]


def test_beer_quiche_from_a_model_file(beer_quiche, capsys):
    code, out, _ = cli(capsys, "solve", str(beer_quiche), "--json")
    assert code == 0
    fams = families(json.loads(out))
    assert [f["kind"] for f in fams] == ["pooling", "pooling"]
    by_message = {next(m for m, p in f["behavior"]["Sender"]["strong"].items() if p == "1"): f for f in fams}
    assert by_message["beer"]["intuitive"] is True and by_message["quiche"]["intuitive"] is False
    assert by_message["beer"]["behavior"]["Receiver"]["beer"]["not"] == "1"
    code, text, _ = cli(capsys, "solve", str(beer_quiche))
    assert code == 0 and "pooling" in text


# ------------------------------------------------------------------ check and the models README
def test_check_verifies_the_article_models_predictions(capsys):
    code, out, _ = cli(capsys, "check", str(ARTICLE_MODEL), "--json")
    doc = json.loads(out)
    (m,) = doc["models"]
    assert code == 0 and m["all_hold"], [p["reason"] for p in m["predictions"] if p["status"] != "holds"]
    kinds = [p["kind"] for p in m["predictions"]]
    assert {"pooling", "separating", "hybrid", "pbe_count"} <= set(kinds)


def test_a_false_claim_fails(tmp_path, capsys):
    text = ARTICLE_MODEL.read_text(encoding="utf-8").replace("count = 3", "count = 4", 1)
    path = tmp_path / "wrong.toml"
    path.write_text(text, encoding="utf-8")
    code, out, _ = cli(capsys, "check", str(path))
    assert code == 1 and "fails" in out and "3 PBE families" in out


def test_bad_signaling_predictions_are_refused_with_their_line():
    text = ARTICLE_MODEL.read_text(encoding="utf-8")
    bad = text.replace('profile = { Serbia = { tough = "Stay quiet", bluffing = "Stay quiet" }, West = { "Stay quiet" '
                       '= "Offer" } }\nintuitive = true', 'profile = { Serbia = { tough = "Stand up", bluffing = '
                       '"Stay quiet" }, West = { "Stay quiet" = "Offer" } }\nintuitive = true', 1)
    assert bad != text
    with pytest.raises(InputError, match="a pooling profile has every type send the same message"):
        parse_signaling_model(bad, "m.toml")
    with pytest.raises(InputError, match="kind must be one of pbe_count, pooling, separating, hybrid"):
        parse_signaling_model(text.replace('kind = "hybrid"', 'kind = "equilibrium"'), "m.toml")


# ------------------------------------------------------------------ Bayesian normal-form models
# Osborne (2004, ch. 9): player 2 wishes to meet player 1 (BoS payoffs) or to avoid her, each with probability 1/2.
# By hand: the one pure Bayesian equilibrium is (B; meet B, avoid S) (against S, player 1 gets 1/2 from S and 1
# from B); mixing, (1/3 B; meet S, avoid 2/3 B) makes the avoiding type indifferent (2/3 either way) and player 1
# too (B: 1/2 * 2 * 2/3 = 2/3, S: 1/2 + 1/2 * 1/3 = 2/3), and symmetrically (2/3 B; meet 2/3 B, avoid S).
BOS = ROOT / "docs" / "examples" / "bayesian" / "battle_of_the_sexes.toml"


def test_solve_a_bayesian_model_gives_type_contingent_strategies(capsys):
    code, out, _ = cli(capsys, "solve", str(BOS), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["complete"] is True and doc["exact"] is True
    found = sorted((eq["strategies"]["Player 1"]["-"]["B"], eq["strategies"]["Player 2"]["meet"]["B"],
                    eq["strategies"]["Player 2"]["avoid"]["B"]) for eq in doc["equilibria"])
    assert found == [("1", "1", "0"), ("1/3", "0", "2/3"), ("2/3", "2/3", "0")]
    code, out, _ = cli(capsys, "solve", str(BOS), "--method", "pure", "--json")
    (eq,) = json.loads(out)["equilibria"]
    assert eq["strategies"]["Player 2"] == {"meet": {"B": "1", "S": "0"}, "avoid": {"B": "0", "S": "1"}}


def test_a_bayesian_model_at_another_prior(capsys):
    # p = 1 is complete information about player 2 (meet): BoS, whose pure equilibria are (B, B) and (S, S); the
    # avoiding type has probability 0 and no agent
    code, out, _ = cli(capsys, "solve", str(BOS), "--param", "p=1", "--method", "pure", "--json")
    assert code == 0
    pure = sorted((eq["strategies"]["Player 1"]["-"]["B"], eq["strategies"]["Player 2"]["meet"]["B"])
                  for eq in json.loads(out)["equilibria"])
    assert pure == [("0", "0"), ("1", "1")]


def test_info_convert_and_check_on_a_bayesian_model(capsys):
    code, out, _ = cli(capsys, "info", str(BOS))
    assert code == 0 and "type-agent form" in out and "-, avoid: 1/2" in out
    code, out, _ = cli(capsys, "convert", str(BOS), "--to", "nfg")
    assert code == 0 and '{ "Player 1 (-)" "Player 2 (meet)" "Player 2 (avoid)" }' in out
    code, out, _ = cli(capsys, "check", str(BOS))
    assert code == 0 and "2 of 2 predictions hold" in out
    for argv in (("convert", str(BOS), "--to", "efg"), ("solve", str(BOS), "--method", "pbe"),
                 ("conditions", str(BOS))):
        code, out, err = cli(capsys, *argv)
        assert code == 2 and out == "", argv
        assert "Bayesian" in one_error_line(err) or "pbe" in one_error_line(err)


@pytest.mark.parametrize("old,new,message", [
    ('"Player 2" = { meet = "p", avoid = "1 - p" }', '"Player 2" = { meet = "p", avoid = "1/3" }', "sum"),
    ('types = ["-", "meet"]\nprofile = ["B", "B"]', 'types = ["-", "meet"]\nprofile = ["B", "Q"]', "Q"),
])
def test_bad_bayesian_models_exit_2_with_one_error_line(tmp_path, capsys, old, new, message):
    text = BOS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "bad.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, out, err = cli(capsys, "solve", str(path))
    assert code == 2 and out == "" and message in one_error_line(err)


def test_the_python_api_solves_both_kinds():
    from gametheory import solve
    from gametheory.bayesian.pbe import beer_quiche

    result = solve(beer_quiche())
    assert sorted(f.kind for f in result.families) == ["pooling", "pooling"]
    bos, _ = load_any(BOS)
    assert len(solve(bos, method="pure").equilibria) == 1
