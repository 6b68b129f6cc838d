"""The "Exit this page" control on every kind of page: reachable, on screen, on top, big enough, not printed."""

import pytest

from tests.browser.helpers import EXIT_URL, ExitDestination, page_types

FOCUSED_EXIT_LINK = """() => {
  const el = document.activeElement;
  if (!el.matches("a[data-exit-this-page]")) return null;
  const box = el.getBoundingClientRect();
  return {href: el.href, rel: el.rel, text: el.textContent.trim(), top: box.top, left: box.left,
          width: box.width, height: box.height};
}"""

ON_TOP = """(el) => {
  const box = el.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {top: box.top, bottom: box.bottom, width: box.width, height: box.height, onTop: el.contains(hit)};
}"""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_every_page_type_has_the_exit_link_within_three_tab_stops(make_page, site, javascript):
    page = make_page(375, javascript=javascript)
    for kind, path in page_types().items():
        page.goto(site + path)
        for _ in range(3):
            page.keyboard.press("Tab")
            link = page.evaluate(FOCUSED_EXIT_LINK)
            if link:
                break
        assert link, f"{kind}: no exit link in the first 3 Tab stops"
        assert link["href"] == EXIT_URL
        assert set(link["rel"].split()) == {"nofollow", "noreferrer"}
        assert link["text"] == "Emergency Exit this page"
        # Focused, it is on screen and big enough to see and press.
        assert link["top"] >= 0 and link["left"] >= 0, kind
        assert link["width"] >= 44 and link["height"] >= 44, kind


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_the_exit_button_stays_on_screen_and_on_top_after_scrolling(make_page, site, width):
    page = make_page(width, 700)
    for kind, path in page_types().items():
        page.goto(site + path)
        for scroll in ("document.body.scrollHeight / 2", "document.body.scrollHeight"):
            page.evaluate(f"window.scrollTo(0, {scroll})")
            page.wait_for_function("() => window.scrollY > 0 || document.body.scrollHeight <= innerHeight")
            button = page.locator(".exit-this-page__button").evaluate(ON_TOP)
            assert button["onTop"], f"{kind} at {width} px: something covers the exit button"
            assert button["top"] >= 0 and button["bottom"] <= 700, f"{kind} at {width} px: off screen"
            assert button["width"] >= 44 and button["height"] >= 44


def test_the_exit_control_is_not_printed(make_page, site):
    page = make_page(1280)
    page.goto(site + "/cover-your-tracks/")
    page.emulate_media(media="print")
    for selector in ("a[data-exit-this-page]", ".exit-this-page", ".exit-this-page__help"):
        for element in page.locator(selector).all():
            assert not element.is_visible(), selector
    assert page.locator("h1").is_visible()


def test_without_javascript_the_exit_link_still_leaves(make_page, site):
    page = make_page(375, javascript=False)
    destination = ExitDestination(page.context)
    page.goto(site + "/cover-your-tracks/")
    page.locator(".exit-this-page__button").click()
    page.wait_for_url(EXIT_URL)
    assert page.locator("h1").inner_text() == "Weather forecast"
    assert destination.referers() == [None]


def test_every_page_links_to_the_exit_help_pages(make_page, site):
    page = make_page(375)
    for kind, path in page_types().items():
        page.goto(site + path)
        for name in ("About the exit button", "Cover your tracks"):
            assert page.get_by_role("link", name=name).first.is_visible(), (
                f"{kind}: no visible link to {name}"
            )
