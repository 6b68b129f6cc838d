"""How this site's readers mean what they type (faqs/search/query_map.py): the map and the examples learnt from the
relevance set's tuning queries, how they are learnt and kept, and search with and without them.

Runs on whichever database DATABASE_URL names; CI runs it on SQLite and on PostgreSQL.
"""

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from faqs.models import PageSection
from faqs.search import meaning, query_map, ranking, search, vectors
from faqs.search.documents import BY_NAME, KINDS_PER_ID, document_id
from faqs.search.query_map import place_key
from tests.factories import make_help_page, make_helpline, make_question, make_section
from tests.helpers import write_file

QUERIES = "query,expected,kind,part\n"


@pytest.fixture
def map_file(tmp_path, monkeypatch):
    """MAP_FILE in a scratch folder, none learnt yet."""
    path = tmp_path / "query-map.npz"
    monkeypatch.setattr(query_map, "MAP_FILE", path)
    query_map.learnt.cache_clear()
    vectors.forget()
    yield path
    query_map.learnt.cache_clear()


def unit(rows):
    rows = np.array(rows, dtype=np.float64)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def closest_document(query, passages, owners):
    return owners[np.argmax(passages @ query)]


def test_the_fit_brings_a_query_to_the_place_that_answers_it_and_leaves_the_rest_alone():
    # Three documents; the first two of two passages each. The query reads closest to document 0 but document 2
    # answers it; a second query already reads closest to its answer, document 1.
    passages = unit([[1, 0, 0, 0], [1, 0.2, 0, 0], [0, 1, 0, 0], [0, 1, 0.2, 0], [0, 0, 1, 0]])
    owners = np.array([0, 0, 1, 1, 2])
    queries = unit([[1, 0, 0.6, 0.1], [0.1, 1, 0, 0.1]])
    assert closest_document(queries[0], passages, owners) == 0
    matrix = query_map.fit(queries, passages, owners, [{2}, {1}])
    moved = unit(queries @ matrix.T)
    assert [closest_document(q, passages, owners) for q in moved] == [2, 1]
    # Pulled towards no change: a direction no example uses stays where it was.
    unused = np.array([0, 0, 0, 1.0])
    assert matrix @ unused == pytest.approx(unused, abs=0.05)


def test_the_fit_is_the_same_each_time():
    passages, owners = unit([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), np.array([0, 1, 2])
    queries = unit([[1, 1, 0], [0, 1, 1]])
    first = query_map.fit(queries, passages, owners, [{1}, {2}])
    assert np.array_equal(first, query_map.fit(queries, passages, owners, [{1}, {2}]))


def test_the_map_in_the_code_was_learnt_from_todays_relevance_set():
    # Learnt again with `manage.py learn_query_map` (after load_content) whenever the tuning queries change.
    query_map.learnt.cache_clear()
    found = query_map.learnt()
    assert found is not None
    tuning = query_map.tuning_queries(query_map.query_files())
    assert found.digest == query_map.digest(tuning)
    assert found.matrix.shape == (384, 384)
    assert found.examples.shape == (len(tuning), 384)
    assert found.answers == tuple(tuple(sorted(expected)) for _, expected in tuning)


def test_learning_reads_the_tuning_queries_and_writes_the_map(content, tmp_path, map_file):
    queries = tmp_path / "queries.csv"
    write_file(
        tmp_path,
        "queries.csv",
        QUERIES + "can he take the kids abroad,mothers/forced-marriage-protection-order,lay,tune\n"
        "delete history,page:cover-your-tracks#history,help-page,tune\n"
        # Held-out queries measure the map and are never learnt from: this one names no place.
        "anything,nowhere/at-all,lay,held-out\n",
    )
    call_command("learn_query_map", str(queries))
    found = query_map.learnt()
    assert found.digest == query_map.digest(query_map.tuning_queries([queries]))
    assert not np.allclose(found.matrix, np.eye(384))
    # The examples: each tuning query (not the held-out one) with its places, read back within a byte's precision.
    assert found.answers == (
        ("mothers/forced-marriage-protection-order",),
        ("page:cover-your-tracks#history",),
    )
    closeness = found.examples @ meaning.embed(["delete history"])[0]
    assert closeness[0] < query_map.EXAMPLE_FLOOR
    assert closeness[1] == pytest.approx(1, abs=0.01)
    assert oct(map_file.stat().st_mode & 0o777) == "0o644"
    assert [p.name for p in map_file.parent.iterdir() if p.suffix == ".npz"] == [map_file.name]


@pytest.mark.parametrize(
    "rows, message",
    [
        (
            "what is a marac,glossary:no-such-term,term,tune\n",
            "No such place on the site: glossary:no-such-term",
        ),
        ("what is a marac,,term,tune\n", "line 2: a query needs its text, expected places and part"),
        ("what is a marac,glossary:marac,term,held-out\n", "No tuning queries to learn from"),
    ],
)
def test_a_bad_query_file_is_refused_and_the_map_left_as_it_was(content, tmp_path, map_file, rows, message):
    map_file.write_bytes(b"the map before")
    with pytest.raises(CommandError, match=message):
        call_command(
            "learn_query_map", str(write_file(tmp_path, "queries.csv", QUERIES + rows) / "queries.csv")
        )
    assert map_file.read_bytes() == b"the map before"
    assert [p.name for p in map_file.parent.iterdir() if p.suffix == ".npz"] == [map_file.name]


def test_a_missing_query_file_is_a_clear_error(db, tmp_path, map_file):
    with pytest.raises(CommandError, match="No such file"):
        call_command("learn_query_map", str(tmp_path / "missing.csv"))
    assert not map_file.exists()


def test_search_reads_the_query_both_ways_and_without_a_map_as_the_model_reads_it(db, map_file):
    question = make_question(
        text="What is an Occupation Order?", answer="A court order about who may live in the home."
    )
    document = question.pk * KINDS_PER_ID + 1  # a question's document
    query = "an order from the court about who can live in my home"
    without = ranking.closest(query, _chosen())
    assert [[(id, place) for id, _, place in found] for found in without] == [[(document, 1)]]
    assert [r.object.text for r in search(query)[0:5]] == ["What is an Occupation Order?"]
    write_map(map_file, [], [])
    both = ranking.closest(query, _chosen())
    assert len(both) == 2
    assert (
        [(id, place) for id, _, place in both[0]]
        == [(id, place) for id, _, place in both[1]]
        == [(document, 1)]
    )


def _chosen():
    from faqs.search import OneSearch, table

    return OneSearch(table)


def write_map(path, examples, answers):
    """A map that changes nothing, with `examples` (texts) each answered by the places `answers` names."""
    vectors = meaning.embed(examples) if examples else np.zeros((0, 384), np.float32)
    scales = np.abs(vectors).max(axis=1)
    np.savez_compressed(
        path,
        change=np.zeros((384, 384), np.float16),
        digest=np.array("test"),
        examples=np.round(vectors / scales[:, None] * 127).astype(np.int8),
        scales=scales,
        answers=np.array(answers, dtype=str),
    )
    query_map.learnt.cache_clear()


def test_a_query_that_reads_like_an_example_is_also_answered_by_its_places(db, map_file):
    occupation = make_question(
        text="What is an Occupation Order?", answer="A court order about who may live in the home."
    )
    other = make_question(text="What is a Wombat Order?", answer="A court order about wombats.")
    query = "can i make him move out of the house"
    write_map(map_file, [], [])
    assert [r.object.text for r in search(query)[0:5]] == [occupation.text]
    # An example that a reader's words and the model put elsewhere: only the example says where it belongs.
    write_map(map_file, ["can i make him move out of my house"], [place_key(BY_NAME["question"], other)])
    read_like = ranking.closest(query, _chosen())
    assert len(read_like) == 3  # as the model reads it, as mapped, and what answered the example
    assert [id for id, *_ in read_like[2]] == [document_id(BY_NAME["question"], other.pk)]
    assert read_like.trust == 1.0  # it reads almost as the example does (ranking.TRUSTED_ABOVE)
    assert [r.object.text for r in search(query)[0:5]] == [occupation.text, other.text]
    # A query that reads like no example is left to the model's readings.
    unlike = ranking.closest("an order about who can live in my home", _chosen())
    assert (len(unlike), unlike.trust) == (2, 0.0)
    # An example's place that has gone since the examples were learnt is passed over.
    other.delete()
    assert len(ranking.closest(query, _chosen())) == 2
    assert [r.object.text for r in search(query)[0:5]] == [occupation.text]


def test_the_examples_places_are_looked_up_by_their_keys_alone(db, map_file):
    question = make_question(make_section(introduction="What this part is about."))
    page = make_help_page("cover-your-tracks", introduction="What this page is for.")
    places = {
        "question": question,
        "section": question.section,
        "guide": question.guide,
        "helpline": make_helpline(),
        "page": page,
        "page-section": PageSection.objects.get(page=page),
    }
    keys = {place_key(BY_NAME[kind], o): document_id(BY_NAME[kind], o.pk) for kind, o in places.items()}
    make_question(section=question.section)  # named by no example
    # A place that is not there, and one the index does not hold (a guide without notes has none).
    missing = [f"{question.guide.slug}/no-such-question", f"notes:{question.guide.slug}"]
    write_map(map_file, ["delete my history", "a court order"], [" ".join(keys), " ".join(missing)])
    assert query_map.places(_chosen()) == keys


def test_each_ranking_by_meaning_shares_meanings_part():
    # A document first by words alone scores 1 / RANK_OFFSET; one first in each of two rankings by meaning,
    # MEANING_SHARE of that, as it would first in one.
    # (Ids of questions: a document's id is its object's * 16 + its kind's number, 1.)
    assert ranking.merged([17], [[33], [33]]) == ranking.merged([17], [[33]]) == [17, 33]
    assert ranking.merged([17], [[33], [49]]) == [17, 33, 49]
    # Second in both rankings by meaning comes before first in one of them.
    assert ranking.merged([], [[33, 17], [17, 49]]) == [17, 33, 49]


def test_the_examples_ranking_counts_for_more_the_closer_the_query_reads_to_one():
    # First by words and by the model's reading, against first among the examples' places: the reader's words win
    # unless the query reads almost as an example did (trust 1: ranking.TRUSTED_WEIGHT, TRUSTED_SHARE).
    assert ranking.merged([33, 17], [[33], [], [17]]) == [33, 17]
    assert ranking.merged([33, 17], [[33], [], [17]], trust=0.5) == [33, 17]
    assert ranking.merged([33, 17], [[33], [], [17]], trust=1.0) == [17, 33]


def test_a_query_is_as_close_to_the_examples_as_its_nearest(db, map_file):
    write_map(map_file, ["delete my browsing history", "a court order to keep him away"], ["page:a", "b/c"])
    vector = meaning.embed(["delete my browsing history"])[0]
    answers, nearest = query_map.answered(vector)
    assert [place for place, _ in answers] == ["page:a"] and nearest > 0.99  # (stored to a byte a number)
    answers, nearest = query_map.answered(meaning.embed(["football scores"])[0])
    assert answers == [] and nearest < query_map.EXAMPLE_FLOOR
