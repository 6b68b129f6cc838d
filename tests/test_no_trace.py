"""No trace: every page carries the exit control, no page sets a cookie, and no log keeps a query string."""

import io
import logging
import os
import socket
import subprocess
import threading
import time
from contextlib import contextmanager
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer, get_internal_wsgi_application

from guidance_site.logging import StripQueryStrings
from tests.helpers import assert_has_exit_control, assert_leaves_no_trace, crawl, run_python, wait_until_up


def test_every_page_reachable_from_home_has_the_exit_control_and_leaves_no_trace(client, content):
    pages = crawl(client)
    assert "/about-the-exit-button/" in pages and "/cover-your-tracks/" in pages
    for response in pages.values():
        assert_has_exit_control(response.content.decode())
        assert_leaves_no_trace(response)


def test_the_exit_pages_use_the_configured_destination(client, settings, content):
    settings.EXIT_URL = "https://example.org/news"
    html = client.get("/about-the-exit-button/").content.decode()
    assert "(example.org)" in html
    assert html.count('href="https://example.org/news" rel="nofollow noreferrer"') == 2


def record(msg, *args, **extra):
    record = logging.LogRecord("django.server", logging.INFO, __file__, 1, msg, args, None)
    record.__dict__.update(extra)
    return record


@pytest.mark.parametrize(
    "log_record",
    [
        record('"%s" %s %s', "GET /search/?q=secret+words HTTP/1.1", "200", "5120"),
        record("Not Found: /search/?q=secret"),
        record("%(request_line)s", {"request_line": "GET /?q=secret HTTP/1.1"}),
        record("%s", "https://site.example/search/?q=secret&page=2", request=object()),
    ],
)
def test_the_logging_filter_strips_query_strings_and_the_request(log_record):
    assert StripQueryStrings().filter(log_record)
    assert "secret" not in log_record.getMessage()
    assert getattr(log_record, "request", None) is None


@contextmanager
def captured_logs():
    """What the site's configured console handler writes, while the block runs."""
    handler = next(
        h for h in logging.getLogger("django.server").handlers if isinstance(h, logging.StreamHandler)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        yield stream
    finally:
        handler.setStream(previous)


@pytest.mark.urls("tests.urls_that_fail")
def test_requests_with_a_search_log_nothing_of_it(client, db):
    client.raise_request_exception = False
    with captured_logs() as logs:
        assert client.get("/no-such-page/?q=secret").status_code == 404
        assert client.get("/fail/500/?q=secret").status_code == 500
    assert "Internal Server Error: /fail/500/" in logs.getvalue()
    assert "secret" not in logs.getvalue()


def test_the_development_server_logs_paths_without_query_strings(transactional_db):
    """`transactional_db`: the pages look for the editors' notice, from the server's thread."""
    server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    server.set_app(get_internal_wsgi_application())
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    with captured_logs() as logs:
        try:
            assert urlopen(base + "/static/favicon.svg?q=secret").status == 200
            with pytest.raises(HTTPError):
                urlopen(base + "/no-such-page/?q=secret")
        finally:
            server.shutdown()  # waits for the request in hand, and its log line, to finish
    server.server_close()
    thread.join()
    assert "GET /static/favicon.svg HTTP/1.1" in logs.getvalue()
    assert "secret" not in logs.getvalue()


@pytest.mark.parametrize("app_server", ["granian", "gunicorn-sync", "gunicorn-gthread"])
def test_the_app_servers_access_logs_keep_no_query_string(tmp_path, app_server):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db",
        "PORT": str(port),
        "WORKERS": "1",
        "APP_SERVER": app_server,
    }
    migrated = run_python(
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('migrate', verbosity=0)",
        settings_module="tests.settings",
        DATABASE_URL=env["DATABASE_URL"],
    )
    assert migrated.returncode == 0, migrated.stderr
    server = subprocess.Popen(
        [settings.BASE_DIR / "deploy" / "serve"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # Read as it comes: a server writes its access line after answering, and on a busy machine that can be
    # later than the test would otherwise stop it.
    lines = []

    def read():
        for line in server.stdout:
            lines.append(line)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        status, _, _ = wait_until_up(f"http://127.0.0.1:{port}/static/favicon.svg?q=secret", server, 60)
        assert status == 200
        deadline = time.monotonic() + 20
        while (
            not any("GET /static/favicon.svg 200" in line for line in lines) and time.monotonic() < deadline
        ):
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=20)
        reader.join(timeout=20)
    output = "".join(lines)
    assert "GET /static/favicon.svg 200" in output, output
    assert "secret" not in output
