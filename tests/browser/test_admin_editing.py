"""An editor in headless Chromium: log in, edit, see it live, keep it through a reload of the files, export it;
drafts stay hidden; a dozen wrong passwords lock the login. Every admin page runs under the strict CSP."""

from urllib.parse import urljoin

import pytest

from faqs.content.export import export_content
from faqs.content.loading import load_content
from faqs.models import Helpline, Question
from tests.conftest import CONTENT_DIR
from tests.factories import PASSWORD, app_code, make_editor

NEW_ANSWER = "Write to the team manager and ask for a different social worker. Keep a copy of the letter."


@pytest.fixture
def editor(db):
    return make_editor(superuser=True)


@pytest.fixture
def csp_violations():
    return []


@pytest.fixture
def admin_page(make_page, site, editor, csp_violations):
    """A logged-in editor's page; Content-Security-Policy refusals Chromium reports are collected."""

    def open_admin(width=1280, *, javascript=True):
        page = make_page(width, javascript=javascript)
        page.on(
            "console",
            lambda message: "Content Security Policy" in message.text and csp_violations.append(message.text),
        )
        page.goto(site + "/admin/")
        assert "/admin/login/" in page.url  # anonymous: sent to the login
        sign_in(page, editor)
        assert page.locator("h1").first.inner_text() == "Content"
        return page

    return open_admin


def log_in(page, password, username="editor"):
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


def open_question(page, search, text):
    page.goto(urljoin(page.url, "/admin/"))
    page.locator("#content-main a:text-is('Questions')").click()
    page.fill("#searchbar", search)
    page.press("#searchbar", "Enter")
    page.click(f"#result_list >> text={text}")


def test_an_edit_goes_live_survives_a_reload_of_the_files_and_is_exported(
    admin_page, site, tmp_path, csp_violations, other_origin_requests
):
    page = admin_page()
    open_question(page, "male", "My child's social worker is male")
    page.fill("#id_answer", NEW_ANSWER)
    page.click("input[name=_save]")
    assert "was changed successfully" in page.locator(".messagelist").inner_text()

    open_question(page, "male", "My child's social worker is male")
    page.click("a.viewsitelink")
    assert page.url == site + "/guides/mothers/social-worker-is-male/"
    assert NEW_ANSWER in page.locator("main").inner_text()
    page.goto(site + "/search/?q=copy+of+the+letter")
    assert page.locator("main a[href='/guides/mothers/social-worker-is-male/']").count() >= 1
    page.goto(site + "/guides/mothers/social-worker-is-male/")

    report = load_content(CONTENT_DIR)
    assert any("mothers/social-worker-is-male was changed in the admin" in c for c in report.conflicts)
    page.reload()
    assert NEW_ANSWER in page.locator("main").inner_text()

    export_content(tmp_path)
    assert f"slug: social-worker-is-male\ntopics: working with social workers\n\n{NEW_ANSWER}\n" in (
        tmp_path / "mothers.md"
    ).read_text(encoding="utf-8")
    assert csp_violations == [] and other_origin_requests == []


def test_the_preview_shows_the_unsaved_answer_rendered_in_a_new_tab(admin_page, csp_violations):
    page = admin_page()
    open_question(page, "male", "My child's social worker is male")
    page.fill("#id_answer", "#### Before you write\n\n- **note** your reasons\n\n<script>alert(1)</script>")
    with page.expect_popup() as popup:
        page.click("text=Preview the answer")
    preview = popup.value
    preview.wait_for_load_state()
    article = preview.locator("article.markdown-preview")
    assert article.locator("h2").inner_text() == "Before you write"
    assert article.locator("li strong").inner_text() == "note"
    assert "alert" not in article.inner_html()
    assert "Before you write" not in Question.objects.get(slug="social-worker-is-male").answer
    assert csp_violations == []


def test_a_draft_stays_off_the_public_site(admin_page, make_page, site, csp_violations):
    page = admin_page(375, javascript=False)
    open_question(page, "male", "My child's social worker is male")
    page.select_option("#id_status", "draft")
    page.click("input[name=_save]")
    open_question(page, "male", "My child's social worker is male")
    assert page.locator("a.viewsitelink").count() == 0

    reader = make_page(375)
    assert reader.goto(site + "/guides/mothers/social-worker-is-male/").status == 404
    for listing in ("/guides/mothers/", "/for/mothers/", "/search/?q=social+worker+male"):
        reader.goto(site + listing)
        assert reader.locator("a[href='/guides/mothers/social-worker-is-male/']").count() == 0
    assert csp_violations == []


def test_every_admin_page_runs_under_the_strict_csp(admin_page, site, csp_violations):
    page = admin_page()
    question = Question.objects.get(slug="social-worker-is-male")
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
        f"/admin/faqs/helpline/{Helpline.objects.first().pk}/change/",
    ]:
        assert page.goto(site + path).status == 200, path
    page.fill("#nav-filter", "quest")  # the sidebar's filter is the admin's own external script
    assert page.locator("#nav-sidebar a:text-is('Questions')").is_visible()
    assert not page.locator("#nav-sidebar a:text-is('Guides')").is_visible()
    assert csp_violations == []


def test_a_dozen_wrong_passwords_lock_the_login(make_page, site, editor):
    page = make_page(1280)
    for _ in range(12):
        page.goto(site + "/admin/login/")
        log_in(page, "not the password")
    assert "Login locked" in page.locator("#content").inner_text()
    page.goto(site + "/admin/login/")
    log_in(page, PASSWORD)
    assert "Login locked" in page.locator("#content").inner_text()
    page.goto(site + "/admin/")
    assert "/admin/login/" in page.url
