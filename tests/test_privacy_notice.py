"""The privacy notice says what the site keeps; where a setting decides it, the notice is held to the setting."""

import datetime
import re

from django.conf import settings

from tests.helpers import CONTENT_DIR, ROOT, crawl

NOTICE = (CONTENT_DIR / "pages" / "privacy.md").read_text(encoding="utf-8")


def test_the_notice_and_the_accessibility_statement_are_linked_from_every_page(client, content):
    for url, response in crawl(client).items():
        html = response.content.decode()
        assert 'href="/privacy/"' in html and 'href="/accessibility/"' in html, url
    assert "This notice says what this website keeps" in client.get("/privacy/").content.decode()


def test_no_cookies_for_readers_as_the_notice_says(client, content):
    assert "**No cookies.**" in NOTICE
    for url, response in crawl(client).items():
        assert not response.cookies, url
    assert settings.SECURE_REFERRER_POLICY == "same-origin"  # "do not tell them which page you came from"


def test_the_editors_session_and_the_lockout_are_as_the_notice_says():
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.CSRF_COOKIE_AGE is None  # the form cookie also ends when the browser closes
    assert "ends after 30 minutes without activity" in NOTICE
    assert datetime.timedelta(minutes=30) == settings.AXES_COOLOFF_TIME
    assert f"After {settings.AXES_FAILURE_LIMIT} failures the sign-in is locked for 30 minutes" in NOTICE
    assert settings.AXES_DISABLE_ACCESS_LOG and "Successful sign-ins are not logged." in NOTICE


def test_the_logs_keep_what_the_notice_says_and_no_more():
    assert "They do not record your internet (IP) address or which browser you use." in NOTICE
    formats = re.findall(r"log_format \w+ '([^']+)'", (ROOT / "deploy" / "nginx.conf").read_text())
    assert formats
    for log_format in formats:
        for kept in ("$remote_addr", "$http_user_agent", "$request_uri", "$args", "$query_string"):
            assert kept not in log_format
    serve = (ROOT / "deploy" / "serve").read_text()
    assert "%(U)s" in serve and "%(path)s" in serve  # paths without query strings (tests/test_no_trace.py)
    assert "no_query_strings" in settings.LOGGING["handlers"]["console"]["filters"]
