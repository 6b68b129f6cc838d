"""The index search keeps in memory (faqs/search/index.py): its ranking is FTS5's bm25, phrases are found in
order and within one field, and words match whatever their case, accents or ending."""

import sqlite3

import pytest

from faqs.search.index import WEIGHTS, Index
from faqs.search.query import Concept

ROWS = [
    (16, "What is a non-molestation order?", "Protecting yourself", "", "It stops the abuser harassing you."),
    (32, "Court orders", "Going to court", "nmo", "A non-molestation order, an occupation order, and more."),
    (48, "Order of events", "", "", "A non-molestation order is an order of the court. " * 3),
    (64, "Non", "Molestation order", "", "A title that ends where the context begins."),
    (80, "Café and family centres", "", "", "Children's centres run groups."),
    (96, "Leaving", "", "", "Planning to leave an abusive partner safely takes time and help."),
]


def fts5_scores(rows, query):
    """{rowid: bm25} as SQLite's FTS5 ranks `query`, with the index's field weights."""
    database = sqlite3.connect(":memory:")
    database.execute(
        "CREATE VIRTUAL TABLE d USING fts5(title, context, keywords, body, "
        "tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    database.executemany("INSERT INTO d(rowid, title, context, keywords, body) VALUES (?, ?, ?, ?, ?)", rows)
    weights = ", ".join(str(float(w)) for w in WEIGHTS)
    found = database.execute(f"SELECT rowid, -bm25(d, {weights}) FROM d WHERE d MATCH ?", [query])
    return dict(found.fetchall())


@pytest.mark.parametrize(
    "phrases, query",
    [
        ([("order",)], '"order"'),
        ([("non", "molestation", "order")], '"non molestation order"'),
        ([("abuser",), ("leave",), ("centres",)], '"abuser" OR "leave" OR "centres"'),
        ([("molestation", "order"), ("court",)], '"molestation order" OR "court"'),
    ],
)
def test_the_ranking_is_fts5s_bm25(phrases, query):
    index = Index.of(ROWS)
    expected = fts5_scores(ROWS, query)
    scores = index.summed(phrases, {row[0] for row in ROWS})
    assert scores.keys() == expected.keys()
    assert all(scores[id] == pytest.approx(expected[id], rel=1e-9) for id in expected)


def test_a_phrase_is_found_in_order_and_within_one_field_weighted_by_the_field():
    index = Index.of(ROWS)
    # The title counts 8, keywords 3, the body 1 for each time the phrase is there.
    assert index.phrase(("non", "molestation", "order")) == {16: 8, 32: 1, 48: 3}
    assert 64 not in index.phrase(("non", "molestation"))  # the title ends, the context begins


def test_words_match_whatever_their_case_accents_or_ending():
    index = Index.of(ROWS)
    assert index.matching(Concept(("cafe",))) == ({80}, set())
    assert index.matching(Concept(("leaving",))) == ({96}, set())
    assert index.matching(Concept(("abusive", "partner"))) == ({96}, set())
    assert index.matching(Concept(("nmo",), (("court", "order"), ("non", "molestation", "order")))) == (
        {32},
        {16, 32, 48},
    )


def test_phrases_are_found_when_built_and_when_first_asked_for():
    built = Index.of(ROWS, [("occupation", "order")])
    assert ("occup", "order") in built.phrases
    assert built.phrase(("children", "s", "centres")) == {80: 1}
    assert ("children", "s", "centr") in built.phrases


def test_an_empty_index_finds_nothing():
    index = Index.of([])
    assert index.size == 0
    assert index.matching(Concept(("order",), (("court", "order"),))) == (set(), set())
    assert index.shortlist([Concept(("order",))], {Concept(("order",)): set()}, 10) == []


def test_an_index_made_from_the_previous_one_is_the_index_of_the_new_rows_and_leaves_the_old_alone():
    phrases = [("non", "molestation", "order"), ("occupation", "order")]
    before = Index.of(ROWS, phrases)
    before.phrase(("children", "s", "centres"))  # asked for by a search, not in the synonyms file
    rows = [row for row in ROWS if row[0] != 16]  # a document removed
    rows[0] = (32, "Court orders", "Going to court", "nmo", "An occupation order gets him out of the house.")
    rows.append((112, "Children's centres", "", "", "A non-molestation order and an occupation order."))

    after = Index.of(rows, phrases, previous=before)
    afresh = Index.of(rows, phrases)

    def postings(index):
        return {stem: found for stem, found in index.postings.items() if found}

    assert postings(after) == postings(afresh)
    assert after.norms == afresh.norms and after.size == afresh.size == 6
    for words in [*phrases, ("children", "s", "centres"), ("gets", "him", "out")]:
        assert after.phrase(words) == afresh.phrase(words)
    assert after.phrase(("non", "molestation", "order")) == {48: 3, 112: 1}
    # Searches still reading the index from before the change find what they found.
    assert before.phrase(("non", "molestation", "order")) == {16: 8, 32: 1, 48: 3}
    assert postings(before) == postings(Index.of(ROWS))


def test_the_shortlist_is_the_best_by_bm25_summed_over_the_concepts_the_lower_id_first_on_a_tie():
    rows = [*ROWS, (112, *ROWS[-1][1:])]  # 96's text again: the same scores
    index = Index.of(rows)
    concepts = [Concept(("leave",), (("abusive", "partner"),)), Concept(("order",))]
    found = {concept: set().union(*index.matching(concept)) for concept in concepts}
    phrases = [("leave",), ("abusive", "partner"), ("order",)]
    best = sorted(
        index.summed(phrases, set().union(*found.values())).items(), key=lambda item: (-item[1], item[0])
    )
    assert [id for id, _ in best] == [96, 112, 32, 16, 48, 64]

    def shortlist(limit, allowed=None):
        return index.shortlist(concepts, found, limit, allowed)

    assert [id for id, _ in shortlist(10)] == [96, 112, 32, 16, 48, 64]
    assert [score for _, score in shortlist(10)] == pytest.approx([score for _, score in best], rel=1e-12)
    assert [id for id, _ in shortlist(1)] == [96]
    assert [id for id, _ in shortlist(3, allowed={112, 16, 48, 80})] == [112, 16, 48]
    assert shortlist(3, allowed={80}) == []
