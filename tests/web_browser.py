"""Browser fixtures for the web lab: a lab server in a thread and a headless Chromium driven by Selenium.

Shared by ``tests/test_web_e2e.py`` and ``docs/screenshots.py`` (which draws the README's screenshots with
the same browser and server), so the pictures show what the test checks.

- :func:`lab_server` starts ``gametheory.web.start_server(models_dir, port=0)`` (a free port chosen by the
  system, never a fixed one) and shuts it down on exit.
- :func:`chromium_driver` starts Debian's ``chromium`` through its ``chromedriver`` (``/usr/bin``, else the
  ones on PATH), headless, with the flags a root CI container needs (``--no-sandbox``,
  ``--disable-dev-shm-usage``). The driver's path is given, so Selenium Manager never downloads one.
  :func:`find_chromium` raises :class:`ChromiumMissing` when either program is absent.
- :func:`wait_ready` waits for the page's ``#status[data-state=ready]`` (and an optional condition), and
  says what the page showed when it times out; :func:`equilibria_texts` reads ``#equilibria li.equilibrium``.

Chromium and ChromeDriver come from the system package manager (Debian/Ubuntu: ``apt-get install chromium
chromium-driver``), not from PyPI; ``.ci/run`` installs them when run as root.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: The repository's models, served by default.
MODELS_DIR = Path(__file__).resolve().parent.parent / "models"

#: What to install when Chromium or ChromeDriver is missing (the tests print it when they fail or skip).
INSTALL_HINT = ("install chromium and chromium-driver (Debian/Ubuntu: apt-get install chromium chromium-driver; "
                ".ci/run does it when run as root)")

#: Seconds to wait for the page to be ready: a recomputation with its figures on a busy 2-core machine.
TIMEOUT = 30.0

CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1800")


class ChromiumMissing(RuntimeError):
    """Chromium, ChromeDriver or Selenium is not installed; the message says what to install."""


def find_chromium() -> tuple[str, str]:
    """The paths of the Chromium binary and of ChromeDriver: ``/usr/bin`` first (Debian), else PATH.

    Raises
    ------
    ChromiumMissing
        When either is missing, or when Selenium cannot be imported.
    """
    try:
        import selenium  # noqa: F401  (only checks that the test extra is installed)
    except ImportError as exc:
        raise ChromiumMissing(f"selenium is not installed ({exc}): pip install -e '.[test]'") from exc
    binary = _first_executable("/usr/bin/chromium", "chromium", "chromium-browser")
    driver = _first_executable("/usr/bin/chromedriver", "chromedriver")
    missing = [name for name, path in (("chromium", binary), ("chromedriver", driver)) if path is None]
    if missing:
        raise ChromiumMissing(f"{' and '.join(missing)} not found: {INSTALL_HINT}")
    assert binary is not None and driver is not None
    return binary, driver


def _first_executable(*candidates: str) -> str | None:
    for candidate in candidates:
        if os.path.isabs(candidate):
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return candidate
        else:
            found = shutil.which(candidate)
            if found:
                return found
    return None


@contextmanager
def lab_server(models_dir: str | Path = MODELS_DIR, **app_options: Any) -> Iterator[Any]:
    """A running lab server (``gametheory.web.LabServer``: ``.url``, ``.port``) on a free loopback port.

    The server runs in a daemon thread and is shut down when the block ends, even on an error.
    """
    from gametheory.web import start_server

    server = start_server(str(models_dir), port=0, **app_options)
    try:
        yield server
    finally:
        server.shutdown()


@contextmanager
def chromium_driver() -> Iterator[Any]:
    """A headless Chromium under Selenium (``selenium.webdriver.Chrome``), quit when the block ends.

    Raises
    ------
    ChromiumMissing
        When Chromium, ChromeDriver or Selenium is missing.
    """
    binary, driver_path = find_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        driver.set_page_load_timeout(TIMEOUT)
        yield driver
    finally:
        driver.quit()


def page_state(driver: Any) -> dict[str, Any]:
    """What the page shows now: status, error line, equilibria texts and count, URL (for failure messages)."""
    return driver.execute_script(
        """
        const status = document.querySelector('#status');
        const error = document.querySelector('#error');
        const list = document.querySelector('#equilibria');
        return {
            state: status ? status.getAttribute('data-state') : null,
            error: error ? error.textContent.trim() : null,
            count: list ? list.getAttribute('data-count') : null,
            equilibria: Array.from(document.querySelectorAll('#equilibria li.equilibrium'))
                .map(li => li.innerText.trim()),
            url: window.location.href,
        };
        """
    )


def wait_ready(driver: Any, condition: Callable[[dict[str, Any]], bool] | None = None,
               timeout: float = TIMEOUT, state: str = "ready") -> dict[str, Any]:
    """Wait until ``#status`` has ``data-state=state`` (``ready``) and ``condition(page_state)`` holds.

    A recomputation may not have started when the test looks (the status is still the old ``ready``), so a
    test that changed something passes a condition on what must change. Returns the page state; raises
    ``AssertionError`` with the last state seen when the timeout passes.
    """
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    seen: dict[str, Any] = {}

    def done(drv: Any) -> bool:
        seen.clear()
        seen.update(page_state(drv))
        return seen["state"] == state and (condition is None or bool(condition(seen)))

    try:
        WebDriverWait(driver, timeout, poll_frequency=0.1).until(done)
    except TimeoutException:
        raise AssertionError(f"the page did not reach data-state={state!r} with the expected content within "
                             f"{timeout:g} s; it showed {seen}") from None
    return dict(seen)


def equilibria_texts(driver: Any) -> list[str]:
    """The visible text of every ``#equilibria li.equilibrium``, in order."""
    from selenium.webdriver.common.by import By

    return [li.text.strip() for li in driver.find_elements(By.CSS_SELECTOR, "#equilibria li.equilibrium")]


def open_page(driver: Any, url: str, condition: Callable[[dict[str, Any]], bool] | None = None,
              state: str = "ready") -> dict[str, Any]:
    """Load ``url`` and wait until the page is ready (and ``condition`` holds)."""
    driver.get(url)
    return wait_ready(driver, condition, state=state)


def set_field(driver: Any, css: str, text: str, enter: bool = True) -> None:
    """Replace the text of the input or textarea at ``css`` with ``text`` (then press Enter if asked).

    As a user does: select all (Ctrl+A) and type over it. (WebDriver's ``clear`` fires a change event with an
    empty field, which the page may answer by restoring the current value.)
    """
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    element = driver.find_element(By.CSS_SELECTOR, css)
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(text + (Keys.ENTER if enter else ""))


def screenshot(driver: Any, path: str | Path) -> Path:
    """Save a PNG of the browser window at ``path`` (the directory must exist) and return the path."""
    path = Path(path)
    if not driver.save_screenshot(str(path)):
        raise AssertionError(f"the browser could not write the screenshot {path}")
    return path
