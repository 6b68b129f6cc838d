"""Load benchmark: the site as `make run` serves it, side by side with nginx serving the same page from disk.

    .venv/bin/python tests/benchmarks/load_benchmark.py                       # the chosen server, 60 s runs
    .venv/bin/python tests/benchmarks/load_benchmark.py --servers granian,gunicorn-sync,gunicorn-gthread
    .venv/bin/python tests/benchmarks/load_benchmark.py --memory-minutes 5    # and RSS growth under 5 min load

A script, not a test: the machine is shared, so only ratios measured in one run mean anything. It installs wrk
and nginx-light from Debian when missing (as root), makes a scratch SQLite database with the content loaded,
starts `deploy/serve` (APP_SERVER picks the server), and sends traffic to 127.0.0.1 only.
"""

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
QUESTION = "/guides/mothers/clares-law/"
SEARCH = "/search/?q=child+protection+conference"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SITE_PORT, NGINX_PORT = free_port(), free_port()
NGINX_CONF = """daemon off; worker_processes auto; pid {dir}/nginx.pid; error_log {dir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{ access_log off; include /etc/nginx/mime.types;
  server {{ listen 127.0.0.1:{port}; root {dir}/www; location / {{ try_files /page.html =404; }} }} }}
"""


def ensure_tools():
    missing = [pkg for tool, pkg in (("wrk", "wrk"), ("nginx", "nginx-light")) if not shutil.which(tool)]
    if missing:
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", *missing],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )


def site_env(scratch):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "guidance_site.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{scratch}/db.sqlite3",
        "DJANGO_CACHE_DIR": str(scratch / "cache"),
        "PORT": str(SITE_PORT),
    }


def prepare_database(env):
    for command in (["migrate", "--noinput"], ["load_content"], ["collectstatic", "--noinput"]):
        subprocess.run([PYTHON, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True)


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urlopen(url) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def start(command, env=None, log=None):
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process):
    process.terminate()
    process.wait(timeout=20)


def wrk(url, seconds, connections):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    errors += int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99_ms": to_ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "errors": errors,
    }


def to_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def tree_rss_kb(pid):
    """Resident memory of a server and all its worker processes."""
    out = subprocess.run(
        ["ps", "-o", "rss=", "--ppid", str(pid), "-p", str(pid)], capture_output=True, text=True
    )
    return sum(int(line) for line in out.stdout.split())


def run_nginx(scratch, page):
    (scratch / "www").mkdir(parents=True)
    (scratch / "www" / "page.html").write_bytes(page)
    (scratch / "nginx.conf").write_text(NGINX_CONF.format(dir=scratch, port=NGINX_PORT))
    process = start(["nginx", "-c", str(scratch / "nginx.conf"), "-e", str(scratch / "nginx-error.log")])
    try:
        wait_for(f"http://127.0.0.1:{NGINX_PORT}/")
    except OSError:
        stop(process)
        raise
    return process


def measure(server, args, env, scratch):
    base = f"http://127.0.0.1:{SITE_PORT}"
    log = open(scratch / f"{server}.log", "w")  # noqa: SIM115 (closed with the process)
    process = start([ROOT / "deploy" / "serve"], {**env, "APP_SERVER": server}, log)
    try:
        page = wait_for(base + QUESTION)
        wait_for(base + SEARCH)
        nginx = run_nginx(scratch / server, page)
        try:
            results = {"nginx": wrk(f"http://127.0.0.1:{NGINX_PORT}/", args.seconds, args.connections)}
            results["page"] = wrk(base + QUESTION, args.seconds, args.connections)
            results["search"] = wrk(base + SEARCH, args.seconds, args.connections)
        finally:
            stop(nginx)
        report(server, results, args)
        if args.memory_minutes:
            m = memory_growth(process.pid, base, args)
            print(
                f"  RSS {m['before_kb']} KB -> {m['after_kb']} KB over {args.memory_minutes} min of load: {m['growth']:+.1%}"
            )
    finally:
        stop(process)
        log.close()


def memory_growth(pid, base, args):
    wrk(base + QUESTION, 10, args.connections)  # warm every worker first
    before = tree_rss_kb(pid)
    half = round(args.memory_minutes * 30)
    wrk(base + QUESTION, half, args.connections)
    wrk(base + SEARCH, half, args.connections)
    after = tree_rss_kb(pid)
    return {"before_kb": before, "after_kb": after, "growth": (after - before) / before}


def report(server, results, args):
    nginx, page, search = results["nginx"], results["page"], results["search"]
    print(f"\n== {server}: wrk -t2 -c{args.connections} -d{args.seconds}s, {time.strftime('%Y-%m-%d %H:%M')}")
    for name, r in (("nginx (same page from disk)", nginx), ("question page", page), ("search", search)):
        print(
            f"  {name:30} {r['rps']:10.0f} req/s  p99 {r['p99_ms']:7.1f} ms  errors {r['errors']}/{r['requests']}"
        )
    print(
        f"  page / nginx: {page['rps'] / nginx['rps']:.3f}   search / page: {search['rps'] / page['rps']:.2f}",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--servers", default="granian", help="comma-separated APP_SERVER values of deploy/serve"
    )
    parser.add_argument("--seconds", type=int, default=60, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--memory-minutes", type=float, default=0, help="also measure RSS growth under load")
    args = parser.parse_args()
    ensure_tools()
    with tempfile.TemporaryDirectory(prefix="load-benchmark-") as scratch:
        os.chmod(scratch, 0o755)  # nginx workers run as another user
        env = site_env(Path(scratch))
        prepare_database(env)
        for server in args.servers.split(","):
            measure(server, args, env, Path(scratch))
    print(f"\nMachine: {os.cpu_count()} cores, {os.uname().release}; Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
