import gzip
import json
import os
import sqlite3
import subprocess
import sys
from io import StringIO

from django.conf import settings
from django.core.management import call_command


def test_no_missing_migrations(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)


PREVIOUS_MAIN = settings.BASE_DIR / "tests" / "data" / "previous-main.sqlite3.gz"
# Run in a fresh interpreter on the copied database: migrate, then load the real content again.
MIGRATE_AND_LOAD = """
import json, django
django.setup()
from django.conf import settings
from django.core.management import call_command
from faqs.content.loading import load_content
from faqs.models import Question
call_command("migrate", verbosity=0)
report = load_content("content")
edited = Question.objects.get(guide__slug="mothers", slug="social-worker-doesnt-understand")
print(json.dumps({"lines": report.lines(), "conflicts": report.conflicts, "answer": edited.answer,
                  "history": edited.history.count()}))
"""


def row_counts(path):
    with sqlite3.connect(path) as connection:
        tables = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if name.startswith(("faqs_", "taggit_", "auth_user", "django_admin_log")) and "search" not in name
        ]
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables
        }


def test_a_database_built_at_the_previous_main_migrates_with_nothing_lost(tmp_path):
    """The fixture was built at the main before the areas moved into packages: migrate, load_content, and one
    answer edited through the admin (with its history)."""
    database = tmp_path / "previous.sqlite3"
    database.write_bytes(gzip.decompress(PREVIOUS_MAIN.read_bytes()))
    before = row_counts(database)
    assert before["faqs_question"] == 57 and before["faqs_helpline"] == 24

    result = run_django(MIGRATE_AND_LOAD, DATABASE_URL=f"sqlite:///{database}")

    assert result.returncode == 0, result.stderr
    after = json.loads(result.stdout)
    assert {table: count for table, count in row_counts(database).items() if table in before} == before
    assert after["answer"].endswith("An editor's addition made in the admin.")
    assert after["history"] == 2
    # Every fingerprint still matches: nothing is reloaded, and the admin's edit is kept as a conflict. Only the
    # help pages, new since that main, are added.
    assert after["lines"] and all(line.startswith("added page") for line in after["lines"])
    assert after["conflicts"] == [
        "question mothers/social-worker-doesnt-understand was changed in the admin since it was loaded: "
        "kept the admin's version"
    ]


def run_django(code, **env):
    """Run `code` in a fresh interpreter with the test settings and this environment added."""
    clean = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "tests.settings", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
