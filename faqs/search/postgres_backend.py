"""PostgreSQL: the `faqs_search` table of documents (migration 0064), kept in step by triggers built from
faqs/search/documents.py, installed after every `migrate` as on SQLite. Search reads it through
faqs/search/table.py.

The trigger functions are plpgsql and have no WHEN clauses, because PostgreSQL refuses to change a column's type
while a view or a trigger's WHEN clause uses it.
"""

from django.db import connection as default_connection

from faqs.search.documents import KINDS, KINDS_PER_ID, dependencies, document_select, table_of

# Every write to the index bumps the generation, so what search derives from the index knows to rebuild.
BUMP = "UPDATE faqs_search_state SET generation = generation + 1;"
COLUMNS = "id, title, context, keywords, body, audiences"


def refresh(kind, ids):
    return (
        f"DELETE FROM faqs_search WHERE id IN (SELECT id * {KINDS_PER_ID} + {kind.number} FROM ({ids}) AS c); "
        f"INSERT INTO faqs_search({COLUMNS}) {document_select(kind, 'string_agg', ids)}; {BUMP}"
    )


def functions():
    """{name: (table, plpgsql body)} of a trigger function for every kind and every table it depends on."""
    found = {}
    for kind in KINDS:
        number = kind.number
        for table, ids in dependencies(kind):
            name = f"faqs_search_{kind.name.replace('-', '_')}_{table}"
            found[name] = (table, (
                f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {refresh(kind, ids.format(row='OLD'))} END IF; "
                f"IF TG_OP IN ('UPDATE', 'INSERT') THEN {refresh(kind, ids.format(row='NEW'))} END IF;"
            ))  # fmt: skip
        # Django's test flush empties tables with TRUNCATE, which fires no row triggers.
        found[f"faqs_search_{kind.name.replace('-', '_')}_truncate"] = (
            table_of(kind),
            f"DELETE FROM faqs_search WHERE id % {KINDS_PER_ID} = {number}; {BUMP}",
        )
    return found


def drop_triggers(connection):
    """Every trigger and function of the index, whatever declarations made them (older ones included)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.tgname, t.tgrelid::regclass::text FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE p.proname LIKE 'faqs\\_search%%' AND NOT t.tgisinternal"
        )
        for name, table in cursor.fetchall():
            cursor.execute(f'DROP TRIGGER IF EXISTS "{name}" ON {table}')
        cursor.execute(
            "SELECT oid::regprocedure::text FROM pg_proc WHERE proname LIKE 'faqs\\_search%%' "
            "AND pronamespace = current_schema()::regnamespace"
        )
        for (signature,) in cursor.fetchall():
            cursor.execute(f"DROP FUNCTION IF EXISTS {signature}")


def is_installed(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('faqs_search') IS NOT NULL")
        return cursor.fetchone()[0]


def install_triggers(connection):
    if not is_installed(connection):
        return
    drop_triggers(connection)
    with connection.cursor() as cursor:
        for name, (table, body) in functions().items():
            cursor.execute(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$"
            )
            when = "TRUNCATE" if name.endswith("_truncate") else "INSERT OR UPDATE OR DELETE"
            each = "STATEMENT" if name.endswith("_truncate") else "ROW"
            cursor.execute(
                f"CREATE TRIGGER {name} AFTER {when} ON {table} FOR EACH {each} EXECUTE FUNCTION {name}()"
            )
    rebuild(connection)


def rebuild(connection=default_connection):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM faqs_search")
        cursor.execute(BUMP)
        for kind in KINDS:
            ids = f"SELECT id FROM {table_of(kind)}"
            cursor.execute(f"INSERT INTO faqs_search({COLUMNS}) {document_select(kind, 'string_agg', ids)}")
        cursor.execute("ANALYZE faqs_search")
