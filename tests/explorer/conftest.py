"""Fixtures of the explorer tests: the example articles processed once per session (through the CLI),
the hostile output folder, and a headless Chromium driven by Selenium.

Browser tests skip when Chromium or chromedriver is missing, unless NEWSENTS_REQUIRE_BROWSER=1 (CI),
which makes them fail instead. Selenium never downloads a driver here: it is given Debian's."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from explorer_hostile import write_output
from explorer_support import EXAMPLES, MODEL, ROOT, browser_missing, start_browser


@pytest.fixture(scope="session")
def example_out(tmp_path_factory) -> Path:
    """``newsents process examples/articles`` (the shipped model), run once through the CLI."""
    out = tmp_path_factory.mktemp("explorer") / "example"
    cmd = [sys.executable, "-c", "from newsents.cli import app; app()", "process", str(EXAMPLES), "--out", str(out),
           "--model", str(MODEL), "--overwrite", "--quiet"]
    subprocess.run(cmd, check=True, env={**os.environ, "OMP_NUM_THREADS": "1"}, cwd=ROOT)
    return out


@pytest.fixture(scope="session")
def hostile_out(tmp_path_factory) -> Path:
    return write_output(tmp_path_factory.mktemp("explorer") / "hostile")


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium (fresh profile, no network features) through Debian's chromedriver."""
    reason = browser_missing()
    if reason:
        if os.environ.get("NEWSENTS_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + "; NEWSENTS_REQUIRE_BROWSER=1 requires them")
        pytest.skip(reason)
    profile = tempfile.mkdtemp(prefix="newsents-chromium-")
    driver = start_browser(profile)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
