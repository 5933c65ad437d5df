"""Helpers of the explorer tests: paths, the headless Chromium (Debian's chromium and chromedriver,
never a downloaded driver), and reading the page's state and console."""

from __future__ import annotations

import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles"
MODEL = ROOT / "models" / "de_newsents_news"
OUTPUT = Path(__file__).resolve().parent / "output"
CHROMIUM = os.environ.get("NEWSENTS_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("NEWSENTS_CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1400,900", "--lang=en-US")


def browser_missing() -> str | None:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not (os.path.isfile(p) and os.access(p, os.X_OK))]
    if missing:
        return f"headless browser tests need {' and '.join(missing)} (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "headless browser tests need selenium (pip install selenium)"
    return None


def start_browser(profile: str):
    """Headless Chromium through Debian's chromedriver, with a fresh profile and browser logs on."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    return driver


def open_page(driver, path: Path, timeout: float = 30.0) -> None:
    """Load ``path`` (file://) and wait until the explorer says it is ready; fail on a timeout."""
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(path.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if driver.execute_script("return !!(window.newsentsExplorer && window.newsentsExplorer.ready)"):
            return
        time.sleep(0.05)
    logs = driver.get_log("browser")
    raise AssertionError(f"the explorer did not become ready in {timeout} s; browser log: {logs}")


def console_problems(driver) -> list[dict]:
    """Browser log entries at level SEVERE (errors, CSP violations, failed loads)."""
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
