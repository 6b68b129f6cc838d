"""SQLite only: the number of documents in the search index, kept in `faqs_search_state` by the index's triggers
(faqs/search/sqlite_backend.py). Every search needs it, and FTS5 can only count its rows by reading them all;
its own count is written to disk only when a transaction commits, so it is wrong within one that wrote.
PostgreSQL counts its index table itself: nothing changes there.
"""

from django.db import migrations

SQLITE_ADD = [
    "ALTER TABLE faqs_search_state ADD COLUMN documents bigint NOT NULL DEFAULT 0",
    "UPDATE faqs_search_state SET documents = (SELECT count(*) FROM faqs_search_docsize)",
]


def add_count(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_ADD:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("faqs", "0061_site_search")]
    operations = [migrations.RunPython(add_count, migrations.RunPython.noop)]
