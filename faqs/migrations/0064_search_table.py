"""The search index becomes a plain table of documents, the same on both databases: search keeps its posting
lists in memory (faqs/search/index.py), so neither FTS5's index nor PostgreSQL's vectors and GIN index are read
any more, and every write to the content no longer pays to keep them.

SQLite: the FTS5 table is replaced by an ordinary one (its triggers are already dropped, as before every
`migrate`). PostgreSQL: the vector column goes, and its GIN index with it, and so does `search_matching_ids`
(0063). On both, the index's state no longer counts the documents (0062, 0063): the index in memory knows how
many it holds. The rebuild after `migrate` (faqs/search/migrate.py) fills the table.
"""

from django.db import migrations

SQLITE = [
    "DROP TABLE IF EXISTS faqs_search",
    """CREATE TABLE faqs_search (
        id integer PRIMARY KEY,
        title text NOT NULL,
        context text NOT NULL,
        keywords text NOT NULL,
        body text NOT NULL,
        audiences text NOT NULL
    )""",
    "ALTER TABLE faqs_search_state DROP COLUMN documents",
]

POSTGRES = [
    "ALTER TABLE faqs_search DROP COLUMN document",
    "ALTER TABLE faqs_search RESET (toast_tuple_target)",
    "DROP FUNCTION IF EXISTS search_matching_ids(tsquery)",
    "ALTER TABLE faqs_search_state DROP COLUMN documents",
]


def plain_table(apps, schema_editor):
    statements = SQLITE if schema_editor.connection.vendor == "sqlite" else POSTGRES
    for statement in statements:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("faqs", "0063_postgres_search_upkeep")]
    operations = [migrations.RunPython(plain_table, migrations.RunPython.noop)]
