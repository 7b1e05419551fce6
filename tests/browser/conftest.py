"""Browser tests: headless Debian Chromium driven by Playwright against pytest-django's live server.

Every page a test loads is checked with axe-core, and the test fails on serious or critical
accessibility violations:
  - `page.goto(...)` checks the page it lands on;
  - `check_accessibility(page)` (tests/helpers/browser.py) checks the current page: call it after a step that loads a new
    page by clicking or submitting, or that swaps content in with htmx;
  - when the test ends, a page that loaded but was never checked fails the test, so no page is missed.
"""

import os

import pytest
from playwright.sync_api import Page

from tests.helpers.browser import check_accessibility

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls from a
# thread with a running loop unless told that this is safe (it is: the loop is not serving Django).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # An English-language browser, as many Thai office PCs have: Phrom must still start in Thai.
    return {**browser_context_args, "locale": "en-US", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(autouse=True)
def _browser_db(django_db_serialized_rollback, live_server):
    """Live-server tests run in real transactions and the database is emptied after each one;
    a serialized rollback puts back the reference data of the migrations (provinces, kinds, routes)."""


@pytest.fixture(scope="session", autouse=True)
def _serialized_db_contents(django_db_setup):
    """The test database's contents as serialized when it was created (before Playwright starts)."""
    from django.db import connections

    return {
        c.alias: c._test_serialized_contents for c in connections.all() if hasattr(c, "_test_serialized_contents")
    }


@pytest.fixture(scope="session")
def playwright(playwright, _serialized_db_contents):
    """Once Playwright's event loop runs in this thread, Django hands the thread new connection
    objects (asgiref's Local follows the loop's context), which lack the serialized contents that
    serialized rollback restores from: give them the contents again."""
    from django.db import connections

    for alias, contents in _serialized_db_contents.items():
        connections[alias]._test_serialized_contents = contents
    return playwright


@pytest.fixture
def page(page: Page, live_server):
    """Playwright's page, with axe-core run on every page it visits (see the module docstring),
    failing if a page asks anything of another host (the machines have no internet: no CDN)."""
    loaded: list[str] = []
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda r: elsewhere.append(r.url) if not r.url.startswith((live_server.url, "data:", "blob:")) else None,
    )
    page._phrom_checked = set()
    page.on("load", lambda p: loaded.append(p.url))
    goto = page.goto

    def goto_and_check(url, **kwargs):
        response = goto(url, **kwargs)
        check_accessibility(page)
        return response

    page.goto = goto_and_check
    page.set_default_timeout(10_000)
    yield page
    unchecked = [url for url in dict.fromkeys(loaded) if url not in page._phrom_checked]
    if unchecked and not page.is_closed() and page.url == unchecked[-1]:
        check_accessibility(page)  # the last page of the test: check it now
        unchecked.pop()
    if elsewhere:
        pytest.fail("Pages requested other hosts:\n  " + "\n  ".join(dict.fromkeys(elsewhere)), pytrace=False)
    if unchecked:
        pytest.fail(
            "These pages loaded but axe-core never ran on them; call check_accessibility(page) "
            "after the step that loads them:\n  " + "\n  ".join(unchecked),
            pytrace=False,
        )
