import pytest

from faqs.search import spelling
from tests.factories import make_question


@pytest.fixture
def searchable(empty_site):
    make_question(text="What is a non-molestation order?", audiences=("mothers", "social-workers"))
    make_question(text="What is an occupation order?", audiences=("mothers",))
    spelling.forget_vocabulary()  # the live server runs in this process: it must see these questions' words
    return empty_site


@pytest.mark.parametrize(("width", "javascript"), [(320, False), (1280, True)])
def test_searching_from_the_header_works_without_javascript_and_fits(
    make_page, searchable, other_origin_requests, width, javascript
):
    page = make_page(width, javascript=javascript)
    page.goto(searchable + "/")
    page.get_by_label("Search the guidance").fill("non molestaion order")
    page.get_by_role("button", name="Search", exact=True).first.click()
    page.wait_for_url("**/search/?q=non+molestaion+order")
    assert page.locator(".search-suggestion").inner_text().startswith("Did you mean non molestation order?")
    first = page.locator("ol.search-results > li").first
    assert first.locator("a").first.inner_text() == "What is a non-molestation order?"
    assert first.locator("mark").count() > 0
    page.get_by_role("link", name="For social workers").last.click()
    assert "audience=social-workers" in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.context.cookies() == []
    assert other_origin_requests == []
