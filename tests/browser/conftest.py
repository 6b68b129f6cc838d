"""Headless Chromium from Debian's package, driven by Playwright. These tests run in CI; they never skip."""

import os
import threading
import time
from urllib.parse import urlsplit

import pytest
from django.core.signals import request_finished, request_started
from playwright.sync_api import sync_playwright

from faqs.guides.audiences import seed_audiences
from faqs.models import Audience
from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS

# Playwright's sync API keeps an event loop in the test thread; the ORM calls the tests make between browser
# steps are ordinary synchronous calls, so Django's async-safety guard does not apply to them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class RequestsInFlight:
    """Counts the requests the live server is still handling. The database is flushed after each test; a request
    the browser sent just before the test ended (a stylesheet, a script's fetch) must finish first, or the flush
    meets the server's open transaction on the shared SQLite connection and fails."""

    def __init__(self):
        self.count, self.lock = 0, threading.Lock()
        request_started.connect(self.started, weak=False)
        request_finished.connect(self.finished, weak=False)

    def started(self, **kwargs):
        self.add(1)

    def finished(self, **kwargs):
        self.add(-1)

    def add(self, step):
        # The test client runs in the test's own thread; only the live server's threads are counted.
        if threading.current_thread() is not threading.main_thread():
            with self.lock:
                self.count += step

    def wait_until_quiet(self, timeout=10):
        # Quiet twice, a moment apart: a request already accepted may not have started yet.
        deadline, quiet = time.monotonic() + timeout, 0
        while quiet < 2 and time.monotonic() < deadline:
            quiet = quiet + 1 if self.count <= 0 else 0
            time.sleep(0.05)


IN_FLIGHT = RequestsInFlight()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'bash .ci/setup-chromium' (make test does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, content):
    """The live site with the real content loaded; its base URL without a trailing slash."""
    return live_server.url


@pytest.fixture
def empty_site(live_server):
    """The live site with no content but the audiences: tests make what they need with the factories."""
    seed_audiences(Audience)
    return live_server.url


@pytest.fixture
def other_origin_requests():
    return []


@pytest.fixture
def make_page(browser, live_server, other_origin_requests):
    """Open a page in a fresh browser context (no cookies, no history) at a given viewport width.

    Every request to another origin is recorded and refused: no test reaches the internet, and tests can
    assert the site asked for nothing from elsewhere. Tests that follow the exit link route its destination
    to a local stub themselves (`context.route`) before this catch-all sees it.
    """
    contexts = []
    own_origin = urlsplit(live_server.url).netloc

    def refuse_other_origins(route):
        if urlsplit(route.request.url).netloc == own_origin:
            route.continue_()
        else:
            other_origin_requests.append(route.request.url)
            route.abort()

    def open_page(width=1280, height=900, *, javascript=True):
        context = browser.new_context(
            viewport={"width": width, "height": height}, java_script_enabled=javascript
        )
        context.route("**/*", refuse_other_origins)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    IN_FLIGHT.wait_until_quiet()
