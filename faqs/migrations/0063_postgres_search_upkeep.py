"""PostgreSQL: let the search index's GIN index take new entries straight away, count the documents as they
change, and find a query's documents in one call.

GIN's fast update queues new entries in a pending list that every search reads in full until a vacuum empties
it; the content changes rarely, so each write may as well pay for its own entries.

The index's state counts its documents, kept by the triggers (faqs/search/postgres_backend.py): every search
reads the count, and counting the table reads every row and, until a vacuum, every dead version too. The
rebuild after every `migrate` (faqs/search/migrate.py) sets it.

`search_matching_ids` returns the ids of the documents matching a tsquery as one string, with the planner told to
use the GIN index: it prefers reading the whole table when most documents match, but that unpacks every
document's vector, where the index answers without. The setting holds inside the function only, so a search
needs no transaction of its own to set it. Its name keeps it clear of the trigger functions, which
faqs/search/migrate.py drops before every `migrate`. Nothing to do on SQLite.
"""

from django.db import migrations

POSTGRES = [
    "SELECT gin_clean_pending_list('faqs_search_document')",
    "ALTER INDEX faqs_search_document SET (fastupdate = off)",
    "ALTER TABLE faqs_search_state ADD COLUMN documents bigint NOT NULL DEFAULT 0",
    """CREATE FUNCTION search_matching_ids(query tsquery) RETURNS text LANGUAGE sql STABLE
        SET enable_seqscan = off
        AS $$ SELECT string_agg(id::text, ',') FROM faqs_search WHERE document @@ query $$""",
]


def tune_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("faqs", "0062_sqlite_search_state")]
    operations = [migrations.RunPython(tune_index, migrations.RunPython.noop)]
