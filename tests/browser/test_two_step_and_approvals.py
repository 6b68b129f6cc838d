"""Issue 15, as it will be checked, in headless Chromium: two-step sign-in, recovery codes from the command, wrong
codes towards the lockout, helpline numbers under two pairs of eyes, least privilege, and still no cookies for
readers. Every admin page runs under the strict CSP."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.helpers import enter_code, log_in, sign_in
from tests.factories import make_editor, make_helpline
from tests.helpers import PASSWORD, app_code

# Ofcom's range for drama (0808 157 0000-0999): never a real service's number.
OLD, NEW = "0808 157 0123", "0808 157 0456"


@pytest.fixture
def csp_violations():
    return []


@pytest.fixture
def open_page(make_page, site, csp_violations):
    def open_at(path, width=1280):
        page = make_page(width)
        page.on(
            "console",
            lambda message: "Content Security Policy" in message.text and csp_violations.append(message.text),
        )
        page.goto(site + path)
        return page

    return open_at


def test_a_password_alone_reaches_only_the_set_up_page_and_the_app_code_gets_in(
    open_page, site, csp_violations, other_origin_requests
):
    newcomer = make_editor("newcomer", superuser=True, device=False)
    page = open_page("/admin/faqs/question/", width=320)
    log_in(page, PASSWORD, "newcomer")
    assert "/admin/two-step/set-up/" in page.url
    for path in ("/admin/", "/admin/auth/user/", "/admin/password_change/", "/admin/faqs/question/"):
        page.goto(site + path)
        assert "/admin/two-step/set-up/" in page.url, path
        assert page.locator("#nav-sidebar, #user-tools").count() == 0
    assert page.locator("img.two-step-qr").get_attribute("src").startswith("data:image/svg+xml")
    secret = page.locator("code.two-step-secret").first.inner_text()
    device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    assert secret.replace(" ", "") in device.config_url
    enter_code(page, app_code(newcomer, device))
    assert page.locator("h1").inner_text() == "Your recovery codes"
    assert page.locator("ul.recovery-codes li").count() == 10
    page.click("text=I have kept them: continue")
    assert page.url == site + "/admin/faqs/question/"
    assert csp_violations == [] and other_origin_requests == []


def test_a_recovery_code_from_the_command_works_once(open_page, site, csp_violations):
    editor = make_editor(superuser=True)
    out = StringIO()
    call_command("issue_recovery_codes", "editor", stdout=out)
    code = out.getvalue().split()[0]
    page = open_page("/admin/")
    log_in(page, PASSWORD)
    enter_code(page, code)
    assert page.url == site + "/admin/"
    assert "This is the first time your account has signed in" in page.locator("#content").inner_text()

    again = open_page("/admin/")
    log_in(again, PASSWORD)
    enter_code(again, code)
    assert "That code was not accepted" in again.locator("#content").inner_text()
    again.goto(site + "/admin/")
    assert "/admin/two-step/" in again.url
    assert editor.totpdevice_set.exists() and csp_violations == []


def test_a_wrong_code_counts_towards_the_lockout(open_page, site):
    make_editor(superuser=True)
    page = open_page("/admin/login/")
    for _ in range(4):
        log_in(page, "not the password")
    log_in(page, PASSWORD)
    enter_code(page, "123456")
    assert "Login locked" in page.locator("#content").inner_text()
    page.goto(site + "/admin/")
    assert "/admin/login/" in page.url
    log_in(page, PASSWORD)
    assert "Login locked" in page.locator("#content").inner_text()


def test_a_new_number_waits_for_another_editor_and_readers_get_no_cookies(
    open_page, make_page, site, csp_violations
):
    helpline = make_helpline(name="Test line", slug="test-line", phone=OLD)
    proposer = make_editor("proposer", groups=["Editors", "Helpline approvers"])
    approver = make_editor("checker", groups=["Editors", "Helpline approvers"])

    page = open_page("/admin/")
    sign_in(page, proposer)
    page.goto(f"{site}/admin/faqs/helpline/{helpline.pk}/change/")
    page.fill("#id_phone", NEW)
    page.click("input[name=_save]")
    assert "not on the site yet" in page.locator(".messagelist").inner_text()
    reader = make_page(320)
    reader.goto(site + "/helplines/")
    assert reader.locator("#test-line a[href='tel:08081570123']").count() == 1
    assert reader.locator("a[href='tel:08081570456']").count() == 0

    page.goto(f"{site}/admin/faqs/helplinechange/")
    page.click("#result_list a:text('New contact details for Test line')")
    assert "proposed by proposer" in page.locator("#content-main").inner_text()
    assert page.locator("button[value=approve]").count() == 0  # not for the proposer

    checker = open_page("/admin/")
    sign_in(checker, approver)
    checker.goto(f"{site}/admin/faqs/helpline/{helpline.pk}/change/")
    checker.click(".field-pending_contact_change a")
    checker.click("button[value=approve]")
    assert "approved: the new details are on the site" in checker.locator(".messagelist").inner_text()
    reader.reload()
    assert reader.locator("#test-line a[href='tel:08081570456']").count() == 1
    assert reader.context.cookies() == []
    assert csp_violations == []


def test_an_editor_cannot_manage_accounts(open_page, site):
    editor = make_editor("plain", groups=["Editors"])
    page = open_page("/admin/")
    sign_in(page, editor)
    index = page.locator("#content-main").inner_text()
    assert page.locator("#content-main a:text-is('Questions')").count() == 1, (
        index,
        editor.get_all_permissions(),
    )
    assert page.locator("#content-main a:text-is('Users')").count() == 0
    assert page.goto(site + "/admin/auth/user/").status == 403
    assert page.goto(site + "/admin/otp_totp/totpdevice/").status == 403
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["sessionid"]["httpOnly"] and cookies["sessionid"]["sameSite"] == "Strict"
    assert cookies["sessionid"]["expires"] == -1  # a session cookie: gone when the browser closes
