"""What several test files use: the real content's folder, content files, database snapshots, the admin's forms,
the crawl, the privacy assertions, and fresh interpreters. Fixtures live in conftest.py; factories in factories.py.
"""

import io
import os
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.conf import settings
from django.core.management import call_command

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
