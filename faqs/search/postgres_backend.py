"""PostgreSQL full-text search: the `faqs_search` table of weighted tsvectors, kept in step with the content by
the triggers of migration 0003_search_index.

Every phrase goes to `phraseto_tsquery` as a bound parameter, so no input can break the query; the 'english'
configuration is used for documents, queries and headlines alike.
"""

from django.db import connection

from faqs.search.excerpts import START, STOP

CONFIG = "english"
# ts_rank weights for D (answer), C (unused), B (section title, topics), A (question text).
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
# Divide by 1 + log(document length): a long answer that mentions a word in passing ranks below a short one.
NORMALIZATION = 1
HEADLINE_TEXT = f"HighlightAll=true, StartSel={START}, StopSel={STOP}"
HEADLINE_ANSWER = f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=20, ShortWord=3"


def typed(concept):
    return f"plainto_tsquery('{CONFIG}', %s)", [" ".join(concept.typed)]


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
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def signature():
    return tuple(fetch("SELECT count(*), max(question_id) FROM faqs_search")[0])


def count(concept):
    query, params = tsquery([concept])
    return fetch(f"SELECT count(*) FROM faqs_search WHERE document @@ {query}", params)[0][0]


def hits(weighted, synonym_share):
    """(question id, score, covered weight, audiences) for every question matching any concept.

    A concept scores its best match: the words as typed, or a synonym at `synonym_share` of its rank.
    ts_rank knows nothing of how rare a word is, so each rank is multiplied by the concept's weight (an IDF)."""
    arms, params = [], []
    for n, (concept, weight) in enumerate(weighted):
        matches = [(*typed(concept), 1.0)] + (
            [(*synonyms(concept), synonym_share)] if concept.synonyms else []
        )
        for query, values, share in matches:
            arms.append(
                f"SELECT question_id AS id, {n} AS concept, "
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


def excerpts(concepts, ids):
    """{question id: (question text, passages of the answer)}, matched words between START and STOP."""
    query, params = tsquery(concepts)
    sql = (
        f"SELECT q.id, ts_headline('{CONFIG}', q.text, t.q, %s), ts_headline('{CONFIG}', q.answer, t.q, %s) "
        f"FROM faqs_question q, (SELECT {query} AS q) AS t WHERE q.id = ANY(%s)"
    )
    rows = fetch(sql, [HEADLINE_TEXT, HEADLINE_ANSWER, *params, list(ids)])
    return {row[0]: (row[1], row[2]) for row in rows}


def rebuild():
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM faqs_search")
        cursor.execute("SELECT faqs_search_refresh(ARRAY(SELECT id FROM faqs_question))")
