"""Draw the web lab's screenshots for the README: ``python docs/screenshots.py`` (from the repository root).

Writes ``docs/figures/web_lab_cfe.png`` (the CFE/missile-defense package with eps_a = 1/2: one equilibrium,
(Yes, Yes) at (7/2, 3/2); the region map along eps_a: two equilibria at 0, the swap alone above) and
``docs/figures/web_lab_blockade.png`` (the blockade as a tree, its subgame-perfect path Offer, Cooperate),
through the browser fixtures of the end-to-end test (``tests/web_browser.py``): a lab server on a free loopback
port and Debian's headless Chromium. The page is shown as a class sees it, a window 1400 pixels wide; the
picture is as tall as the page (at most 4000 pixels).

Needs ``pip install -e '.[test]'`` (Flask, Selenium) and Chromium with ChromeDriver from the system package
manager (Debian/Ubuntu: ``apt-get install chromium chromium-driver``). ``-o DIR`` writes elsewhere.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from web_browser import ChromiumMissing, chromium_driver, lab_server, open_page, screenshot  # noqa: E402

#: (file name, query, what must be on the page before the picture is taken)
SHOTS: list[tuple[str, str, str]] = [
    ("web_lab_cfe.png", "?model=cfe_md_package&eps_a=1/2&vary=eps_a",
     "document.querySelector('#equilibria').dataset.count === '1'"
     " && document.querySelector('#game-figure svg') !== null"
     " && document.querySelector('#region-figure svg') !== null"),
    ("web_lab_blockade.png", "?model=serbia_blockade_offer_tree",
     "document.querySelector('#equilibria').dataset.count === '1'"
     " && document.querySelector('#tree-figure svg') !== null"),
]

WIDTH, MAX_HEIGHT = 1400, 4000


def take(driver: Any, url: str, ready_js: str, path: Path) -> Path:
    """Open ``url``, wait until the page is ready and ``ready_js`` is true, and save the whole page as a PNG."""
    driver.set_window_size(WIDTH, 1800)
    open_page(driver, url, lambda _: bool(driver.execute_script(f"return {ready_js};")))
    # the window is taller than the page's viewport by the browser's frame: size it so that the viewport holds
    # the whole page (twice: the layout may grow once the scroll bar is gone)
    for _ in range(2):
        frame = int(driver.execute_script("return window.outerHeight - window.innerHeight"))
        height = int(driver.execute_script("return document.documentElement.scrollHeight"))
        driver.set_window_size(WIDTH, min(height, MAX_HEIGHT) + frame)
    driver.execute_script("window.scrollTo(0, 0)")
    screenshot(driver, path)
    _fewer_colours(path)
    return path


def _fewer_colours(path: Path) -> None:
    """Rewrite the PNG with a 256-colour palette (a third of the size; the page is flat colours and text)."""
    try:
        from PIL import Image  # Pillow comes with matplotlib
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "figures", help="folder of the PNGs")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not one line per request
    try:
        with lab_server(ROOT / "models") as server, chromium_driver() as driver:
            for name, query, ready_js in SHOTS:
                path = take(driver, server.url + query, ready_js, args.output / name)
                print(f"{path}: {path.stat().st_size} bytes")
    except ChromiumMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
