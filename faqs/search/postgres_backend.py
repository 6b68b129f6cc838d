"""PostgreSQL full-text search: the `faqs_search` table of weighted tsvectors (migration 0061), kept in step by
triggers built from faqs/search/documents.py, installed after every `migrate` as on SQLite.

The trigger functions are plpgsql and have no WHEN clauses, because PostgreSQL refuses to change a column's type
while a view or a trigger's WHEN clause uses it. Every phrase goes to `phraseto_tsquery` as a bound parameter,
so no input can break the query; the 'english' configuration is used for documents, queries and headlines.
"""

from django.db import connection as default_connection
from django.db import transaction

from faqs.search.documents import KINDS, KINDS_PER_ID, dependencies, document_select, table_of

CONFIG = "english"
# The Snowball stemmer of that configuration, for marking matched words in excerpts.
STEMMER = "english"
# ts_rank weights for D (body), C (unused), B (context, keywords), A (title).
WEIGHTS = "{0.2, 0.2, 0.4, 1.0}"
# Divide by 1 + log(document length): a long text that mentions a word in passing ranks below a short one.
NORMALIZATION = 1
# Every write to the index bumps the generation, so what search derives from the index knows to rebuild.
BUMP = "UPDATE faqs_search_state SET generation = generation + 1;"
# The state also counts the documents (migration 0063): counting the table reads every row, and until a vacuum
# every dead version too. The trigger functions declare `gone` and `added` for the row counts.
COUNTED = "UPDATE faqs_search_state SET generation = generation + 1, documents = documents + added - gone;"
COLUMNS = "id, title, context, keywords, body, audiences"


def refresh(kind, ids):
    return (
        f"DELETE FROM faqs_search WHERE id IN (SELECT id * {KINDS_PER_ID} + {kind.number} FROM ({ids}) AS c); "
        "GET DIAGNOSTICS gone = ROW_COUNT; "
        f"INSERT INTO faqs_search({COLUMNS}) {document_select(kind, 'string_agg', ids)}; "
        f"GET DIAGNOSTICS added = ROW_COUNT; {COUNTED}"
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
            f"DELETE FROM faqs_search WHERE id % {KINDS_PER_ID} = {number}; "
            f"GET DIAGNOSTICS gone = ROW_COUNT; added := 0; {COUNTED}",
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
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
                f"AS $$ DECLARE gone bigint; added bigint; BEGIN {body} RETURN NULL; END $$"
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
        cursor.execute("UPDATE faqs_search_state SET documents = (SELECT count(*) FROM faqs_search)")
        cursor.execute("ANALYZE faqs_search")


# --- Queries -----------------------------------------------------------------------------------------------


def typed(concept):
    function = "phraseto_tsquery" if concept.phrase else "plainto_tsquery"
    return f"{function}('{CONFIG}', %s)", [" ".join(concept.typed)]


def synonyms(concept):
    sql = " || ".join([f"phraseto_tsquery('{CONFIG}', %s)"] * len(concept.synonyms))
    return f"({sql})", [" ".join(p) for p in concept.synonyms]


def tsquery(concepts):
    """SQL and parameters for a tsquery matching any of `concepts`."""
    parts, params = [], []
    for concept in concepts:
        for sql, values in [typed(concept)] + ([synonyms(concept)] if concept.synonyms else []):
            parts.append(sql)
            params += values
    return "(" + " || ".join(parts) + ")", params


def fetch(sql, params=()):
    with default_connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def signature():
    return tuple(
        fetch("SELECT documents, (SELECT max(id) FROM faqs_search), generation FROM faqs_search_state")[0]
    )


def count(concept):
    query, params = tsquery([concept])
    return fetch(f"SELECT count(*) FROM faqs_search WHERE document @@ {query}", params)[0][0]


def audiences():
    return dict(fetch("SELECT id, audiences FROM faqs_search"))


def matching(concept):
    """(ids matching the words as typed, ids matching a synonym): from the GIN index, no ranking, in one round
    trip. Each set comes as one string (`search_matching_ids`, migration 0063): with thousands of matches (a
    common word on a large site), handing over a row per document costs more than finding them does."""
    arms = [typed(concept)] + ([synonyms(concept)] if concept.synonyms else [])
    sql = "SELECT " + ", ".join(f"search_matching_ids({sql})" for sql, _ in arms)
    found = fetch(sql, [value for _, values in arms for value in values])[0]
    sets = [set(map(int, ids.split(","))) if ids else set() for ids in found]
    return sets[0], (sets[1] if len(sets) > 1 else set())


def indexed(sql, params):
    """`fetch`, with the planner told to use the GIN index, as `search_matching_ids` is (migration 0063)."""
    with transaction.atomic(), default_connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(sql, params)
        return cursor.fetchall()


def shortlist(concepts, limit, audience_filter):
    """[(id, score)] of the `limit` documents ts_rank ranks best for any of `concepts`."""
    query, params = tsquery(concepts)
    where, more = audience_filter("audiences")
    sql = (
        f"SELECT id, ts_rank('{WEIGHTS}', document, t.q, {NORMALIZATION}) AS score "
        f"FROM faqs_search, (SELECT {query} AS q) AS t WHERE document @@ t.q{where} "
        f"ORDER BY score DESC LIMIT {int(limit)}"
    )
    return indexed(sql, [*params, *more])


def hits(weighted, synonym_share):
    """(id, score, covered weight, audiences) for every document that matches any concept.

    A concept scores its best match: the words as typed, or a synonym at `synonym_share` of its rank.
    ts_rank knows nothing of how rare a word is, so each rank is multiplied by the concept's weight (an IDF)."""
    arms, params = [], []
    for n, (concept, weight) in enumerate(weighted):
        matches = [(*typed(concept), 1.0)] + (
            [(*synonyms(concept), synonym_share)] if concept.synonyms else []
        )
        for query, values, share in matches:
            arms.append(
                f"SELECT id, {n} AS concept, "
                f"ts_rank('{WEIGHTS}', document, t.q, {NORMALIZATION}) * %s AS score, %s::float8 AS weight, "
                f"audiences FROM faqs_search, (SELECT {query} AS q) AS t WHERE document @@ t.q"
            )
            params += [weight * share, weight, *values]
    sql = (
        "SELECT id, sum(score), sum(weight), max(audiences) FROM ("
        "SELECT id, max(score) AS score, max(weight) AS weight, max(audiences) AS audiences FROM ("
        + " UNION ALL ".join(arms)
        + ") AS arms GROUP BY id, concept) AS concepts GROUP BY id"
    )
    return fetch(sql, params)


def documents(ids):
    """{id: (title, context, audiences, body)} as indexed, for excerpts (faqs/search/excerpts.py)."""
    rows = fetch(
        "SELECT id, title, context, audiences, body FROM faqs_search WHERE id = ANY(%s)", [list(ids)]
    )
    return {row[0]: row[1:] for row in rows}


def texts():
    return fetch("SELECT title || ' ' || context || ' ' || keywords || ' ' || body FROM faqs_search")
