"""What several test files use: the real content's folder, content files, database snapshots, the admin's forms,
the crawl, the privacy assertions, and fresh interpreters. Fixtures live in conftest.py; factories in factories.py.
"""

import io
import json
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urldefrag, urlencode, urljoin, urlsplit, urlunsplit
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, HTTPSHandler, Request, build_opener

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from faqs.helplines.admin import HelplineForm
from faqs.models import Audience

ROOT = settings.BASE_DIR
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/test"

CONTENT_DIR = settings.BASE_DIR / "content"
DATA_DIR = settings.BASE_DIR / "tests" / "data"
# A small site of its own (the `small_site` fixture), for tests of what loading and editing do, so that what
# editors do to content/ never breaks them.
SMALL_GUIDE = """\
---
title: Domestic abuse FAQs for mothers
slug: mothers
source: Family Rights Group
audiences: mothers
added: 2026-11-22
---

An introduction.

## Working with your child's social worker
slug: working-with-your-childs-social-worker

### My social worker does not understand domestic abuse
slug: social-worker-doesnt-understand

Ask them to read about it.

### My child's social worker is male
slug: social-worker-is-male
topics: working with social workers

You can ask for a social worker who is a woman.

## Getting help early
slug: getting-help-early

Early help is support for families.

### What is early help?
slug: what-is-early-help

Support before things get worse.
"""
SMALL_HELPLINES = """\
## NSPCC Helpline
slug: nspcc-helpline
group: worried-about-a-child
phone: 0808 800 5000
audiences: anyone
source: Example
last_checked: 2026-11-22

For adults worried about a child.
"""
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
        "added": question.added.isoformat(),
        "order": question.order,
        "_save": "Save",
        **inline_management(),
    }
    return {**data, **changes}


def change_url(obj):
    opts = obj._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/"


def inline_management(**counts):
    """The management forms of the question page's inlines: {prefix: number of new rows posted}."""
    data = {}
    for prefix in ("editors_notes", "change_notes", "reviews"):
        data |= {f"{prefix}-TOTAL_FORMS": counts.get(prefix, 0), f"{prefix}-INITIAL_FORMS": 0}
    return data


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
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
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


# --- Real servers: the production settings, deploy/serve, scratch PostgreSQL databases, all on 127.0.0.1 --------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(tmp_path, **env):
    """The production settings on plain HTTP, with a throwaway key and this test's own cache directory."""
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "guidance_site.settings",
        "DJANGO_SECRET_KEY": "tests-only-" + "abcdefghijklmnopqrstuvwxyz" * 2,
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_CACHE_DIR": str(tmp_path / "content-version"),
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        **env,
    }


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def prepare(env, content_dir=None):
    """The release steps, as the README gives them, on this test's own database and static files."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "load_content", *([str(content_dir)] if content_dir else []), "-v0")


@contextmanager
def serving(env, workers=1):
    """`deploy/serve` as production runs it; yields its base URL."""
    port = free_port()
    server = subprocess.Popen(
        [ROOT / "deploy" / "serve"],
        cwd=ROOT,
        env={**env, "PORT": str(port), "WORKERS": str(workers)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/robots.txt", server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def wait_until_up(url, server, seconds=30, context=None):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return get(url, context=context)
        except OSError:
            assert server.poll() is None, "the server exited"
            assert time.monotonic() < deadline, f"{url} did not answer"
            time.sleep(0.1)


class NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 3xx itself is the answer a test looks at


def get(url, headers=None, context=None):
    """(status, headers, body), also for error statuses; redirects are not followed."""
    opener = build_opener(NoRedirects, HTTPSHandler(context=context))
    try:
        with opener.open(Request(url, headers=headers or {})) as response:
            return response.status, response.headers, response.read()
    except HTTPError as error:
        return error.code, error.headers, error.read()


def postgres_server():
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgres") else os.environ.get("POSTGRES_URL", DEFAULT_POSTGRES)


@contextmanager
def scratch_postgres(name):
    """An empty PostgreSQL database named after the suite's own (`h14` gives `h14_<name>`); dropped after."""
    parts = urlsplit(postgres_server())
    database = f"{parts.path.lstrip('/') or 'test'}_{name}"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{database}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{database}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


# --- An editor's browser over plain HTTP: log in to the admin, save a change form ---------------------------


class FormFields(HTMLParser):
    """The fields a browser would submit from the page's form that has a `csrfmiddlewaretoken`."""

    def __init__(self):
        super().__init__()
        self.fields, self._select, self._textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.fields.append((a["name"], a.get("value", "on" if a.get("type") == "checkbox" else "")))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append(tuple(self._textarea))
            self._textarea = None


def form_fields(html):
    parser = FormFields()
    parser.feed(html)
    return parser.fields


class Editor:
    def __init__(self, base):
        self.base = base
        self.browser = build_opener(HTTPCookieProcessor(CookieJar()))

    def get(self, path):
        with self.browser.open(self.base + path) as response:
            return response.read().decode()

    def post(self, path, fields):
        request = Request(
            self.base + path, data=urlencode(fields).encode(), headers={"Referer": self.base + path}
        )
        with self.browser.open(request) as response:
            return response.url, response.read().decode()

    def log_in(self, username, password, *, app_key):
        """Both steps: the password, then the code an authenticator app with this key (hex) shows now."""
        fields = dict(form_fields(self.get("/admin/login/")))
        url, _ = self.post(
            "/admin/login/", {**fields, "username": username, "password": password, "next": "/admin/"}
        )
        assert "/admin/two-step/" in url, "the password was refused"
        step = urlsplit(url).path
        fields = dict(form_fields(self.get(step)))
        url, _ = self.post(step, {**fields, "code": f"{totp(bytes.fromhex(app_key)):06d}", "next": "/admin/"})
        assert url.endswith("/admin/"), "the code was refused"

    def save(self, change_path, **changes):
        fields = [(k, v) for k, v in form_fields(self.get(change_path)) if k not in changes]
        url, html = self.post(change_path, [*fields, *changes.items(), ("_save", "Save")])
        assert not url.endswith(change_path), "the admin refused the change: " + html[:2000]
