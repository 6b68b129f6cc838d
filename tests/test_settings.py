from tests.helpers import run_python, run_settings


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


DEPLOY_CHECK = (
    "from django.core.management import execute_from_command_line; "
    "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
)


def deploy_check(**env):
    production = {
        "DJANGO_SECRET_KEY": "tests-only-" + "abcdefghijklmnopqrstuvwxyz" * 2,
        "DJANGO_ALLOWED_HOSTS": "example.org",
        **env,
    }
    return run_python(DEPLOY_CHECK, settings_module="guidance_site.settings", **production)


def test_the_production_settings_pass_the_deploy_check():
    for env in ({}, {"DJANGO_HSTS_PRELOAD": "0"}, {"REDIS_URL": "redis://127.0.0.1:6379/14"}):
        result = deploy_check(**env)
        assert result.returncode == 0, result.stderr
