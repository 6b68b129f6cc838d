"""What several browser tests use: the browser, the exit destination as a local stub, what each page drew, and one
page of each kind. Fixtures live in conftest.py."""

import json
import time
from pathlib import Path

from django.conf import settings
from django.urls import Resolver404, resolve

from faqs.models import Guide, Question
from tests.helpers import EDITOR, PASSWORD, app_code

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
EXIT_URL = settings.EXIT_URL
STUB_PAGE = "<!doctype html><title>Weather</title><h1>Weather forecast</h1>"


class ExitDestination:
    """Serves EXIT_URL in one browser context. With `hold=True` the response waits until `release()`, like a slow
    site, so a test can look at the page being left while the destination has not loaded."""

    def __init__(self, context, *, hold=False):
        self.requests, self.held, self.hold = [], [], hold
        # Registered after make_page's catch-all, so it is asked first.
        context.route(EXIT_URL, self._serve)

    def _serve(self, route):
        self.requests.append(route.request)
        if self.hold:
            self.held.append(route)
        else:
            route.fulfill(status=200, content_type="text/html", body=STUB_PAGE)

    def release(self):
        self.hold = False
        while self.held:
            self.held.pop().fulfill(status=200, content_type="text/html", body=STUB_PAGE)

    def referers(self):
        return [request.all_headers().get("referer") for request in self.requests]

    def wait_until_requested(self, page, timeout=5):
        # Polls with wait_for_timeout: while a navigation away is pending, Playwright cannot evaluate in the page.
        deadline = time.monotonic() + timeout
        while not self.requests and time.monotonic() < deadline:
            page.wait_for_timeout(20)
        assert self.requests, "the exit destination was never requested"


FRAME_MONITOR = """(() => {
  let seq = 0;
  const report = (kind, data) => console.log("exit-test " + JSON.stringify({
    kind, origin: location.origin, path: location.pathname, at: Date.now(), id: [performance.timeOrigin, ++seq], ...data
  }));
  let last = null;
  addEventListener("pageshow", (event) => {
    report("pageshow", {persisted: event.persisted});
    last = null; // report the first frame after a restore from the back-forward cache, whatever it shows
  });
  const frame = () => {
    const shown = document.body ? [...document.body.children].filter(
      (el) => !el.matches(".exit-this-page-overlay") && el.checkVisibility()).length : 0;
    const state = JSON.stringify([shown, document.title]);
    if (state !== last) report("frame", {shown, title: document.title});
    last = state;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();"""


class FrameLog:
    """What each page drew, reported from inside the page at every animation frame where it changed.

    Playwright cannot evaluate in a page while a navigation away from it is pending, and that is exactly when
    the exit must have hidden everything; so the page reports for itself, through the console.
    """

    def __init__(self, page):
        self.entries, self._seen = [], set()
        page.context.add_init_script(FRAME_MONITOR)
        page.on("console", self._record)

    def _record(self, message):
        if message.text.startswith("exit-test "):
            entry = json.loads(message.text.removeprefix("exit-test "))
            # Chromium replays a page's earlier console messages when it comes back from the back-forward cache.
            if tuple(entry["id"]) not in self._seen:
                self._seen.add(tuple(entry["id"]))
                self.entries.append(entry)

    @staticmethod
    def now():
        return time.time() * 1000

    def since(self, moment, origin, kind="frame"):
        return [e for e in self.entries if e["at"] >= moment and e["origin"] == origin and e["kind"] == kind]


def page_types():
    """One page of every kind a reader meets: {kind: path}. Needs the real content loaded."""
    question = Question.objects.published().select_related("guide").first()
    pages = {
        "home": "/",
        "audience": "/for/mothers/",
        "guide": Guide.objects.first().get_absolute_url(),
        "question": question.get_absolute_url(),
        "helplines": "/helplines/",
        "about the exit button": "/about-the-exit-button/",
        "cover your tracks": "/cover-your-tracks/",
        "not found": "/no-such-page/",
    }
    try:
        resolve("/search/")
        pages["search results"] = "/search/?q=court"
    except Resolver404:
        pass  # the search page is another issue's; checked here once it exists
    return pages


# --- Signing in to the admin -----------------------------------------------------------------------------


def log_in(page, password, username=EDITOR):
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")


def enter_code(page, code):
    page.fill("#id_code", code)
    page.click("#two-step-form input[type=submit]")


def sign_in(page, user):
    """Both steps, through the forms: the password, then the code the editor's app shows now."""
    log_in(page, PASSWORD, user.get_username())
    assert "/admin/two-step/" in page.url
    enter_code(page, app_code(user))
