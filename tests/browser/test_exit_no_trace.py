"""Browsing the site leaves no cookie, asks nothing of any other site, and tells the exit destination nothing."""

from tests.browser.helpers import EXIT_URL, ExitDestination, page_types


def test_browsing_every_kind_of_page_and_leaving_leaves_no_trace(make_page, site, other_origin_requests):
    page = make_page(375)
    destination = ExitDestination(page.context)
    set_cookies = []
    page.on(
        "response", lambda response: set_cookies.extend(filter(None, [response.header_value("set-cookie")]))
    )
    for path in page_types().values():
        page.goto(site + path)
    search = page.locator("input[type=search]").first
    search.fill("Court")
    search.press("Enter")
    page.wait_for_load_state()
    page.get_by_role("link", name="Cover your tracks").first.click()
    page.wait_for_url(site + "/cover-your-tracks/")
    assert page.context.cookies() == []
    assert set_cookies == []
    assert page.evaluate("localStorage.length") == 0

    page.locator(".exit-this-page__button").click()
    page.wait_for_url(EXIT_URL)
    # The only request to another site is the exit itself, and it carries no Referer.
    assert other_origin_requests == []
    assert [request.url for request in destination.requests] == [EXIT_URL]
    assert destination.referers() == [None]
    assert page.context.cookies() == []


def test_the_referer_check_sees_a_referer_when_one_is_sent(make_page, site):
    """Guards the tests above: the stub would see a Referer if the browser sent one."""
    page = make_page(375)
    destination = ExitDestination(page.context)
    page.goto(EXIT_URL, referer=site + "/for/mothers/")
    assert destination.referers() == [site + "/for/mothers/"]
