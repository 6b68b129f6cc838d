import gzip
import json
import sqlite3
from io import StringIO

from django.core.management import call_command

from tests.helpers import DATA_DIR, run_python


def test_no_missing_migrations(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)


PREVIOUS_MAIN = DATA_DIR / "previous-main.sqlite3.gz"
# Run in a fresh interpreter on the copied database: migrate, then load the real content again.
MIGRATE_AND_LOAD = """
import json, django
django.setup()
from django.conf import settings
from django.core.management import call_command

from tests.helpers import run_python
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

    result = run_python(
        MIGRATE_AND_LOAD, settings_module="tests.settings", DATABASE_URL=f"sqlite:///{database}"
    )

    assert result.returncode == 0, result.stderr
    after = json.loads(result.stdout)
    assert {table: count for table, count in row_counts(database).items() if table in before} == before
    assert after["answer"].endswith("An editor's addition made in the admin.")
    assert after["history"] == 2
    # Every fingerprint still matches: nothing is reloaded, and the admin's edit is kept as a conflict. Only what
    # is new since that main is added: the glossary and the help pages.
    new = ("added glossary term ", "added page")
    assert [line for line in after["lines"] if not line.startswith(new)] == []
    assert after["conflicts"] == [
        "question mothers/social-worker-doesnt-understand was changed in the admin since it was loaded: "
        "kept the admin's version"
    ]
