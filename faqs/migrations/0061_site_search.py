"""One search index over everything a reader can reach (faqs/search/documents.py declares what goes in it).

Replaces 0003's index of questions. Only the table is made here; the triggers that fill it are built from the
declarations and installed after every `migrate`, on both databases (faqs/search/migrate.py), so a new kind of
document needs no migration of its own.
"""

from django.db import migrations

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE faqs_search USING fts5(
        title, context, keywords, body, audiences UNINDEXED,
        tokenize = 'porter unicode61 remove_diacritics 2')""",
]

POSTGRES_CREATE = [
    # Weights: A title, B context and keywords, D body.
    """CREATE TABLE faqs_search (
        id bigint PRIMARY KEY,
        title text NOT NULL,
        context text NOT NULL,
        keywords text NOT NULL,
        body text NOT NULL,
        audiences text NOT NULL,
        document tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english'::regconfig, title), 'A')
            || setweight(to_tsvector('english'::regconfig, context || ' ' || keywords), 'B')
            || setweight(to_tsvector('english'::regconfig, body), 'D')) STORED
    )""",
    "CREATE INDEX faqs_search_document ON faqs_search USING gin (document)",
    # Long values out of line: the rows stay small, so finding which documents match (the GIN index, then
    # each row's visibility) reads a few hundred pages rather than one per document.
    "ALTER TABLE faqs_search SET (toast_tuple_target = 128)",
]

# A number every write to the index bumps: what search derives from the index (spelling vocabulary, audiences)
# is rebuilt when it changes.
STATE = [
    "DROP TABLE IF EXISTS faqs_search_state",
    "CREATE TABLE faqs_search_state (generation bigint NOT NULL)",
    "INSERT INTO faqs_search_state (generation) VALUES (0)",
]


def replace_index(apps, schema_editor):
    from faqs.search import postgres_backend, sqlite_backend

    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        sqlite_backend.drop_triggers(connection)
        statements = ["DROP TABLE IF EXISTS faqs_search", *SQLITE_CREATE, *STATE]
    else:
        postgres_backend.drop_triggers(connection)
        statements = ["DROP TABLE IF EXISTS faqs_search", *POSTGRES_CREATE, *STATE]
    for statement in statements:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("faqs", "0060_pages")]
    operations = [migrations.RunPython(replace_index, migrations.RunPython.noop)]
