"""The web lab in a real browser: headless Chromium, driven by Selenium, against a server the test starts.

What a teacher does in class, checked on the page itself (``#status``, ``#equilibria li.equilibrium``,
``#param-NAME``, ``#error``... the element ids of the page's contract): open a model, read its equilibria,
type a parameter value and see the equilibria change, share the URL, open the blockade's normal form and
tree, type a bimatrix, type a wrong one.

Every expected equilibrium is derived by hand, in the comment at the top of the model file or below:

- ``cfe_md_package``: (Yes, Yes) pays (v_nomd - c_cfe + g + eps_a, v_cfe - v_md + g + eps_a) = (3, 1) at
  the defaults and (4 - 1 + 0 + 1/2, 3 - 2 + 0 + 1/2) = (7/2, 3/2) at eps_a = 1/2; (No, No) = (0, 0) is an
  equilibrium iff eps_a <= 0.
- ``serbia_blockade_offer``: with Delta = s*h + t - c_blockade (= 2s - 1 at the other defaults), the extreme
  equilibria at the defaults are (Offer, CB), (Offer, 3/4 CC + 1/4 CB), paying (-o, w) = (-1, 3), and (No offer,
  BB), paying (-sigma, Delta) = (-4, 2). (No offer, BB) is one iff Delta >= 0 and (No offer, CC) iff Delta <= 0,
  so the threshold is s = 1/2. At s = 1/4 (Delta = -1/2), by hand: Serbia's best replies are {CC, BC} to No
  offer, {CC} to a proper mixture and {CC, CB} to Offer; the West offers against y iff 3 y_CB >= y_CC + 4 y_BC.
  So the equilibria are (No offer, q CC + (1-q) BC) for q in [0, 1], paying (0, 0), and (Offer, q CC + (1-q) CB)
  for q <= 3/4, paying (-1, 3): four extreme equilibria.
- ``serbia_blockade_offer_tree``: backward induction gives (Offer; Cooperate if offered, Blockade if not), path
  Offer, Cooperate, payoffs (-1, 3); at s = 1/4 (Delta < 0) Serbia cooperates at both nodes and the West does
  not pay: path No offer, Cooperate, payoffs (0, 0).
- The prisoner's dilemma ``3,3 0,5; 5,0 1,1``: the second strategy strictly dominates the first for both
  players, so (R2, C2) with payoffs (1, 1) is the only equilibrium.

Chromium and ChromeDriver come from the system package manager (Debian: ``chromium``, ``chromium-driver``;
``.ci/run`` installs them when run as root). Without them these tests fail when ``CI`` is set and are skipped
otherwise, as the lrsnash tests are.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from web_browser import (
    ChromiumMissing,
    chromium_driver,
    equilibria_texts,
    find_chromium,
    lab_server,
    open_page,
    page_state,
    screenshot,
    set_field,
    wait_ready,
)

# each test loads the page and waits for the server: a second or more, like the other slow tests
pytestmark = [pytest.mark.browser, pytest.mark.slow]

Profile = frozenset[tuple[str, frozenset[tuple[str, Fraction]]]]
Shown = tuple[Profile, tuple[Fraction, ...]]

CFE_PLAYERS = {"Russia": ["Yes", "No"], "US": ["Yes", "No"]}
BLOCKADE_PLAYERS = {"West": ["Offer", "No offer"],
                    "Serbia": ["Cooperate always", "Cooperate only if offered", "Blockade only if offered",
                               "Blockade always"]}
CC, CB, BC, BB = BLOCKADE_PLAYERS["Serbia"]
TYPED_PLAYERS = {"Row": ["R1", "R2"], "Column": ["C1", "C2"]}


def _unavailable(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        find_chromium()
    except ChromiumMissing as exc:
        _unavailable(str(exc))
    with chromium_driver() as driver:
        yield driver


@pytest.fixture(scope="module")
def lab() -> Iterator[Any]:
    try:
        import flask  # noqa: F401  (the web extra, in the test extra too)
    except ImportError:
        _unavailable("flask is not installed: pip install -e '.[test]'")
    with lab_server() as server:
        yield server


# ------------------------------------------------------------------ reading an equilibrium off the page
def profile(**choices: str | dict[str, str]) -> Profile:
    """A strategy profile: a label for a pure choice, ``{label: "p"}`` for a mixed one (zeros left out)."""
    return frozenset((player, frozenset({(choice, Fraction(1))} if isinstance(choice, str) else
                                        {(label, Fraction(p)) for label, p in choice.items()}))
                     for player, choice in choices.items())


def shown(prof: Profile, *payoffs: str) -> Shown:
    return prof, tuple(Fraction(v) for v in payoffs)


NUMBER = r"-?\d+(?:/\d+)?"


def parse_mixture(segment: str, labels: list[str]) -> frozenset[tuple[str, Fraction]]:
    """A player's choice as printed: a label alone, or parts "label p" or "p label" apart by "·", "+" or ";"."""
    segment = segment.strip(" ;,")
    if segment in labels:
        return frozenset({(segment, Fraction(1))})
    found = set()
    for part in re.split(r"[·+;]", segment):
        m = re.fullmatch(rf"\s*(?:({NUMBER})\s+(.+?)|(.+?)\s+({NUMBER}))\s*", part)
        assert m, f"cannot read {part!r} of {segment!r} as a strategy and its probability"
        label, p = (m.group(2), m.group(1)) if m.group(1) else (m.group(3), m.group(4))
        assert label in labels, f"{label!r} is not one of {labels} (in {segment!r})"
        found.add((label, Fraction(p)))
    return frozenset(found)


def parse_payoffs(text: str, players: list[str]) -> tuple[Fraction, ...]:
    """The payoffs after the word "payoffs", in the order of ``players`` ("payoffs Russia 3, US 1")."""
    parts = re.split(r"(?i)payoffs?", text.replace("\u2212", "-"), maxsplit=1)  # \u2212: a typographic minus
    assert len(parts) == 2, f"no payoffs in {text!r}"
    values = []
    for player in players:
        m = re.search(rf"\b{re.escape(player)}:?\s*({NUMBER})", parts[1])
        assert m, f"no payoff of {player} in {text!r}"
        values.append(Fraction(m.group(1)))
    return tuple(values)


def parse_equilibrium(text: str, players: dict[str, list[str]]) -> Shown:
    """The profile and payoffs an ``li.equilibrium`` shows, e.g. "Russia: Yes US: Yes / payoffs Russia 3, US 1"."""
    head = re.split(r"(?i)payoffs?", text, maxsplit=1)[0]
    marks = sorted((m.start(), m.end(), p) for p in players for m in re.finditer(rf"\b{re.escape(p)}:", head))
    assert sorted(p for _, _, p in marks) == sorted(players), f"each player's choice is not shown once in {text!r}"
    choices = {}
    for k, (_, end, player) in enumerate(marks):
        stop = marks[k + 1][0] if k + 1 < len(marks) else len(head)
        choices[player] = parse_mixture(head[end:stop].strip().split("\n")[0], players[player])
    return frozenset(choices.items()), parse_payoffs(text, list(players))


def shown_equilibria(driver: Any, players: dict[str, list[str]]) -> set[Shown]:
    return {parse_equilibrium(text, players) for text in equilibria_texts(driver)}


def count_is(n: int):
    return lambda state: state["count"] == str(n) and len(state["equilibria"]) == n


# ------------------------------------------------------------------ the CFE/missile-defense package
CFE_DEFAULTS = {shown(profile(Russia="Yes", US="Yes"), "3", "1"), shown(profile(Russia="No", US="No"), "0", "0")}
CFE_EPS_HALF = {shown(profile(Russia="Yes", US="Yes"), "7/2", "3/2")}


def test_a_parameter_changes_the_equilibria_and_the_url(lab, browser, tmp_path):
    open_page(browser, f"{lab.url}?model=cfe_md_package", count_is(2))
    assert browser.find_element("id", "model-title").text == "CFE renewal for missile defense, linked in one package"
    assert shown_equilibria(browser, CFE_PLAYERS) == CFE_DEFAULTS
    assert "eps_a" not in unquote(browser.current_url)  # defaults are left out of the URL

    set_field(browser, "#param-eps_a", "1/2")
    wait_ready(browser, count_is(1))
    assert shown_equilibria(browser, CFE_PLAYERS) == CFE_EPS_HALF
    assert "eps_a=1/2" in unquote(browser.current_url)
    assert "eps_a=1/2" in unquote(browser.find_element("id", "share-link").text)
    assert browser.find_element("id", "error").text == ""

    png = screenshot(browser, tmp_path / "cfe_md_package.png")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000, len(data)


def test_a_shared_url_restores_the_state(lab, browser):
    open_page(browser, f"{lab.url}?model=cfe_md_package&eps_a=1/2", count_is(1))
    assert shown_equilibria(browser, CFE_PLAYERS) == CFE_EPS_HALF
    assert browser.find_element("id", "param-eps_a").get_attribute("value") == "1/2"
    assert "eps_a=1/2" in unquote(browser.current_url)


# ------------------------------------------------------------------ the blockade: normal form, then tree
BLOCKADE_DEFAULTS = {
    shown(profile(West="Offer", Serbia=CB), "-1", "3"),
    shown(profile(West="Offer", Serbia={CC: "3/4", CB: "1/4"}), "-1", "3"),
    shown(profile(West="No offer", Serbia=BB), "-4", "2"),
}
BLOCKADE_LITTLE_SPITE = {
    shown(profile(West="Offer", Serbia=CB), "-1", "3"),
    shown(profile(West="Offer", Serbia={CC: "3/4", CB: "1/4"}), "-1", "3"),
    shown(profile(West="No offer", Serbia=CC), "0", "0"),
    shown(profile(West="No offer", Serbia=BC), "0", "0"),
}


def test_the_blockade_threat_disappears_below_the_spite_threshold(lab, browser):
    open_page(browser, f"{lab.url}?model=serbia_blockade_offer", count_is(3))
    assert shown_equilibria(browser, BLOCKADE_PLAYERS) == BLOCKADE_DEFAULTS
    # s = 1/4 < 1/2: Delta = 2s - 1 < 0, the blockade without an offer no longer pays
    set_field(browser, "#param-s", "1/4")
    wait_ready(browser, count_is(4))
    assert shown_equilibria(browser, BLOCKADE_PLAYERS) == BLOCKADE_LITTLE_SPITE
    assert "s=1/4" in unquote(browser.current_url)


def tree_path(text: str) -> list[str]:
    m = re.search(r"(?i)path:?\s*(.+)", text)
    assert m, f"no path in {text!r}"
    return [step.strip() for step in re.split(r"→|->|,", m.group(1).splitlines()[0]) if step.strip()]


def has_tree_svg(state: dict[str, Any], driver: Any) -> bool:
    return bool(driver.execute_script("return document.querySelector('#tree-figure svg') !== null"))


def test_the_blockade_tree_shows_its_subgame_perfect_path(lab, browser):
    open_page(browser, f"{lab.url}?model=serbia_blockade_offer_tree",
              lambda s: count_is(1)(s) and has_tree_svg(s, browser))
    (text,) = equilibria_texts(browser)
    assert tree_path(text) == ["Offer", "Cooperate"]
    assert parse_payoffs(text, ["West", "Serbia"]) == (Fraction(-1), Fraction(3))

    set_field(browser, "#param-s", "1/4")
    wait_ready(browser, lambda s: count_is(1)(s) and "No offer" in s["equilibria"][0])
    (text,) = equilibria_texts(browser)
    assert tree_path(text) == ["No offer", "Cooperate"]
    assert parse_payoffs(text, ["West", "Serbia"]) == (Fraction(0), Fraction(0))
    assert has_tree_svg(page_state(browser), browser)


# ------------------------------------------------------------------ a typed bimatrix, and a wrong one
def type_game(driver: Any, text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(By.ID, "model-select")).select_by_value("")
    set_field(driver, "#typed-game", text, enter=False)
    driver.find_element(By.ID, "typed-solve").click()


def test_a_typed_prisoners_dilemma(lab, browser):
    open_page(browser, f"{lab.url}?model=cfe_md_package", count_is(2))
    type_game(browser, "3,3 0,5; 5,0 1,1")
    wait_ready(browser, lambda s: count_is(1)(s) and "R2" in s["equilibria"][0])
    assert shown_equilibria(browser, TYPED_PLAYERS) == {shown(profile(Row="R2", Column="C2"), "1", "1")}
    assert "game=" in browser.current_url


def test_edit_these_payoffs_then_change_one(lab, browser):
    from selenium.webdriver.common.by import By

    open_page(browser, f"{lab.url}?model=cfe_md_package&eps_a=1/2", count_is(1))
    browser.find_element(By.ID, "edit-typed").click()
    state = wait_ready(browser, lambda s: "7/2,3/2" in (browser.find_element(By.ID, "typed-game")
                                                        .get_attribute("value") or ""))
    typed = browser.find_element(By.ID, "typed-game").get_attribute("value")
    # the package at eps_a = 1/2, cell by cell (the module docstring's payoffs; a lone Yes earns eps_a)
    assert typed.split("\n") == ["Russia: Yes No; US: Yes No", "7/2,3/2  1/2,0", "0,1/2    0,0"], typed
    assert state["error"] == ""
    # the class asks: what if the swap cost Russia more than it gains, (Yes, Yes) paying Russia -1? By hand:
    # US's Yes now dominates (1 > 0 and 1/2 > 0); against Yes, Russia's No (0) beats Yes (-1): (No, Yes), (0, 1/2)
    set_field(browser, "#typed-game", typed.replace("7/2,3/2", "-1,1"), enter=False)
    browser.find_element(By.ID, "typed-solve").click()
    wait_ready(browser, lambda s: count_is(1)(s) and "No" in s["equilibria"][0])
    assert shown_equilibria(browser, CFE_PLAYERS) == {shown(profile(Russia="No", US="Yes"), "0", "1/2")}


def test_a_ragged_typed_game_shows_one_error_line(lab, browser):
    open_page(browser, f"{lab.url}?model=cfe_md_package", count_is(2))
    type_game(browser, "1,1 2,2; 3,3")
    state = wait_ready(browser, lambda s: bool(s["error"]), state="error")
    error = state["error"]
    # one line about the input, not a crash: the parser's message, never a traceback or an internal error
    assert "\n" not in error and "Traceback" not in error and "internal error" not in error, error
    assert browser.find_element("id", "error").is_displayed()


# ------------------------------------------------------------------ the teacher's walk-through opens as written
WALK_THROUGH = Path(__file__).resolve().parent.parent / "docs" / "web_lab.md"
DOC_URL = re.compile(r"<http://127\.0\.0\.1:8000/(\?[^>\s]+)>")


def test_every_url_of_the_walk_through_opens(lab, browser):
    queries = DOC_URL.findall(WALK_THROUGH.read_text(encoding="utf-8"))
    assert len(queries) >= 10, queries  # the CFE trade and the blockade, step by step
    for query in queries:
        state = open_page(browser, lab.url + query, lambda s: int(s["count"] or 0) >= 1)
        assert state["error"] == "", (query, state["error"])
        # the page restores what the link says: the same keys and values back in its address (in its own order)
        assert sorted(parse_qsl(urlsplit(state["url"]).query)) == sorted(parse_qsl(query[1:])), (query, state["url"])
