"""Real servers for deployment tests: the production settings, `deploy/serve`, scratch databases.

Everything listens on 127.0.0.1 only. Scratch PostgreSQL databases live on the server the suite uses
(DATABASE_URL when it is PostgreSQL, else POSTGRES_URL, else the Makefile's default) and are dropped after.
"""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from urllib.error import HTTPError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import HTTPRedirectHandler, HTTPSHandler, Request, build_opener

import psycopg
from django.conf import settings

ROOT = settings.BASE_DIR
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/test"


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
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        **env,
    }


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def prepare(env, content_dir=None):
    manage(env, "migrate", "--noinput", "-v0")
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
