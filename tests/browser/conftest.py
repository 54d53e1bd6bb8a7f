"""Browser tests: the real `minutes serve` driven by a real headless Chromium.

Chromium comes from the system (Debian's `chromium` package), never from
`playwright install`: the tests need no network. When it or the Python
`playwright` package is missing, every browser test is skipped and the run's
summary says so in one loud line, so a green run without them is not mistaken
for a run with them. MINUTES_CHROMIUM overrides the browser path (set it to a
missing file to see the skip); MINUTES_SCREENSHOTS keeps the screenshots.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Optional

import pytest

from .documents import TODAY
from .server import start_server

HERE = Path(__file__).parent
DEFAULT_CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-quic"]
SKIP_REASON = "Chromium not found: browser tests skipped (apt-get install chromium)"

# What the summary line reports.
_state = {"missing": None, "ids": set(), "ran": 0, "failed": 0, "errors": 0, "skipped": 0, "version": None}


def chromium_path() -> tuple[str, Optional[str]]:
    """(where we looked, the executable or None)."""
    wanted = os.environ.get("MINUTES_CHROMIUM")
    if wanted:
        return wanted, wanted if os.path.isfile(wanted) and os.access(wanted, os.X_OK) else None
    if os.access(DEFAULT_CHROMIUM, os.X_OK):
        return DEFAULT_CHROMIUM, DEFAULT_CHROMIUM
    found = shutil.which("chromium")
    return DEFAULT_CHROMIUM, found


def _missing() -> Optional[tuple[str, str]]:
    """(skip reason, summary line) when the browser tests cannot run, else None."""
    looked, found = chromium_path()
    if found is None:
        return SKIP_REASON, (f"Chromium not found at {looked} — install Debian's chromium to run them "
                             "(apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        line = "the Python package playwright is not installed — pip install -e '.[tests]'"
        return f"browser tests skipped: {line}", line
    return None


def _is_browser_test(item) -> bool:
    return HERE in Path(str(item.path)).parents


def pytest_collection_modifyitems(config, items):
    mine = [item for item in items if _is_browser_test(item)]
    if not mine:
        return
    _state["ids"] = {item.nodeid for item in mine}
    missing = _missing()
    if missing:
        reason, _state["missing"] = missing
        for item in mine:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_runtest_logreport(report):
    if report.nodeid not in _state["ids"]:
        return
    if report.when == "call":
        _state["ran"] += 1
        _state["failed"] += report.failed
    elif report.when == "setup" and report.skipped:
        _state["skipped"] += 1
    elif report.when == "setup" and report.failed:
        _state["errors"] += 1


def pytest_terminal_summary(terminalreporter):
    if _state["missing"] and _state["skipped"]:
        terminalreporter.write_line(f"BROWSER TESTS SKIPPED ({_state['skipped']}): {_state['missing']}",
                                    yellow=True, bold=True)
    elif _state["ran"] or _state["errors"]:
        failed = f", {_state['failed']} failed" if _state["failed"] else ""
        failed += f", {_state['errors']} could not start" if _state["errors"] else ""
        terminalreporter.write_line(f"browser tests: ran {_state['ran']} in real Chromium "
                                    f"{_state['version'] or '(not started)'}{failed}", bold=True)


# --- fixtures -----------------------------------------------------------------------
# Package scope: Chromium and the servers stop after the last browser test, not
# at the end of the whole suite.


@pytest.fixture(scope="package")
def browser():
    from playwright.sync_api import sync_playwright

    _, executable = chromium_path()
    with sync_playwright() as playwright:
        # launch() gives the browser a fresh temporary profile of its own.
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
        _state["version"] = chromium.version
        try:
            yield chromium
        finally:
            chromium.close()


class PageWatch:
    """Dialogs and errors a page raised: none is expected unless the test says so."""

    def __init__(self, page):
        self.page = page
        self.dialogs: list[str] = []  # every dialog seen (all dismissed)
        self.expected_dialogs: set[str] = set()
        self.allowed_statuses: set[int] = set()
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        page.on("console", self._console)

    def expect_dialog(self, message: str) -> None:
        self.expected_dialogs.add(message)

    def allow_status(self, *codes: int) -> None:
        """A test that expects refusals: Chromium logs each 4xx page as a console error."""
        self.allowed_statuses.update(codes)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message) -> None:
        if message.type != "error":
            return
        if any(f"status of {code} " in message.text for code in self.allowed_statuses):
            return
        self.errors.append(f"console: {message.text}")

    def check(self) -> None:
        unexpected = [m for m in self.dialogs if m not in self.expected_dialogs]
        assert not unexpected, f"unexpected dialogs opened: {unexpected}"
        assert not self.errors, f"the page reported errors (script, CSP or failed loads): {self.errors}"


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", accept_downloads=True,
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def watch(context):
    """A fresh page and what it raised; checked after the test."""
    watch = PageWatch(context.new_page())
    yield watch
    watch.check()


@pytest.fixture
def page(watch):
    return watch.page


@pytest.fixture(scope="package")
def shot_dir(tmp_path_factory) -> Path:
    wanted = os.environ.get("MINUTES_SCREENSHOTS")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="package")
def shoot(shot_dir):
    """shoot(page, "name") -> the full-page PNG it saved."""
    def take(page, name: str) -> Path:
        path = shot_dir / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 1000, f"empty screenshot {path}"
        return path
    return take


@pytest.fixture(scope="package")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("web")


@pytest.fixture(scope="package")
def server(workdir):
    """The local-mode server (no accounts) on a database holding only the roster."""
    from tracker.people import import_roster
    from tracker.store import open_store

    from .documents import write_roster

    db = workdir / "minutes.db"
    with open_store(db, create=True) as store:
        import_roster(store, write_roster(workdir / "roster.csv"))
    running = start_server(db, today=TODAY, workdir=workdir)
    yield running
    running.stop()


@pytest.fixture(scope="package")
def review_meeting(browser, server, workdir) -> int:
    """A meeting uploaded through the browser for the review and export tests to work on."""
    from .app_pages import upload_file
    from .documents import minutes_docx

    path = minutes_docx(workdir / "结算系统周会纪要.docx", title="结算系统周会纪要", day="2024年11月18日")
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    try:
        return upload_file(context.new_page(), server.url, path)
    finally:
        context.close()
