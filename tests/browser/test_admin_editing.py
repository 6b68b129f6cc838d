"""An editor in headless Chromium: log in, edit, see it live, keep it through a reload of the files, export it;
drafts stay hidden; a dozen wrong passwords lock the login. Every admin page runs under the strict CSP."""

from urllib.parse import urljoin

import pytest

from faqs.content.export import export_content
from faqs.content.loading import load_content
from faqs.models import Question
from tests.browser.helpers import log_in, sign_in
from tests.factories import make_helpline, make_question
from tests.helpers import PASSWORD, write_file

NEW_ANSWER = "Write to the team manager and ask for a different social worker. Keep a copy of the letter."
QUESTION = "My child's social worker is male"
GUIDE = f"""\
---
title: Working with social workers
slug: working-with-social-workers
source: Family Rights Group
audiences: mothers
added: 2026-11-22
---

## Your child's social worker
slug: your-childs-social-worker

### {QUESTION}
slug: a-male-social-worker
topics: working with social workers

You can ask for a social worker who is a woman.
"""


@pytest.fixture
def content_files(empty_site, tmp_path):
    """A content folder with one guide, loaded, as editors' files would be."""
    folder = write_file(tmp_path / "content", "working-with-social-workers.md", GUIDE)
    load_content(folder)
    return folder


@pytest.fixture
def question(empty_site):
    return make_question(text=QUESTION, slug="a-male-social-worker", answer="You can ask for a woman.")


@pytest.fixture
def csp_violations():
    return []


@pytest.fixture
def admin_page(make_page, empty_site, editor, csp_violations):
    """A logged-in editor's page; Content-Security-Policy refusals Chromium reports are collected."""

    def open_admin(width=1280, *, javascript=True):
        page = make_page(width, javascript=javascript)
        page.on(
            "console",
            lambda message: "Content Security Policy" in message.text and csp_violations.append(message.text),
        )
        page.goto(empty_site + "/admin/")
        assert "/admin/login/" in page.url  # anonymous: sent to the login
        sign_in(page, editor)
        assert page.locator("h1").first.inner_text() == "Content"
        return page

    return open_admin


def open_question(page, search, text):
    page.goto(urljoin(page.url, "/admin/"))
    page.locator("#content-main a:text-is('Questions')").click()
    page.fill("#searchbar", search)
    page.press("#searchbar", "Enter")
    page.click(f"#result_list >> text={text}")


def test_an_edit_goes_live_survives_a_reload_of_the_files_and_is_exported(
    admin_page, empty_site, content_files, tmp_path, csp_violations, other_origin_requests
):
    page = admin_page()
    open_question(page, "male", QUESTION)
    page.fill("#id_answer", NEW_ANSWER)
    page.click("input[name=_save]")
    assert "was changed successfully" in page.locator(".messagelist").inner_text()

    url = "/guides/working-with-social-workers/a-male-social-worker/"
    open_question(page, "male", QUESTION)
    page.click("a.viewsitelink")
    assert page.url == empty_site + url
    assert NEW_ANSWER in page.locator("main").inner_text()
    page.goto(empty_site + "/search/?q=copy+of+the+letter")
    assert page.locator(f"main a[href='{url}']").count() >= 1
    page.goto(empty_site + url)

    report = load_content(content_files)
    assert any("a-male-social-worker was changed in the admin" in c for c in report.conflicts)
    page.reload()
    assert NEW_ANSWER in page.locator("main").inner_text()

    export_content(tmp_path / "exported")
    assert f"slug: a-male-social-worker\ntopics: working with social workers\n\n{NEW_ANSWER}\n" in (
        tmp_path / "exported" / "working-with-social-workers.md"
    ).read_text(encoding="utf-8")
    assert csp_violations == [] and other_origin_requests == []


def test_the_preview_shows_the_unsaved_answer_rendered_in_a_new_tab(admin_page, question, csp_violations):
    page = admin_page()
    open_question(page, "male", QUESTION)
    page.fill("#id_answer", "#### Before you write\n\n- **note** your reasons\n\n<script>alert(1)</script>")
    with page.expect_popup() as popup:
        page.click("text=Preview the answer")
    preview = popup.value
    preview.wait_for_load_state()
    article = preview.locator("article.markdown-preview")
    assert article.locator("h2").inner_text() == "Before you write"
    assert article.locator("li strong").inner_text() == "note"
    assert "alert" not in article.inner_html()
    assert "Before you write" not in Question.objects.get(pk=question.pk).answer
    assert csp_violations == []


def test_a_draft_stays_off_the_public_site(admin_page, make_page, empty_site, question, csp_violations):
    page = admin_page(375, javascript=False)
    open_question(page, "male", QUESTION)
    page.select_option("#id_status", "draft")
    page.click("input[name=_save]")
    open_question(page, "male", QUESTION)
    assert page.locator("a.viewsitelink").count() == 0

    url = question.get_absolute_url()
    reader = make_page(375)
    assert reader.goto(empty_site + url).status == 404
    for listing in (question.guide.get_absolute_url(), "/for/mothers/", "/search/?q=social+worker+male"):
        reader.goto(empty_site + listing)
        assert reader.locator(f"a[href='{url}']").count() == 0
    assert csp_violations == []


def test_every_admin_page_runs_under_the_strict_csp(admin_page, empty_site, question, csp_violations):
    page = admin_page()
    helpline = make_helpline()
    first_version = question.history.last()
    for path in [
        "/admin/faqs/question/",
        "/admin/faqs/question/?audience=mothers&status__exact=published",
        f"/admin/faqs/question/{question.pk}/change/",
        f"/admin/faqs/question/{question.pk}/history/",
        f"/admin/faqs/question/{question.pk}/history/{first_version.history_id}/",
        "/admin/faqs/question/add/",
        f"/admin/faqs/guide/{question.guide_id}/change/",
        f"/admin/faqs/section/{question.section_id}/change/",
        "/admin/faqs/audience/",
        "/admin/faqs/topic/",
        f"/admin/faqs/helpline/{helpline.pk}/change/",
    ]:
        assert page.goto(empty_site + path).status == 200, path
    page.fill("#nav-filter", "quest")  # the sidebar's filter is the admin's own external script
    assert page.locator("#nav-sidebar a:text-is('Questions')").is_visible()
    assert not page.locator("#nav-sidebar a:text-is('Guides')").is_visible()
    assert csp_violations == []


def test_a_dozen_wrong_passwords_lock_the_login(make_page, empty_site, editor):
    page = make_page(1280)
    for _ in range(12):
        page.goto(empty_site + "/admin/login/")
        log_in(page, "not the password")
    assert "Login locked" in page.locator("#content").inner_text()
    page.goto(empty_site + "/admin/login/")
    log_in(page, PASSWORD)
    assert "Login locked" in page.locator("#content").inner_text()
    page.goto(empty_site + "/admin/")
    assert "/admin/login/" in page.url
