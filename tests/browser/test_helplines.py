import pytest

from faqs.models import Helpline
from tests.factories import make_helpline

HOURS = [{"days": "mon-fri", "opens": "09:30", "closes": "15:00"}]


@pytest.fixture
def directory(empty_site):
    """A directory with a long entry in every group, so that the narrowest screen meets the longest text."""
    make_helpline(
        slug="emergency", name="Emergency", group=Helpline.Group.EMERGENCY, phone="999", always_open=True
    )
    for group in Helpline.Group.values[1:]:
        make_helpline(
            group=group,
            name=f"A helpline with a long name for {group}",
            hours=HOURS,
            website="https://example.org/a/long/address/that/must/wrap/on/a/narrow/screen",
            email="a-long-address-for-help@example.org",
        )
    make_helpline(slug="for-social-workers", audiences=["social-workers"], group=Helpline.Group.PROFESSIONALS)
    make_helpline(slug="for-mothers", audiences=["mothers"], group=Helpline.Group.LEGAL)
    return empty_site


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_the_directory_fits_the_screen_and_loads_nothing_from_elsewhere(
    make_page, directory, other_origin_requests, width
):
    page = make_page(width)
    page.goto(directory + "/helplines/")
    assert page.locator("h1").inner_text() == "Helplines"
    wide = page.evaluate(
        """w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)
        .map(e => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 40))""",
        width,
    )
    assert wide == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator('a[href="tel:999"]').first.is_visible()
    assert other_origin_requests == []


def test_the_audience_filter_and_group_links_work_without_javascript(make_page, directory):
    page = make_page(375, javascript=False)
    page.goto(directory + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Helplines").click()
    page.wait_for_url("**/helplines/")
    page.get_by_role("link", name="Social workers", exact=True).click()
    page.wait_for_url("**/helplines/?for=social-workers")
    assert page.locator('a[aria-current="page"]', has_text="Social workers").count() == 1
    assert page.locator("#for-social-workers").is_visible()
    assert page.locator("#for-mothers").count() == 0

    page.goto(directory + "/helplines/#domestic-abuse-support")
    heading = page.locator("h2#domestic-abuse-support")
    assert heading.inner_text() == "Domestic abuse support"
    assert heading.evaluate("h => h.getBoundingClientRect().top") < 900
    assert page.locator(".exit-this-page__button").first.is_visible()
