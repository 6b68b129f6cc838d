"""Making a handout in Chromium without JavaScript: tick two questions, get exactly those two answers."""

import pytest

from faqs.models import Question


@pytest.mark.parametrize(("path", "width"), [("/guides/mothers/", 320), ("/for/social-workers/", 1280)])
def test_ticking_two_questions_gives_a_handout_of_exactly_those_answers(make_page, site, path, width):
    page = make_page(width, javascript=False)
    page.goto(site + path)
    boxes = page.locator("input[type=checkbox][name=q]")
    second, first = boxes.nth(4), boxes.nth(1)
    chosen = [Question.objects.get(pk=box.get_attribute("value")).text for box in (first, second)]
    second.check()
    page.get_by_label(f"Add to handout: {chosen[0]}").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("button", name="Make a handout").click()
    page.wait_for_url("**/handout/?q=*")
    assert page.locator(".handout-answer > h2").all_inner_texts() == chosen
    assert page.title().startswith("Handout")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("link", name=f"Move down \u201c{chosen[0]}\u201d").click()
    assert page.locator(".handout-answer > h2").all_inner_texts() == chosen[::-1]
    assert page.context.cookies() == []


def test_the_plain_handout_prints_without_the_sites_name_or_address(make_page, site):
    page = make_page(375, javascript=False)
    page.goto(site + "/search/?q=child+protection+conference")
    page.locator("input[type=checkbox][name=q]").first.check()
    page.get_by_label("Leave the site\u2019s name and address off the printout").check()
    page.get_by_role("button", name="Make a handout").click()
    page.wait_for_url("**&plain=1")
    assert page.title() == "Handout"
    page.emulate_media(media="print")
    assert page.locator(".handout-answer").count() == 1
    assert page.locator(".print-header").inner_text().strip() == ""
    assert page.locator(".print-helplines").is_visible()
    assert page.locator(".handout-edit").is_hidden()


def test_the_handout_form_is_keyboard_reachable(make_page, site):
    page = make_page(1280)
    page.goto(site + "/guides/mothers/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is True
