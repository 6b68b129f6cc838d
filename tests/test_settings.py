import os
import subprocess
import sys

from django.conf import settings


def run_settings(**env):
    """Import the production settings in a fresh interpreter with exactly this environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings as s; print(s.DEBUG, s.SECURE_SSL_REDIRECT, "
         "s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.DATABASES['default']['ENGINE'], s.ALLOWED_HOSTS)"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "guidance_site.settings", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )  # fmt: skip


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_is_off_and_https_is_on_by_default():
    result = run_settings(DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="example.org, www.example.org")
    assert result.stdout.split(" ", 5) == [
        "False",
        "True",
        "True",
        "31536000",
        "django.db.backends.sqlite3",
        "['example.org', 'www.example.org']\n",
    ]


def test_plain_http_and_postgres_from_the_environment():
    result = run_settings(
        DJANGO_SECRET_KEY="x" * 50, DJANGO_HTTPS="0", DATABASE_URL="postgres://u@127.0.0.1:5432/db"
    )
    assert result.stdout.split(" ")[:4] == ["False", "False", "False", "0"]
    assert "django.db.backends.postgresql" in result.stdout


def test_debug_only_when_asked_for():
    assert run_settings(DJANGO_DEBUG="1").stdout.startswith("True")
    assert run_settings(DJANGO_DEBUG="0").returncode != 0  # still production: no key, no start


def deploy_check(**env):
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    production = {
        "DJANGO_SECRET_KEY": "tests-only-" + "abcdefghijklmnopqrstuvwxyz" * 2,
        "DJANGO_ALLOWED_HOSTS": "example.org",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "guidance_site.settings", **production},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_the_production_settings_pass_the_deploy_check():
    for env in ({}, {"DJANGO_HSTS_PRELOAD": "0"}, {"REDIS_URL": "redis://127.0.0.1:6379/14"}):
        result = deploy_check(**env)
        assert result.returncode == 0, result.stderr
