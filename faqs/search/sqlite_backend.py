"""SQLite: the `faqs_search` table of documents (migration 0064), filled by triggers built from
faqs/search/documents.py. Search reads it through faqs/search/table.py.

Why the triggers are not in a migration: Django changes a SQLite table by building a new one and renaming it, and
SQLite refuses that rename while any trigger mentions the table being rebuilt - it would break every later
migration that touches the content's tables. So the triggers are dropped before each `migrate` and installed
again, with a full rebuild, after it (faqs.apps connects the signals). PostgreSQL does the same, for the same
single source of truth: the declarations.
"""

from django.db import connection as default_connection

from faqs.search.documents import KINDS, KINDS_PER_ID, dependencies, document_select, table_of

# Every write to the index bumps the generation, so what search derives from the index knows to rebuild.
BUMP = "UPDATE faqs_search_state SET generation = generation + 1;"
COLUMNS = "id, title, context, keywords, body, audiences"
OPERATIONS = {"insert": ("NEW",), "update": ("OLD", "NEW"), "delete": ("OLD",)}


def refresh(kind, ids):
    """SQL that makes the index hold exactly the current documents of `kind` for the object ids `ids` selects."""
    return (
        f"DELETE FROM faqs_search WHERE id IN (SELECT id * {KINDS_PER_ID} + {kind.number} FROM ({ids})); "
        f"INSERT INTO faqs_search({COLUMNS}) {document_select(kind, 'group_concat', ids)}; {BUMP}"
    )


def triggers():
    """{name: (when, body)} for every kind and every table it depends on."""
    found = {}
    for kind in KINDS:
        for table, ids in dependencies(kind):
            for operation, rows in OPERATIONS.items():
                changed = " UNION ".join(ids.format(row=row) for row in rows)
                name = f"faqs_search_{kind.name.replace('-', '_')}_{table}_{operation}"
                found[name] = (f"AFTER {operation.upper()} ON {table}", refresh(kind, changed))
    return found


def is_installed(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'faqs_search'")
        return cursor.fetchone() is not None


def drop_triggers(connection):
    """Every trigger that writes to the index, whatever declarations made it (older ones included)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%faqs_search%'")
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')


def install_triggers(connection):
    """Create the triggers and rebuild the index from the content."""
    if not is_installed(connection):
        return
    drop_triggers(connection)
    with connection.cursor() as cursor:
        for name, (when, body) in triggers().items():
            cursor.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")
    rebuild(connection)


def rebuild(connection=default_connection):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM faqs_search")
        cursor.execute(BUMP)
        for kind in KINDS:
            ids = f"SELECT id FROM {table_of(kind)}"
            cursor.execute(f"INSERT INTO faqs_search({COLUMNS}) {document_select(kind, 'group_concat', ids)}")
