"""Shared pytest fixtures: the real saved documents, the built site served on 127.0.0.1, and Chromium.

The site is built once per test session from the bundled corpus (plus any
extra records a test module plants through ``planted_records``) and served by a
thread on a free port of 127.0.0.1; browser tests drive Debian's Chromium
through Playwright.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_FIXTURES = Path(os.environ.get("PALERMO_SHARED_FIXTURES", ROOT.parent / "shared" / "fixtures"))
CHROMIUM = Path(os.environ.get("PALERMO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

PLANTED_DIR = ROOT / "tests" / "fixtures" / "planted"
"""Records added to a copy of the corpus for the site build under test (hostile titles and the like)."""


@pytest.fixture(scope="session")
def shared_fixtures() -> Path:
    """The folder of real saved documents beside the checkout; skips when it is absent."""
    if not SHARED_FIXTURES.is_dir():
        pytest.skip(f"real saved documents not found at {SHARED_FIXTURES} (clone with ../shared beside the project)")
    return SHARED_FIXTURES


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The project checkout."""
    return ROOT


@pytest.fixture(scope="session")
def test_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled corpus plus the planted test records in tests/fixtures/planted/."""
    dest = tmp_path_factory.mktemp("corpus") / "cases"
    shutil.copytree(ROOT / "cases", dest)
    if PLANTED_DIR.is_dir():
        for path in PLANTED_DIR.rglob("*.yaml"):
            target = dest / path.relative_to(PLANTED_DIR)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    return dest


PUBLIC_BASE_URL = "https://palermo.example.org/"
"""The public base URL the test site is built with (``palermo build --site-url``), as a published copy would be."""


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, test_corpus: Path) -> Path:
    """The whole site built strictly (``palermo build --site-url``) from the test corpus, once per session."""
    out = tmp_path_factory.mktemp("site") / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "palermo.cli", "build", "--cases", str(test_corpus), "--out", str(out), "--site-url", PUBLIC_BASE_URL],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, f"site build failed:\n{proc.stdout}\n{proc.stderr}"
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL (with trailing slash) of the built site served on 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Chromium (Debian's /usr/bin/chromium) driven by Playwright."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium; run it, or `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser page (own context: empty storage) that fails the test on any JavaScript error."""
    context = browser.new_context()  # type: ignore[attr-defined]
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("dialog", lambda dialog: errors.append(f"unexpected dialog: {dialog.message}") or dialog.dismiss())
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
