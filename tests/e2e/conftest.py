"""Browser tests: Playwright (Python) driving Debian's Chromium, with axe-core on every page.

Locally they skip, with the reason, when /usr/bin/chromium is absent; in CI (CI=true) a missing
browser is a failure. Every request a page makes must stay on the test server: a request to
another host fails the test. So does any Content-Security-Policy violation (issue #16): the
browser reports each one as a ``securitypolicyviolation`` event and a console message, and
both are collected.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

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


class PageVisit:
    """A browser page bound to the live server, which checks every page it opens with axe."""

    def __init__(self, page: Any, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.foreign_requests: list[str] = []
        self.csp_violations: list[str] = []
        self.checked: list[str] = []
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
        """Zero serious or critical axe violations (WCAG 2.1 A and AA, and best practice)."""
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
        assert serious == [], f"axe on {self.page.url}:\n" + "\n".join(serious)
        self.checked.append(self.page.url)


@pytest.fixture
def visit(browser: Any, live_server: Any) -> Iterator[PageVisit]:
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    visit = PageVisit(page, live_server.url)
    yield visit
    context.close()
    assert visit.foreign_requests == [], f"pages requested other hosts: {visit.foreign_requests}"
    assert visit.csp_violations == [], "Content-Security-Policy violations:\n" + "\n".join(
        visit.csp_violations
    )
