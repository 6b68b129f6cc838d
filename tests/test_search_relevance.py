"""Relevance on the real content: realistic queries, each with what must come in the top 3.

tests/data/search_queries.csv: questions. tests/data/search_queries_site.csv: the whole site - help pages,
helplines, section and guide introductions, notes, and more question queries (gendered wording, lay paraphrase).
Each file's `held-out` part was written in commits of its own, each before a round, and its misses are never
looked at; a held-out part may join `tune` only when a newer one has been written to stay held out. The ranking
is tuned by design (indexing the right text, field weights, stemming, synonyms as data, spelling), never to a
single query, and the query map and its examples (faqs/search/query_map.py) are learnt from the `tune` parts: on
them it scores what it was taught, and only the held-out parts say how search does on queries nobody has seen. Runs on
whichever database DATABASE_URL names; run it on SQLite and on PostgreSQL. `-s` prints every figure and miss.
"""

import pytest

from faqs.search import search, spelling, table
from faqs.search.query_map import place_key, place_keys, query_files, read_queries

# The targets (recall@3, MRR), printed against each figure.
TARGETS = {"question": (0.92, 0.80), "whole-site": (0.90, 0.80)}
# What the test holds the ranking to: just under the figures reached on both databases over all the queries
# (5 December 2026, evening, with the query map and its examples learnt from the tuning parts), so a change that
# makes search worse fails; raise them as the ranking improves. The tuning parts' figures include the examples
# answering their own queries (read as close as can be, so trusted most: faqs/search/ranking.py); new held-out
# parts, harder than the tuning parts, bring them down.
FLOORS = {"question": (0.98, 0.955), "whole-site": (0.98, 0.945)}


def load_queries():
    """[(query, expected keys, kind, part, set)]: set is "question" or "whole-site"."""
    rows = []
    for path in query_files():
        site = path.name == "search_queries_site.csv"
        for query, expected, kind, part in read_queries([path]):
            which = "whole-site" if site and kind != "question" else "question"
            rows.append((query, expected, kind, part, which))
    return rows


def key(result):
    return place_key(result.kind, result.object)


def first_relevant_rank(query, expected):
    found = [key(r) for r in search(query)[0:10]]
    return next((rank for rank, k in enumerate(found, 1) if k in expected), None), found


@pytest.fixture
def searchable(content):
    spelling.forget_vocabulary()
    return content


def test_query_files_are_big_and_varied():
    queries = load_queries()
    assert len([q for q in queries if q[4] == "whole-site"]) >= 40
    assert len([q for q in queries if q[3] == "held-out"]) >= 25
    assert {q[2] for q in queries} >= {
        "natural",
        "lay",
        "abbreviation",
        "misspelling",
        "help-page",
        "helpline",
    }


def test_expected_answers_exist(searchable):
    keys = set(place_keys([id for id, *_ in table.rows()]).values())
    missing = {k for _, expected, *_ in load_queries() for k in expected} - keys
    assert not missing


def measure(queries):
    ranks, misses = [], []
    for query, expected, *_ in queries:
        rank, found = first_relevant_rank(query, expected)
        ranks.append(rank)
        if rank is None or rank > 3:
            misses.append(f"  {query!r}: got {found[:3]}, rank {rank}")
    recall = sum(1 for r in ranks if r and r <= 3) / len(ranks)
    mrr = sum(1 / r for r in ranks if r) / len(ranks)
    return recall, mrr, misses


def test_recall_at_3_and_mrr(searchable):
    queries = load_queries()
    failures = []
    for which, (recall_floor, mrr_floor) in FLOORS.items():
        for part in ("tune", "held-out", "all"):
            chosen = [q for q in queries if q[4] == which and part in ("all", q[3])]
            recall, mrr, misses = measure(chosen)
            target = "recall@3 {:.2f}, MRR {:.2f}".format(*TARGETS[which])
            print(
                f"{which:<10} {part:<8} n={len(chosen):<4} recall@3 {recall:.3f}  MRR {mrr:.3f}  (target {target})"
            )
            if part == "tune":  # the held-out part's misses are never shown: nobody tunes on them
                print("\n".join(misses))
            if part == "all" and (recall < recall_floor or mrr < mrr_floor):
                failures.append(f"{which}: recall@3 {recall:.3f}, MRR {mrr:.3f}")
    assert not failures
