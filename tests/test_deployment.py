"""The deployment guide, rehearsed: nginx terminating TLS with deploy/nginx.conf, and a backup restored."""

import contextlib
import os
import re
import shutil
import signal
import ssl
import subprocess

import brotli

from tests.helpers import (
    ROOT,
    free_port,
    get,
    manage,
    prepare,
    production_env,
    scratch_postgres,
    serving,
    wait_until_up,
)

QUESTION = "/guides/mothers/clares-law/"


def self_signed_certificate(directory):
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost", "-keyout", directory / "privkey.pem",
         "-out", directory / "fullchain.pem"],
        check=True, capture_output=True,
    )  # fmt: skip
    return ssl.create_default_context(cafile=directory / "fullchain.pem")


def nginx_config(tmp_path, app_port, http_port, https_port):
    """deploy/nginx.conf on loopback ports, with this test's certificate and log: nothing else changed."""
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    for old, new in [
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        ("listen [::]:80;\n", ""),
        ("listen [::]:443 ssl http2;\n", ""),
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};"),
        ("/etc/letsencrypt/live/guidance.example.org/", f"{tmp_path}/"),
        ("/var/log/nginx/", f"{tmp_path}/"),
        ("guidance.example.org", "localhost"),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    main = f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; daemon off;\nevents {{}}\n"
    main += f"http {{ include /etc/nginx/mime.types;\n{text}\n}}\n"
    (tmp_path / "nginx.conf").write_text(main)
    return tmp_path / "nginx.conf"


def test_nginx_terminates_tls_in_front_of_the_app_server(tmp_path):
    tmp_path.chmod(0o755)
    env = production_env(tmp_path, DJANGO_HTTPS="1", DJANGO_ALLOWED_HOSTS="localhost")
    prepare(env)
    tls = self_signed_certificate(tmp_path)
    http_port, https_port = free_port(), free_port()
    with serving(env) as app:
        config = nginx_config(tmp_path, app.rsplit(":", 1)[1], http_port, https_port)
        nginx = subprocess.Popen(["nginx", "-c", config, "-e", tmp_path / "error.log"])
        try:
            site = f"https://localhost:{https_port}"
            wait_until_up(site + "/robots.txt", nginx, context=tls)
            check_through_the_proxy(site, http_port, tls)
        finally:
            nginx.terminate()
            nginx.wait(timeout=10)
    log = (tmp_path / "guidance-access.log").read_text()
    assert f"GET {QUESTION}" in log and "secret" not in log and "127.0.0.1" not in log


def check_through_the_proxy(site, http_port, tls):
    status, headers, body = get(site + QUESTION, {"Accept-Encoding": "gzip, br"}, tls)
    assert status == 200 and headers["Content-Encoding"] == "br"
    assert b"Domestic Violence Disclosure Scheme" in brotli.decompress(body)
    assert "preload" in headers["Strict-Transport-Security"]
    assert get(site + QUESTION, {"If-None-Match": headers["ETag"]}, tls)[0] == 304
    stylesheet = re.search(rb'href="(/static/css/site\.\w+\.css)"', brotli.decompress(body)).group(1)
    assert "immutable" in get(site + stylesheet.decode(), context=tls)[1]["Cache-Control"]
    status, headers, _ = get(site + "/admin/login/", {"Accept-Encoding": "gzip, br"}, tls)
    assert status == 200 and "Content-Encoding" not in headers
    assert get(site + "/search/?q=secret", context=tls)[0] == 200
    status, headers, _ = get(f"http://localhost:{http_port}{QUESTION}")
    assert status == 301 and headers["Location"] == f"https://localhost{QUESTION}"


# Not search: equally good results come in the database's order, which a restore may change.
PAGES = [
    "/",
    "/for/mothers/",
    "/guides/mothers/",
    "/guides/supporting-children-and-families/",
    QUESTION,
    "/sitemap.xml",
]


def pages_served(env):
    with serving(env) as base:
        return {url: get(base + url)[2].replace(base.encode(), b"SITE") for url in PAGES}  # ports differ


def test_a_backup_restored_into_an_empty_database_serves_the_same_pages(tmp_path):
    exported = tmp_path / "exported"
    shutil.copytree(ROOT / "content", exported)  # its README and other files stay; the guides are rewritten
    with scratch_postgres("backup") as original, scratch_postgres("restored") as restored:
        env = production_env(tmp_path, DATABASE_URL=original)
        prepare(env)
        before = pages_served(env)
        dump = tmp_path / "backup.dump"
        subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", original], check=True)
        manage(env, "export_content", str(exported))
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={restored}", dump], check=True)
        assert pages_served({**env, "DATABASE_URL": restored}) == before
    with scratch_postgres("from_export") as from_export:
        env = {**env, "DATABASE_URL": from_export}
        prepare(env, exported)
        assert pages_served(env) == before


def test_the_app_server_stops_when_told_to_while_its_workers_are_still_starting(tmp_path):
    # A worker loads the site and prepares search before it sets its own signal handlers: told to stop then, it
    # misses the signal, and deploy/serve has granian kill it rather than wait for it forever.
    env = production_env(tmp_path)
    prepare(env)
    server = subprocess.Popen(
        [ROOT / "deploy" / "serve"],
        cwd=ROOT,
        env={**env, "PORT": str(free_port()), "WORKERS": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        for line in server.stdout:
            if "Spawning worker-1" in line:
                break
        server.terminate()  # the worker is importing Django
        log = server.communicate(timeout=30)[0]
    finally:
        with contextlib.suppress(ProcessLookupError):  # nothing left behind, whatever happened
            os.killpg(server.pid, signal.SIGKILL)
    assert "Killing worker-1 after it refused to gracefully stop" in log
