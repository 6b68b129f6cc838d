"""Printing in Chromium: print media hides the controls and shows source, address, 999 and helplines; the
Print button calls the browser's print with no Content-Security-Policy violation; the whole guide prints."""

import pytest

from faqs.models import Guide

STUB_PRINT = "window.__printed = 0; window.print = () => { window.__printed += 1; };"
CSP_WATCH = (
    "window.__violations = [];"
    "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));"
)


def test_a_printed_question_shows_what_paper_needs_and_nothing_else(make_page, site, other_origin_requests):
    page = make_page(1280)
    page.goto(site + "/guides/mothers/clares-law/")
    page.emulate_media(media="print")
    for selector in (
        ".exit-this-page",
        "a[data-exit-this-page]",
        ".site-nav",
        ".site-search",
        ".breadcrumbs",
    ):
        assert all(not element.is_visible() for element in page.locator(selector).all()), selector
    assert page.locator("button[data-print]").is_hidden()
    assert page.locator(".provenance").is_visible()
    assert "Source: Family Rights Group" in page.locator(".provenance").inner_text()
    assert page.locator(".print-header__address").inner_text() == site + "/guides/mothers/clares-law/"
    assert page.locator(".print-header__date").inner_text().startswith("Printed on ")
    box = page.locator(".print-helplines")
    assert box.is_visible() and "999" in box.inner_text() and "0808 2000 247" in box.inner_text()
    assert other_origin_requests == []


def test_on_screen_the_print_parts_are_hidden(make_page, site):
    page = make_page(375)
    page.goto(site + "/guides/mothers/clares-law/")
    assert page.locator(".print-header").is_hidden() and page.locator(".print-helplines").is_hidden()


@pytest.mark.parametrize("path", ["/guides/mothers/clares-law/", "/guides/mothers/"])
def test_the_print_button_calls_the_browsers_print_under_the_csp(make_page, site, path):
    page = make_page(375)
    page.add_init_script(STUB_PRINT + CSP_WATCH)
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(site + path)
    button = page.get_by_role("button", name="Print this page")
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") == 1
    assert page.evaluate("window.__violations") == []
    assert not [m for m in messages if "Content Security Policy" in m]


def test_without_javascript_there_is_no_print_button_and_no_date(make_page, site):
    page = make_page(375, javascript=False)
    page.goto(site + "/guides/mothers/clares-law/")
    assert page.get_by_role("button", name="Print this page").count() == 0
    page.emulate_media(media="print")
    assert page.locator(".print-header__address").is_visible()
    assert page.locator(".print-header__date").is_hidden()


def test_a_guide_links_to_a_printable_page_with_every_question(make_page, site):
    guide = Guide.objects.get(slug="social-workers")
    questions = list(guide.questions.published().values_list("text", flat=True))
    page = make_page(320, javascript=False)
    page.goto(site + guide.get_absolute_url())
    page.get_by_role("link", name="The whole guide on one page").click()
    page.wait_for_url("**" + guide.get_print_url())
    assert page.locator(".whole-guide__question > h3").all_inner_texts() == questions
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.emulate_media(media="print")
    assert page.locator(".print-helplines").is_visible()
    assert page.context.cookies() == []
