"""Two-step sign-in: a password alone reaches only the second step; app codes and recovery codes; the lockout
counts wrong codes; sessions and the previous sign-in."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from faqs.accounts.devices import issue_recovery_codes
from tests.factories import make_editor
from tests.helpers import PASSWORD, allow_the_next_try_at_once, app_code

ADMIN_PAGES = ["/admin/", "/admin/faqs/question/", "/admin/faqs/helpline/", "/admin/password_change/"]


def password_step(client, username="editor", password=PASSWORD, next_url="/admin/"):
    return client.post(f"/admin/login/?next={next_url}", {"username": username, "password": password})


def code_step(client, code, next_url="/admin/"):
    return client.post(f"/admin/two-step/?next={next_url}", {"code": code})


@pytest.fixture
def editor(db):
    return make_editor(superuser=True)


def test_a_password_alone_reaches_only_the_second_step(client, editor):
    assert password_step(client)["Location"] == "/admin/"
    for url in ADMIN_PAGES:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/two-step/?next="), url
    assert client.get("/admin/login/")["Location"].startswith("/admin/two-step/")
    assert client.get("/admin/two-step/set-up/")["Location"].startswith("/admin/two-step/")
    assert not TOTPDevice.objects.filter(user=editor, confirmed=False).exists()  # no device of one's own


def test_the_app_code_lets_the_editor_in_where_they_were_going(client, editor):
    password_step(client, next_url="/admin/faqs/question/")
    page = client.get("/admin/two-step/?next=/admin/faqs/question/")
    assert page.status_code == 200 and 'autocomplete="one-time-code"' in page.content.decode()
    response = code_step(client, app_code(editor), "/admin/faqs/question/")
    assert response["Location"] == "/admin/faqs/question/"
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == 200, url


def test_another_sites_address_is_not_followed(client, editor):
    password_step(client)
    assert code_step(client, app_code(editor), "https://example.org/")["Location"] == "/admin/"


def test_a_recovery_code_works_once(client, editor):
    first, second = issue_recovery_codes(editor, 2)
    password_step(client)
    assert code_step(client, first.upper())["Location"] == "/admin/"  # as read aloud or typed in capitals
    client.logout()
    password_step(client)
    assert code_step(client, first).status_code == 200  # refused: the form again
    assert "/admin/two-step/" in client.get("/admin/")["Location"]
    allow_the_next_try_at_once(editor)
    assert code_step(client, second)["Location"] == "/admin/"


def test_wrong_codes_count_towards_the_lockout_with_wrong_passwords(client, editor):
    password_step(client, password="wrong password")
    password_step(client, password="wrong password")
    password_step(client)
    for _ in range(2):
        assert "That code was not accepted" in code_step(client, "000000").content.decode()
    locked = code_step(client, "123456")
    assert locked.status_code == 429 and "Login locked" in locked.content.decode()
    assert "_auth_user_id" not in client.session  # the half-signed-in session is ended
    assert password_step(client).status_code == 429  # and the right password is refused too


def test_a_right_password_alone_does_not_reset_the_count(client, editor):
    for _ in range(2):
        password_step(client)
        code_step(client, "999999")
        code_step(client, "999998")
        client.logout()
    password_step(client)
    assert code_step(client, "888888").status_code == 429


def test_cancel_signs_out(client, editor):
    password_step(client)
    response = client.post("/admin/two-step/", {"cancel": "1"})
    assert response["Location"] == "/admin/login/" and "_auth_user_id" not in client.session


def test_an_account_without_a_device_is_guided_through_setting_one_up(client, db):
    newcomer = make_editor("newcomer", device=False)
    password_step(client, "newcomer")
    assert client.get("/admin/")["Location"].startswith("/admin/two-step/")
    assert (
        client.get("/admin/two-step/?next=/admin/")["Location"] == "/admin/two-step/set-up/?next=%2Fadmin%2F"
    )
    html = client.get("/admin/two-step/set-up/?next=/admin/").content.decode()
    device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    assert "otpauth://totp/" in html and 'src="data:image/svg+xml' in html
    secret = re.search(r'<code class="two-step-secret">([A-Z2-7 ]+)</code>', html).group(1)
    assert len(secret.replace(" ", "")) == 32
    assert client.post("/admin/two-step/set-up/?next=/admin/", {"code": "000000"}).status_code == 200
    allow_the_next_try_at_once(newcomer)
    done = client.post("/admin/two-step/set-up/?next=/admin/", {"code": app_code(newcomer, device)})
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert len(codes) == 10 and 'href="/admin/"' in done.content.decode()
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user=newcomer).count() == 10


def test_the_set_up_page_is_not_for_anonymous_visitors(client, db):
    assert client.get("/admin/two-step/set-up/")["Location"] == "/admin/login/"
    assert client.get("/admin/two-step/")["Location"] == "/admin/login/"


def test_the_command_issues_recovery_codes_that_replace_the_last_set(client, editor, capsys):
    call_command("issue_recovery_codes", "editor")
    old = capsys.readouterr().out.split()
    call_command("issue_recovery_codes", "editor", "--count", "3")
    new = capsys.readouterr().out.split()
    assert len(old) == 10 and len(new) == 3
    password_step(client)
    assert code_step(client, old[0]).status_code == 200
    allow_the_next_try_at_once(editor)
    assert code_step(client, new[0])["Location"] == "/admin/"
    with pytest.raises(CommandError, match='no account "nobody"'):
        call_command("issue_recovery_codes", "nobody")


def test_createsuperuser_still_works_and_the_new_account_is_sent_to_set_up(client, db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--noinput", username="first", email="first@example.invalid")
    password_step(client, "first")
    assert client.get("/admin/two-step/")["Location"].startswith("/admin/two-step/set-up/")


def test_the_index_shows_the_previous_sign_in_not_this_one(client, editor):
    editor.last_login = timezone.make_aware(datetime.datetime(2026, 3, 4, 21, 15))
    editor.save()
    password_step(client)
    code_step(client, app_code(editor))
    html = client.get("/admin/").content.decode()
    assert "last signed in on Wednesday 4 March 2026 at 21:15" in html
    editor.refresh_from_db()
    assert editor.last_login > timezone.now() - datetime.timedelta(minutes=1)


def test_an_accounts_first_sign_in_says_so(client, editor):
    password_step(client)
    code_step(client, app_code(editor))
    assert "This is the first time your account has signed in" in client.get("/admin/").content.decode()


def test_admin_cookies_are_http_only_strict_and_end_with_the_browser(client, editor):
    client.get("/admin/login/")
    response = password_step(client)
    for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME):
        cookie = response.cookies[name] if name in response.cookies else client.cookies[name]
        assert cookie["httponly"] and cookie["samesite"] == "Strict", name
        assert not cookie["expires"] and not cookie["max-age"], name  # gone when the browser closes
    assert client.session.get_expiry_age() == 30 * 60


def test_the_session_ends_after_30_minutes_without_a_request(editor, settings):
    client = Client()
    password_step(client)
    code_step(client, app_code(editor))
    session = client.session
    session.set_expiry(-1)  # as if the last request was more than 30 minutes ago
    session.save()
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
