"""Every response carries the whole strict Content-Security-Policy: public pages, error pages and the admin.

The policy is written out here literally, not read from settings, so that loosening settings.SECURE_CSP (an
'unsafe-eval', an https: source, a dropped directive) fails this test instead of being mirrored by it.
"""

import pytest

from faqs.pages.views import HELP_PAGES
from tests.factories import make_help_page, make_helpline, make_question
from tests.helpers import change_url, parse_csp, verified_client

INTENDED_POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
    "base-uri": {"'none'"},
    "object-src": {"'none'"},
}


def assert_strict_csp(response, url):
    assert "Content-Security-Policy-Report-Only" not in response.headers, url
    assert parse_csp(response["Content-Security-Policy"]) == INTENDED_POLICY, url


def test_the_policy_parser_sees_every_directive_and_source():
    """Guards the comparison below: a weakened header parses to something different."""
    header = "default-src 'self'; script-src 'self' 'unsafe-eval' https:;  object-src 'none';"
    assert parse_csp(header) == {
        "default-src": {"'self'"},
        "script-src": {"'self'", "'unsafe-eval'", "https:"},
        "object-src": {"'none'"},
    }
    with pytest.raises(AssertionError, match="appears twice"):
        parse_csp("script-src 'self'; script-src *")


def test_public_pages_send_the_whole_policy(client, db):
    question = make_question()
    make_helpline()
    for slug in HELP_PAGES:
        make_help_page(slug)
    for url in [
        "/",
        "/for/mothers/",
        question.guide.get_absolute_url(),
        question.get_absolute_url(),
        "/helplines/",
        f"/search/?q={question.text}",
        "/about-the-exit-button/",
        "/cover-your-tracks/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict_csp(response, url)


@pytest.mark.urls("tests.urls_that_fail")
@pytest.mark.parametrize(
    ("url", "status"),
    [("/fail/400/", 400), ("/fail/403/", 403), ("/no-such-page/", 404), ("/fail/500/", 500)],
)
def test_error_pages_send_the_whole_policy(client, db, url, status):
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == status
    assert_strict_csp(response, url)


def test_the_admin_login_page_sends_the_whole_policy(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert_strict_csp(response, "/admin/login/")


def test_a_logged_in_editors_admin_pages_send_the_whole_policy(editor):
    client = verified_client(editor)
    question = make_question()
    pages = ["/admin/", "/admin/faqs/question/", change_url(question), change_url(make_helpline())]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict_csp(response, url)


def test_the_two_step_pages_send_the_whole_policy(client, editor):
    client.force_login(editor)  # the password step only
    response = client.get("/admin/two-step/")
    assert response.status_code == 200
    assert_strict_csp(response, "/admin/two-step/")
    editor.totpdevice_set.all().delete()
    response = client.get("/admin/two-step/set-up/")
    assert response.status_code == 200
    assert_strict_csp(response, "/admin/two-step/set-up/")
