"""Reading the `faqs_search` table: a row per document (id, title, context, keywords, body, audiences), the same
on both databases (migration 0064), kept in step with the content by each database's triggers (sqlite_backend,
postgres_backend). Search reads it whole to build its index (faqs/search/index.py), and a page's rows for
excerpts."""

from django.db import connection


def fetch(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def signature():
    """(highest id, generation): it changes with every write (the triggers bump the generation), so what search
    derives from the table knows when to build again."""
    return tuple(fetch("SELECT (SELECT max(id) FROM faqs_search), generation FROM faqs_search_state")[0])


def rows():
    """Every document's fields, for the index."""
    return fetch("SELECT id, title, context, keywords, body FROM faqs_search")


def audiences():
    """{document id: its audiences}: for exact audience counts without reading every match."""
    return dict(fetch("SELECT id, audiences FROM faqs_search"))


def documents(ids):
    """{id: (title, context, audiences, body)}, for excerpts (faqs/search/excerpts.py)."""
    placeholders = ", ".join(["%s"] * len(ids))
    sql = f"SELECT id, title, context, audiences, body FROM faqs_search WHERE id IN ({placeholders})"
    return {row[0]: row[1:] for row in fetch(sql, list(ids))}
