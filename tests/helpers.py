"""What several test files use: the real content's folder, content files, database snapshots, the admin's forms,
the crawl, the privacy assertions, and fresh interpreters. Fixtures live in conftest.py; factories in factories.py.
"""

import io
import json
import os
import subprocess
import sys
import time
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from faqs.helplines.admin import HelplineForm
from faqs.models import Audience

CONTENT_DIR = settings.BASE_DIR / "content"
# The editor the `editor` fixture creates.
EDITOR, PASSWORD = "editor", "a long enough password"


# --- Content files and the database ---------------------------------------------------------------------


def write_file(folder, name, text):
    """Write one content file into `folder` (made if need be) and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def database_state():
    """Everything the site stores, as one string: equal before and after means nothing was written."""
    out = io.StringIO()
    call_command("dumpdata", "faqs", "taggit", stdout=out, indent=None)
    return out.getvalue()


# --- The admin ------------------------------------------------------------------------------------------


def question_form(question, **changes):
    """What an editor's browser posts from the question's change form, with `changes` typed in."""
    data = {
        "section": question.section_id,
        "text": question.text,
        "slug": question.slug,
        "status": question.status,
        "answer": question.answer,
        "audiences": [a.pk for a in Audience.objects.filter(slug__in=question.audience_slugs())],
        "topics": ", ".join(question.topic_names()),
        "last_reviewed": question.last_reviewed.isoformat(),
        "order": question.order,
        "_save": "Save",
    }
    return {**data, **changes}


def change_url(obj):
    opts = obj._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/"


def helpline_form(helpline, **changes):
    data = {
        name: getattr(helpline, name)
        for name in HelplineForm._meta.fields
        if name not in {"audiences", "hours", "last_checked", "always_open", "closed_on_bank_holidays"}
    }
    data.update(
        audiences=list(helpline.audiences.values_list("pk", flat=True)),
        hours=json.dumps(helpline.hours),
        last_checked=helpline.last_checked.isoformat(),
        _save="Save",
    )
    data.update(
        {name: "on" for name in ("always_open", "closed_on_bank_holidays") if getattr(helpline, name)}
    )
    return {**data, **changes}


def log_in(client, password=PASSWORD):
    return client.post("/admin/login/?next=/admin/", {"username": EDITOR, "password": password})


# --- Pages ----------------------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def internal_links(base, html):
    parser = _Links()
    parser.feed(html)
    for href in parser.hrefs:
        url = urljoin(base, urldefrag(href).url)
        if not urlsplit(url).scheme and not url.startswith(("/admin/", "/static/")):
            yield url


def crawl(client, start="/"):
    """Every page reachable from `start` by following this site's own links: {url: response}."""
    seen, queue = {}, [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response
        if response.status_code == 200 and "text/html" in response["Content-Type"]:
            queue.extend(internal_links(url, response.content.decode()))
    return seen


def assert_has_exit_control(html):
    exit_link = f'href="{settings.EXIT_URL}" rel="nofollow noreferrer" data-exit-this-page'
    assert html.count(exit_link) == 2, "the skip-link-style exit link and the sticky exit button"
    assert '<span class="visually-hidden">Emergency</span> Exit this page' in html
    assert f'src="/static/js/exit-guard.js" data-exit-url="{settings.EXIT_URL}"></script>' in html
    assert 'src="/static/js/exit-this-page.js" defer></script>' in html
    assert 'href="/about-the-exit-button/"' in html
    assert 'href="/cover-your-tracks/"' in html


def assert_leaves_no_trace(response):
    assert response.cookies == {}
    assert response["Referrer-Policy"] == "same-origin"


def parse_csp(header):
    """A Content-Security-Policy header as {directive: set of sources}; a repeated directive fails the test."""
    policy = {}
    for directive in filter(None, (part.strip() for part in header.split(";"))):
        name, *sources = directive.split()
        assert name.lower() not in policy, f"{name} appears twice in {header!r}"
        policy[name.lower()] = set(sources)
    return policy


# --- Fresh interpreters ---------------------------------------------------------------------------------


def run_python(code, *, settings_module, **env):
    """Run `code` in a fresh interpreter with the given settings and only these DJANGO_* and DATABASE_URL
    variables, so what this test run set up cannot leak into what is being checked."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": settings_module, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def run_settings(**env):
    """Import the production settings in a fresh interpreter with exactly this environment."""
    return run_python(
        "from django.conf import settings as s; print(s.DEBUG, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.DATABASES['default']['ENGINE'], s.ALLOWED_HOSTS)",
        settings_module="guidance_site.settings",
        **env,
    )


# --- Two-step sign-in -------------------------------------------------------------------------------------


def app_code(user, device=None):
    """The code the editor's app shows now, computed from the device's secret; if this time step's code was
    already used (a device accepts each once), the next step's, which the device also accepts."""
    device = TOTPDevice.objects.get(pk=(device or _app(user)).pk)  # fresh: last_t changes as codes are used
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step
    return f"{totp.token():0{device.digits}d}"


def allow_the_next_try_at_once(user):
    """django-otp makes each device wait a second (doubling) after a wrong code: tests need not."""
    for device in [*TOTPDevice.objects.filter(user=user), *StaticDevice.objects.filter(user=user)]:
        device.throttle_reset()


def _app(user):
    return TOTPDevice.objects.filter(user=user).order_by("-confirmed", "-pk").first()


def verified_client(user):
    """A test client signed in as `user` through both steps, as if the app's code had been entered."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = _app(user).persistent_id
    session.save()
    return client
