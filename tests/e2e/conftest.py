"""Browser tests: Playwright (Python) driving Debian's Chromium, with axe-core on every page.

Locally they skip, with the reason, when /usr/bin/chromium is absent; in CI (CI=true) a missing
browser is a failure. Every request a page makes must stay on the test server: a request to
another host fails the test. So does any Content-Security-Policy violation (issue #16): the
browser reports each one as a ``securitypolicyviolation`` event and a console message, and
both are collected. Every page opened is also checked by the W3C HTML checker (see
``html_checker`` below).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# Elements that stick out of the page while their parent fits, or whose own text overflows them:
# what makes a page scroll sideways.
WIDE_ELEMENTS = """() => [...document.querySelectorAll('body *')]
    .filter(e => (e.getBoundingClientRect().right > document.documentElement.clientWidth
        && e.parentElement.getBoundingClientRect().right <= document.documentElement.clientWidth)
      || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible'
        && e.clientWidth > 0))
    .slice(0, 4)
    .map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))"""
WIDTHS = (390, 1280)  # a phone and a laptop: every page checked is checked at both

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable
# from the test body (the live server runs in its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(
                f"CI must run browser tests, but {CHROMIUM} is missing (apt-get install chromium)"
            )
        pytest.skip(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium to run browser tests"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


# Runs before any script of each page (through the DevTools protocol, so the policy does not
# block it): every violation of the policy is logged with a marker the collector looks for.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error("CSP violation: " + event.violatedDirective + " blocked " +
    (event.blockedURI || "inline") + " at " + event.sourceFile + ":" + event.lineNumber);
});
"""


def _is_csp_message(text: str) -> bool:
    return "CSP violation" in text or "Content Security Policy" in text


# ---- W3C HTML checker (vnu.jar, installed by `make vnu`) ------------------------------------

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(
    os.environ.get("VNU_JAR", ROOT / ".venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
)


class HtmlChecker:
    """The W3C HTML checker, run once per test session as a local server on the machine's Java
    (one JVM for every page: starting one per page would cost seconds each)."""

    def __init__(self, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}/?out=json"

    def errors(self, html: bytes) -> list[str]:
        request = urllib.request.Request(  # noqa: S310 - the checker on localhost
            self.url, data=html, headers={"Content-Type": "text/html; charset=utf-8"}
        )
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            messages = json.load(response)["messages"]
        return [
            f"line {m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()}]"
            for m in messages
            if m["type"] == "error" or m.get("subType") == "fatal"
        ]


@pytest.fixture(scope="session")
def html_checker() -> Iterator[HtmlChecker | None]:
    """Start vnu.jar's checker service; without Java or the jar, skip the check locally (with
    the reason, once) and fail in CI. Yields None when the check is skipped."""
    java = shutil.which("java")
    problem = (
        "java not found (apt-get install default-jre-headless)"
        if java is None
        else f"{VNU_JAR} not found (make vnu)"
        if not VNU_JAR.is_file()
        else ""
    )
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"CI must check pages with the W3C HTML checker, but {problem}")
        warnings.warn(f"W3C HTML check skipped: {problem}", pytest.PytestWarning, stacklevel=1)
        yield None
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            str(java),
            "-Xss4m",
            "-Dnu.validator.servlet.bind-address=127.0.0.1",
            "-cp",
            str(VNU_JAR),
            "nu.validator.servlet.Main",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    checker = HtmlChecker(port)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                checker.errors(b"<!doctype html><title>up</title>")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the W3C HTML checker (vnu.jar) did not start")
                time.sleep(0.5)
        yield checker
    finally:
        process.terminate()
        process.wait(timeout=30)


# ---- pages -----------------------------------------------------------------------------------


class PageVisit:
    """A browser page bound to the live server, which checks every page it opens with axe and
    the W3C HTML checker."""

    def __init__(self, page: Any, base_url: str, html_checker: HtmlChecker | None = None) -> None:
        self.page = page
        self.base_url = base_url
        self.foreign_requests: list[str] = []
        self.csp_violations: list[str] = []
        self.checked: list[str] = []
        self.html_checker = html_checker
        self.documents: list[Any] = []  # the main frame's HTML responses, newest last
        self.validated: set[int] = set()
        page.on(
            "response",
            lambda response: (
                self.documents.append(response)
                if response.request.is_navigation_request()
                and response.frame == page.main_frame
                and response.headers.get("content-type", "").startswith("text/html")
                else None
            ),
        )
        page.add_init_script(CSP_LISTENER)
        page.on(
            "console",
            lambda message: (
                self.csp_violations.append(f"{page.url}: {message.text}")
                if _is_csp_message(message.text)
                else None
            ),
        )
        host = urlsplit(base_url).netloc
        page.on(
            "request",
            lambda request: (
                None
                if urlsplit(request.url).netloc == host
                or request.url.startswith(("data:", "blob:"))
                else self.foreign_requests.append(request.url)
            ),
        )

    def goto(self, path: str) -> Any:
        response = self.page.goto(self.base_url + path)
        self.check_accessibility()
        return response

    def check_accessibility(self) -> None:
        """Zero serious or critical axe violations (WCAG 2.1 A and AA, and best practice) and no
        sideways scrolling, at a phone's width and at a laptop's; then the W3C HTML check."""
        original = self.page.viewport_size or {"width": 1280, "height": 900}
        try:
            for width in WIDTHS:
                self.page.set_viewport_size({"width": width, "height": original["height"]})
                self._check_at_this_width(width)
        finally:
            self.page.set_viewport_size(original)
        self.check_html()
        self.checked.append(self.page.url)

    def _check_at_this_width(self, width: int) -> None:
        from axe_playwright_python.sync_playwright import Axe

        results = (
            Axe().run(self.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}).response
        )
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(n["target"]) for n in v["nodes"][:3])
            for v in results["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
        assert serious == [], f"axe on {self.page.url} at {width} px:\n" + "\n".join(serious)
        overflow = self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            culprits = self.page.evaluate(WIDE_ELEMENTS)
            raise AssertionError(
                f"{self.page.url} scrolls sideways by {overflow} px at {width} px: {culprits}"
            )

    def check_html(self) -> None:
        """Zero W3C HTML checker errors in the page as the server sent it (each response once)."""
        if self.html_checker is None or not self.documents:
            return
        response = self.documents[-1]
        if id(response) in self.validated or response.status >= 300:
            return
        self.validated.add(id(response))
        errors = self.html_checker.errors(response.body())
        assert errors == [], f"W3C HTML checker on {response.url}:\n" + "\n".join(errors)


@pytest.fixture
def visit(browser: Any, live_server: Any, html_checker: HtmlChecker | None) -> Iterator[PageVisit]:
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    visit = PageVisit(page, live_server.url, html_checker)
    yield visit
    context.close()
    assert visit.foreign_requests == [], f"pages requested other hosts: {visit.foreign_requests}"
    assert visit.csp_violations == [], "Content-Security-Policy violations:\n" + "\n".join(
        visit.csp_violations
    )
