"""The link checker, against a local server only: no test reaches the internet."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from faqs.content.link_checker import check_links, find_links


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        if self.path == "/get-only":
            return self.answer(405)
        self.do_GET()

    def do_GET(self):
        if self.path.startswith("/slow"):
            time.sleep(2)
        self.answer(404 if self.path == "/missing" else 200)

    def answer(self, status):
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server(monkeypatch):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)  # straight to 127.0.0.1, never through a proxy
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def content(tmp_path, server):
    (tmp_path / "a-guide.md").write_text(
        f"---\ntitle: A\n---\n\nSee [it]({server}/ok) and {server}/get-only.\n\n"
        f"Gone: [this]({server}/missing).\nSlow: <{server}/slow>\n"
    )
    (tmp_path / "helplines.md").write_text(f"## A helpline\nwebsite: {server}/missing\n")
    (tmp_path / "README.md").write_text(f"{server}/missing is an example\n")
    return tmp_path


def test_links_are_found_with_their_file_and_line(tmp_path, server):
    links = find_links(content(tmp_path, server))
    assert [(link.path.name, link.line, link.url.removeprefix(server)) for link in links] == [
        ("a-guide.md", 5, "/ok"),
        ("a-guide.md", 5, "/get-only"),
        ("a-guide.md", 7, "/missing"),
        ("a-guide.md", 8, "/slow"),
        ("helplines.md", 2, "/missing"),
    ]


def test_broken_and_slow_links_fail_with_file_and_line(tmp_path, server):
    failures = check_links(find_links(content(tmp_path, server)), workers=2, timeout=0.5, deadline=10)
    lines = [str(failure) for failure in failures]
    assert lines == [
        f"{tmp_path / 'a-guide.md'}:7: {server}/missing: HTTP 404 Not Found",
        f"{tmp_path / 'a-guide.md'}:8: {server}/slow: no answer within 0.5 seconds",
        f"{tmp_path / 'helplines.md'}:2: {server}/missing: HTTP 404 Not Found",
    ]


def test_the_deadline_bounds_the_whole_run(tmp_path, server):
    (tmp_path / "slow.md").write_text("\n".join(f"{server}/slow?{n}" for n in range(4)))
    started = time.monotonic()
    failures = check_links(find_links(tmp_path), workers=1, timeout=5, deadline=0.5)
    assert time.monotonic() - started < 2
    assert failures and all(
        "not checked within the deadline" in str(f) or "no answer" in str(f) for f in failures
    )


def test_the_command_prints_failures_and_exits_non_zero(tmp_path, server, capsys):
    with pytest.raises(CommandError, match="2 of 5 links failed"):
        call_command("check_links", str(content(tmp_path, server)), "--timeout", "3")
    out = capsys.readouterr().out
    assert f"a-guide.md:7: {server}/missing: HTTP 404 Not Found" in out
    assert f"helplines.md:2: {server}/missing: HTTP 404 Not Found" in out
    (tmp_path / "a-guide.md").write_text(f"Fine: {server}/ok\n")
    (tmp_path / "helplines.md").unlink()
    call_command("check_links", str(tmp_path))
    assert "All 1 links answered" in capsys.readouterr().out
