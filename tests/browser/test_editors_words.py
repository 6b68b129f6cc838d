"""The editors' words on a question page, in a real browser: readable at 320 px without JavaScript, the earlier
updates open from the keyboard, nothing asked of another origin. All notes here are test data."""

import datetime

from faqs.models import ChangeNote, EditorsNote, Question, SiteNotice


def test_notes_notice_and_updates_fit_320px_and_work_by_keyboard_without_javascript(
    make_page, site, other_origin_requests
):
    question = Question.objects.get(guide__slug="mothers", slug="social-worker-is-male")
    question.related.add(Question.objects.get(guide__slug="mothers", slug="past-relationships"))
    EditorsNote.objects.create(question=question, added=datetime.date(2027, 1, 10), text="A test note " * 20)
    ChangeNote.objects.create(question=question, date=datetime.date(2027, 2, 1), text="A first test change.")
    ChangeNote.objects.create(question=question, date=datetime.date(2027, 3, 1), text="A second test change.")
    SiteNotice.objects.create(text="A test notice with a long word: supercalifragilisticexpialidocious" * 2)

    page = make_page(320, javascript=False)
    page.goto(site + question.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.locator(".site-notice").is_visible()
    assert (
        page.locator(".editors-note h2")
        .inner_text()
        .startswith("Note from the editors, added 10 January 2027")
    )
    assert "Updated 1 March 2027: A second test change." in page.locator(".change-note").inner_text()
    assert page.get_by_text("Related questions").is_visible()
    earlier = page.locator(".earlier-changes li")
    assert not earlier.is_visible()
    page.locator(".earlier-changes summary").focus()
    page.keyboard.press("Enter")
    assert earlier.inner_text() == "Updated 1 February 2027: A first test change."
    assert other_origin_requests == []
