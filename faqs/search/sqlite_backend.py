"""SQLite FTS5: the `faqs_search` table, filled by triggers on the content tables.

Why the triggers live here and not in migration 0003: Django changes a SQLite table by building a new one and
renaming it, and SQLite refuses that rename while any trigger or view mentions the table being rebuilt - it would
break every later migration that touches questions, sections or tags. So the triggers are dropped before each
`migrate` and installed again, with a full rebuild, after it (faqs.apps connects the signals).

Queries are built only from words (`\\w+`), each quoted, so FTS5 never sees syntax from the reader.
"""

from django.db import connection as default_connection

from faqs.search.excerpts import START, STOP

# bm25 column weights: question text, section title, topics, answer, audiences (not indexed).
WEIGHTS = "8.0, 3.0, 3.0, 1.0, 0.0"

# One document per published question; `{ids}` is a SQL list or subquery of question ids.
DOCUMENTS = """INSERT INTO faqs_search(rowid, text, section, topics, answer, audiences)
    SELECT q.id, q.text, s.title,
        coalesce((SELECT group_concat(t.name, ', ') FROM faqs_questiontopic qt
            JOIN taggit_tag t ON t.id = qt.tag_id WHERE qt.content_object_id = q.id), ''),
        q.answer,
        coalesce((SELECT group_concat(a.slug, ' ') FROM faqs_questionaudience qa
            JOIN faqs_audience a ON a.id = qa.tag_id WHERE qa.content_object_id = q.id), '')
    FROM faqs_question q JOIN faqs_section s ON s.id = q.section_id
    WHERE q.status = 'published' AND q.id IN ({ids});"""


def refresh(ids):
    return f"DELETE FROM faqs_search WHERE rowid IN ({ids}); " + DOCUMENTS.format(ids=ids)


TRIGGERS = {
    "faqs_search_question_insert": ("AFTER INSERT ON faqs_question", refresh("NEW.id")),
    "faqs_search_question_update": ("AFTER UPDATE ON faqs_question", refresh("OLD.id, NEW.id")),
    "faqs_search_question_delete": (
        "AFTER DELETE ON faqs_question",
        "DELETE FROM faqs_search WHERE rowid = OLD.id;",
    ),
    "faqs_search_section_update": (
        "AFTER UPDATE ON faqs_section WHEN OLD.title IS NOT NEW.title",
        refresh("SELECT id FROM faqs_question WHERE section_id = NEW.id"),
    ),
    "faqs_search_tag_update": (
        "AFTER UPDATE ON taggit_tag WHEN OLD.name IS NOT NEW.name",
        refresh("SELECT content_object_id FROM faqs_questiontopic WHERE tag_id = NEW.id"),
    ),
    "faqs_search_audience_update": (
        "AFTER UPDATE ON faqs_audience WHEN OLD.slug IS NOT NEW.slug",
        refresh("SELECT content_object_id FROM faqs_questionaudience WHERE tag_id = NEW.id"),
    ),
}
for _table in ("faqs_questiontopic", "faqs_questionaudience"):
    TRIGGERS[f"{_table}_search_insert"] = (f"AFTER INSERT ON {_table}", refresh("NEW.content_object_id"))
    TRIGGERS[f"{_table}_search_update"] = (
        f"AFTER UPDATE ON {_table}",
        refresh("OLD.content_object_id, NEW.content_object_id"),
    )
    TRIGGERS[f"{_table}_search_delete"] = (f"AFTER DELETE ON {_table}", refresh("OLD.content_object_id"))


def is_installed(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'faqs_search'")
        return cursor.fetchone() is not None


def drop_triggers(connection):
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def install_triggers(connection):
    """Create the triggers (where missing) and rebuild the index from the content."""
    if not is_installed(connection):
        return
    with connection.cursor() as cursor:
        for name, (when, body) in TRIGGERS.items():
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {when} BEGIN {body} END")
    rebuild(connection)


def rebuild(connection=default_connection):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM faqs_search")
        cursor.execute(DOCUMENTS.format(ids="SELECT id FROM faqs_question"))
        cursor.execute("INSERT INTO faqs_search(faqs_search) VALUES ('optimize')")


def phrase(words):
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"'


def typed(concept):
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
    return tuple(fetch("SELECT count(*), max(rowid) FROM faqs_search")[0])


def count(concept):
    return fetch("SELECT count(*) FROM faqs_search WHERE faqs_search MATCH %s", [expression(concept)])[0][0]


def hits(weighted, synonym_share):
    """(question id, score, covered weight, audiences) for every question matching any concept.

    A concept scores its best match: the words as typed, or a synonym at `synonym_share` of its bm25 score.
    bm25 already weighs rare words above common ones, so `weight` only measures how much of the query a
    question covers."""
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


def excerpts(concepts, ids):
    """{question id: (question text, a passage of the answer)}, matched words between START and STOP."""
    placeholders = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT rowid, highlight(faqs_search, 0, '{START}', '{STOP}'), "
        f"snippet(faqs_search, 3, '{START}', '{STOP}', ' … ', 32) "
        f"FROM faqs_search WHERE faqs_search MATCH %s AND rowid IN ({placeholders})"
    )
    return {row[0]: (row[1], row[2]) for row in fetch(sql, [any_of(concepts), *ids])}
