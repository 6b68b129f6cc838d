"""exit-this-page.js and exit-guard.js: leave at once, leave nothing to come Back to, and the Shift x3 shortcut."""

from urllib.parse import urlsplit

import pytest

from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, EXIT_URL, ExitDestination, FrameLog

STATUS = ".exit-this-page [role=status]"


def open_page(make_page, site, path="/cover-your-tracks/", *, hold=False):
    page = make_page(375)
    destination = ExitDestination(page.context, hold=hold)
    page.goto(site + path)
    return page, destination


def assert_stays(page, destination):
    """Nothing leaves: the key handlers act synchronously, so a short wait is plenty for a navigation to start."""
    page.wait_for_timeout(300)
    assert destination.requests == []
    assert page.locator("main").is_visible()


def assert_nothing_drawn_after_exiting(frames):
    """From the first frame after the exit (the one with the title blanked) no frame shows any of the site."""
    exited = [i for i, frame in enumerate(frames) if frame["title"] == ""]
    assert exited, f"no frame was drawn after exiting: {frames}"
    assert all(frame["shown"] == 0 and frame["title"] == "" for frame in frames[exited[0] :]), frames


def test_clicking_hides_everything_at_once_before_the_destination_has_loaded(make_page, site):
    page = make_page(375)
    destination = ExitDestination(page.context, hold=True)
    frames = FrameLog(page)
    page.goto(site + "/cover-your-tracks/")
    # Within the click itself, before the browser has even asked for the destination, everything is hidden.
    hidden_at_once = page.evaluate("""() => {
      document.querySelector(".exit-this-page__button").click();
      return [document.querySelector("main").checkVisibility(), document.title,
              document.querySelector("[role=alert]").textContent];
    }""")
    assert hidden_at_once == [False, "", "Loading."]
    destination.wait_until_requested(page)
    page.wait_for_timeout(300)  # the destination is slow: the page being left keeps drawing frames meanwhile
    assert page.url == site + "/cover-your-tracks/"
    assert_nothing_drawn_after_exiting(frames.since(0, site))
    destination.release()
    page.wait_for_url(EXIT_URL)
    assert destination.referers() == [None]


def test_after_exiting_back_shows_no_page_of_the_site(make_page, site):
    page = make_page(375)
    destination = ExitDestination(page.context)
    frames = FrameLog(page)
    page.goto(site + "/")
    page.get_by_role("link", name="For mothers").first.click()
    page.wait_for_url(site + "/for/mothers/")
    page.locator(".exit-this-page__button").click()
    page.wait_for_url(EXIT_URL)
    assert page.locator("h1").inner_text() == "Weather forecast"

    # The page left was replaced in history, so Back goes to the home page, which must leave again, unseen.
    destination.hold, moment = True, frames.now()
    page.go_back(wait_until="commit")
    destination.wait_until_requested(page)
    page.wait_for_timeout(300)
    assert all(frame["shown"] == 0 for frame in frames.since(moment, site))
    destination.release()
    page.wait_for_url(EXIT_URL)

    # However far back she goes in that tab, and whatever page of the site she opens there, nothing shows.
    page.go_back()
    assert not page.url.startswith(site)
    moment = frames.now()
    page.goto(site + "/helplines/", wait_until="commit")
    page.wait_for_url(EXIT_URL)
    assert all(frame["shown"] == 0 for frame in frames.since(moment, site))


# As in some private modes and with storage blocked in the browser's settings: touching sessionStorage throws.
BLOCK_SESSION_STORAGE = """Object.defineProperty(window, "sessionStorage", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});"""
SEARCH_ENGINE = "https://search.example/"


def storage_is_blocked(page):
    return page.evaluate("() => { try { sessionStorage.length; return false; } catch (e) { return true; } }")


@pytest.mark.parametrize("storage", ["available", "blocked"])
def test_exiting_adds_no_history_entry_so_back_goes_to_where_she_came_from(make_page, site, storage):
    """location.replace(), not assign(): the page left is not in the tab's history at all, so Back cannot show it,
    even when sessionStorage is unavailable and exit-guard.js has no flag to act on."""
    page = make_page(375)
    if storage == "blocked":
        page.context.add_init_script(BLOCK_SESSION_STORAGE)
    destination = ExitDestination(page.context)
    frames = FrameLog(page)
    # She came to one page of the site from a search engine (a local stub, like the exit destination).
    page.context.route(
        SEARCH_ENGINE,
        lambda route: route.fulfill(
            content_type="text/html",
            body=f'<!doctype html><title>Search</title><a href="{site}/cover-your-tracks/">Cover your tracks</a>',
        ),
    )
    page.goto(SEARCH_ENGINE)
    page.click("a")
    page.wait_for_url(site + "/cover-your-tracks/")
    assert storage_is_blocked(page) == (storage == "blocked")
    entries = page.evaluate("history.length")

    page.locator(".exit-this-page__button").click()
    page.wait_for_url(EXIT_URL)
    assert page.evaluate("history.length") == entries
    assert destination.referers() == [None]

    moment = frames.now()
    page.go_back()
    assert page.url == SEARCH_ENGINE
    page.wait_for_timeout(300)  # time for any frame of the site to be drawn, were it there
    assert [frame for frame in frames.since(moment, site) if frame["shown"]] == []


def test_without_session_storage_back_after_two_pages_shows_no_page_of_the_site(make_page, site):
    page = make_page(375)
    page.context.add_init_script(BLOCK_SESSION_STORAGE)
    ExitDestination(page.context)
    frames = FrameLog(page)
    page.goto(site + "/")
    page.get_by_role("link", name="For mothers").first.click()
    page.wait_for_url(site + "/for/mothers/")
    page.locator(".exit-this-page__button").click()
    page.wait_for_url(EXIT_URL)
    moment = frames.now()
    page.go_back()
    page.wait_for_timeout(300)
    assert [frame for frame in frames.since(moment, site) if frame["shown"]] == []


def test_without_session_storage_a_search_still_leaves_one_history_entry(make_page, site):
    page = make_page(375)
    page.context.add_init_script(BLOCK_SESSION_STORAGE)
    page.goto(site + "/")
    before = page.evaluate("history.length")
    page.fill("#site-search-q", "court order")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/search/?q=court+order")
    page.get_by_role("link", name="For mothers").first.click()
    page.wait_for_url(site + "/for/mothers/")
    assert page.evaluate("history.length") == before


@pytest.fixture
def page_with_back_forward_cache(browser, site):
    """Playwright turns Chromium's back-forward cache off by default; readers' browsers have it on."""
    cached = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    context = cached.new_context(viewport={"width": 375, "height": 800})
    own_origin = urlsplit(site).netloc
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if urlsplit(route.request.url).netloc == own_origin else route.abort()
        ),
    )
    yield context.new_page()
    cached.close()


def test_a_page_restored_from_the_back_forward_cache_leaves_again(page_with_back_forward_cache, site):
    page = page_with_back_forward_cache
    destination = ExitDestination(page.context)
    frames = FrameLog(page)
    page.goto(site + "/")
    page.get_by_role("link", name="For mothers").first.click()
    page.wait_for_url(site + "/for/mothers/")
    # Before any exit, Back restores the home page from the cache and shows it as usual.
    page.go_back(wait_until="commit")
    page.locator("main").wait_for(state="visible")
    restored = [e for e in frames.entries if e["kind"] == "pageshow" and e["path"] == "/"]
    assert restored[-1]["persisted"], "the home page did not come from the back-forward cache"
    page.go_forward(wait_until="commit")
    page.locator("main").wait_for(state="visible")
    assert page.url == site + "/for/mothers/"
    page.locator(".exit-this-page__button").click()
    page.wait_for_url(EXIT_URL)

    destination.hold, moment = True, frames.now()
    page.go_back(wait_until="commit")
    destination.wait_until_requested(page)
    page.wait_for_timeout(300)
    assert [e["persisted"] for e in frames.since(moment, site, "pageshow")] == [True]
    assert all(frame["shown"] == 0 for frame in frames.since(moment, site))
    destination.release()
    page.wait_for_url(EXIT_URL)


def test_shift_three_times_exits_and_says_how_many_presses_are_left(make_page, site):
    page, destination = open_page(make_page, site)
    page.keyboard.press("Shift")
    assert page.locator(STATUS).inner_text() == "Shift, press 2 more times to exit."
    assert page.locator(".exit-this-page__indicator .is-lit").count() == 1
    assert page.locator(".exit-this-page__indicator").get_attribute("aria-hidden") == "true"
    page.keyboard.press("Shift")
    assert page.locator(STATUS).inner_text() == "Shift, press 1 more time to exit."
    assert page.locator(".exit-this-page__indicator .is-lit").count() == 2
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)
    assert destination.referers() == [None]


def test_overlapping_left_and_right_shift_presses_still_count(make_page, site):
    """govuk-frontend #5393: releasing one Shift while the other is held reports shiftKey on the keyup."""
    page, _ = open_page(make_page, site)
    cdp = page.context.new_cdp_session(page)

    def shift(kind, side, *, held):
        code, location = {"left": ("ShiftLeft", 1), "right": ("ShiftRight", 2)}[side]
        event = {
            "type": kind,
            "key": "Shift",
            "code": code,
            "location": location,
            "windowsVirtualKeyCode": 16,
        }
        cdp.send("Input.dispatchKeyEvent", {**event, "modifiers": 8 if held else 0})

    shift("rawKeyDown", "left", held=True)
    shift("rawKeyDown", "right", held=True)
    shift("keyUp", "left", held=True)
    shift("keyUp", "right", held=False)
    shift("rawKeyDown", "left", held=True)
    shift("keyUp", "left", held=False)
    page.wait_for_url(EXIT_URL)


def test_typing_capitals_in_the_search_box_never_exits(make_page, site):
    page, destination = open_page(make_page, site, "/")
    search = page.locator("input[type=search]").first
    search.click()
    for letter in "COURT":
        page.keyboard.down("Shift")
        page.keyboard.press(f"Key{letter}")
        page.keyboard.up("Shift")
    assert search.input_value() == "COURT"
    # Shift alone, while typing in a field, does not count either (govuk-frontend #4095).
    for _ in range(3):
        page.keyboard.press("Shift")
    assert_stays(page, destination)


def test_capitals_and_shift_tab_outside_a_field_never_exit(make_page, site):
    page, destination = open_page(make_page, site)
    for key in ("KeyA", "KeyB", "KeyC", "Tab", "Tab", "Tab"):
        page.keyboard.down("Shift")
        page.keyboard.press(key)
        page.keyboard.up("Shift")
    assert_stays(page, destination)


def test_escape_does_not_exit_and_any_other_key_starts_the_count_again(make_page, site):
    page, destination = open_page(make_page, site)
    for key in ("Escape", "Escape", "Escape", "Shift", "Shift", "Escape", "Shift"):
        page.keyboard.press(key)
    assert page.locator(STATUS).inner_text() == "Shift, press 2 more times to exit."
    assert_stays(page, destination)


def test_a_pause_of_more_than_five_seconds_starts_the_count_again(make_page, site):
    page, destination = open_page(make_page, site)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(5500)
    assert page.locator(STATUS).inner_text() == "Exit this page expired."
    assert page.locator(".exit-this-page__indicator .is-lit").count() == 0
    page.keyboard.press("Shift")
    assert page.locator(STATUS).inner_text() == "Shift, press 2 more times to exit."
    assert_stays(page, destination)
