"""SQLite FTS5: the `faqs_search` table (migration 0061), filled by triggers built from faqs/search/documents.py.

Why the triggers are not in a migration: Django changes a SQLite table by building a new one and renaming it, and
SQLite refuses that rename while any trigger mentions the table being rebuilt - it would break every later
migration that touches the content's tables. So the triggers are dropped before each `migrate` and installed
again, with a full rebuild, after it (faqs.apps connects the signals). PostgreSQL does the same, for the same
single source of truth: the declarations.

Queries are built only from words (`\\w+`), each quoted, so FTS5 never sees syntax from the reader.
"""

import json

from django.db import connection as default_connection

from faqs.search.documents import KINDS, KINDS_PER_ID, dependencies, document_select, table_of

# The Snowball stemmer FTS5's porter tokenizer uses, for marking matched words in excerpts.
STEMMER = "porter"
# bm25 column weights: title, context, keywords, body, audiences (not indexed).
WEIGHTS = "8.0, 3.0, 3.0, 1.0, 0.0"
# Every write to the index bumps the generation, so what search derives from the index knows to rebuild.
BUMP = "UPDATE faqs_search_state SET generation = generation + 1;"
# The number of documents, for every search, kept by the same writes (migration 0062_sqlite_search_state says why).
RECOUNT = "UPDATE faqs_search_state SET documents = (SELECT count(*) FROM faqs_search_docsize);"
COLUMNS = "rowid, title, context, keywords, body, audiences"
OPERATIONS = {"insert": ("NEW",), "update": ("OLD", "NEW"), "delete": ("OLD",)}


def refresh(kind, ids):
    """SQL that makes the index hold exactly the current documents of `kind` for the object ids `ids` selects,
    and adjusts the count by the documents it takes out and puts in."""
    rowids = f"SELECT id * {KINDS_PER_ID} + {kind.number} FROM ({ids})"
    counted = f"(SELECT count(*) FROM faqs_search_docsize WHERE id IN ({rowids}))"
    return (
        f"UPDATE faqs_search_state SET documents = documents - {counted}; "
        f"DELETE FROM faqs_search WHERE rowid IN ({rowids}); "
        f"INSERT INTO faqs_search({COLUMNS}) {document_select(kind, 'group_concat', ids)}; "
        f"UPDATE faqs_search_state SET generation = generation + 1, documents = documents + {counted};"
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
        cursor.execute(RECOUNT)
        cursor.execute("INSERT INTO faqs_search(faqs_search) VALUES ('optimize')")


# --- Queries -----------------------------------------------------------------------------------------------


def phrase(words):
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"'


def typed(concept):
    if concept.phrase:
        return "(" + phrase(concept.typed) + ")"
    return "(" + " AND ".join(phrase([w]) for w in concept.typed) + ")"


def synonyms(concept):
    return "(" + " OR ".join(phrase(p) for p in concept.synonyms) + ")"


def expression(concept):
    return typed(concept) + (" OR " + synonyms(concept) if concept.synonyms else "")


def any_of(concepts):
    return " OR ".join(expression(c) for c in concepts)


def fetch(sql, params=()):
    with default_connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def signature():
    # The document count is kept by the triggers; the highest id is a b-tree's last key.
    sql = "SELECT documents, (SELECT max(id) FROM faqs_search_docsize), generation FROM faqs_search_state"
    return tuple(fetch(sql)[0])


def count(concept):
    return fetch("SELECT count(*) FROM faqs_search WHERE faqs_search MATCH %s", [expression(concept)])[0][0]


def audiences():
    """{document id: its audiences}: for exact audience counts without reading every match."""
    return dict(fetch("SELECT rowid, audiences FROM faqs_search"))


def matching(concept):
    """(ids matching the words as typed, ids matching a synonym): doclists only, no ranking, in one statement.
    Readers often type one of the synonyms itself ("children"): that doclist is read once, not twice."""
    own = (concept.typed,) if concept.phrase or len(concept.typed) == 1 else ()
    others = [p for p in concept.synonyms if tuple(p) not in own]
    matches = [typed(concept)] + (["(" + " OR ".join(phrase(p) for p in others) + ")"] if others else [])
    sql = "SELECT " + ", ".join([f"({IDS})"] * len(matches))
    found = [parsed(row) for row in fetch(sql, matches)[0]] + [set()]
    if len(others) < len(concept.synonyms):  # the typed words were one of the synonyms
        return found[0], found[0] | found[1]
    return found[0], found[1]


# The ids as one row: with thousands of matches (a common word on a large site), handing over a row per document
# costs two or three times what finding them does.
IDS = "SELECT group_concat(rowid) FROM faqs_search WHERE faqs_search MATCH %s"


def parsed(found):
    # json parses a list of integers in C, twice as fast as splitting and int() on each.
    return set(json.loads("[" + found + "]")) if found else set()


def shortlist(concepts, limit, audience_filter):
    """[(id, score)] of the `limit` documents FTS5's own bm25 ranks best for any of `concepts`."""
    where, params = audience_filter("audiences")
    sql = (
        f"SELECT rowid, -bm25(faqs_search, {WEIGHTS}) AS score FROM faqs_search WHERE faqs_search MATCH %s{where} "
        f"ORDER BY score DESC LIMIT {int(limit)}"
    )
    return fetch(sql, [any_of(concepts), *params])


def hits(weighted, synonym_share):
    """(id, score, covered weight, audiences) for every document that matches any concept.

    A concept scores its best match: the words as typed, or a synonym at `synonym_share` of its bm25 score.
    bm25 already weighs rare words above common ones, so `weight` only measures how much of the query a
    document covers."""
    # Each arm is materialised on its own: bm25() only works in a query SQLite does not flatten into the
    # grouping around it.
    arms, params = [], []
    for n, (concept, weight) in enumerate(weighted):
        matches = [(typed(concept), 1.0)] + ([(synonyms(concept), synonym_share)] if concept.synonyms else [])
        for match, share in matches:
            arms.append(
                f"a{len(arms)} AS MATERIALIZED (SELECT rowid AS id, {n} AS concept, "
                f"-bm25(faqs_search, {WEIGHTS}) * %s AS score, %s AS weight, audiences "
                "FROM faqs_search WHERE faqs_search MATCH %s)"
            )
            params += [share, weight, match]
    union = " UNION ALL ".join(f"SELECT * FROM a{n}" for n in range(len(arms)))
    sql = (
        f"WITH {', '.join(arms)} SELECT id, sum(score), sum(weight), max(audiences) FROM ("
        f"SELECT id, max(score) AS score, max(weight) AS weight, max(audiences) AS audiences FROM ({union}) "
        "GROUP BY id, concept) GROUP BY id"
    )
    return fetch(sql, params)


def documents(ids):
    """{id: (title, context, audiences, body)} as indexed, for excerpts (faqs/search/excerpts.py)."""
    placeholders = ", ".join(["%s"] * len(ids))
    sql = f"SELECT rowid, title, context, audiences, body FROM faqs_search WHERE rowid IN ({placeholders})"
    return {row[0]: row[1:] for row in fetch(sql, list(ids))}


def texts():
    """Every document's words, for the spelling vocabulary."""
    return fetch("SELECT title || ' ' || context || ' ' || keywords || ' ' || body FROM faqs_search")
