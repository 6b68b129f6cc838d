"""Search by meaning: the tokenizer and the sentence model against their references, the vectors each document
is read as and where they are kept, and what meaning adds to a search (faqs/search/meaning.py, network.py,
vectors.py, wordpiece.py).

Runs on whichever database DATABASE_URL names; CI runs it on SQLite and on PostgreSQL.
"""

import json
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from onnx import TensorProto, helper, numpy_helper

from faqs.models import GlossaryTerm, Question, SearchVector
from faqs.search import meaning, network, search, update_vectors, vectors
from faqs.search.documents import KINDS_PER_ID
from faqs.search.wordpiece import MAX_PIECES, WordPiece
from tests.factories import make_helpline, make_question, make_section
from tests.helpers import DATA_DIR, run_python


@pytest.fixture(autouse=True)
def nothing_remembered():
    vectors.forget()


def slugs(query, **options):
    return [r.object.slug for r in search(query, **options)[0:20]]


# --- The model --------------------------------------------------------------------------------------------


def test_the_tokenizer_gives_the_references_ids():
    # Ids from the reference tokenizer (Hugging Face's, with the model's tokenizer.json) for the site's own
    # kinds of text and for accents, ligatures, CJK, emoji, controls, private use, over-long words and junk.
    cases = json.loads((DATA_DIR / "wordpiece_reference.json").read_text())
    tokenizer = WordPiece(meaning.weights_folder() / "vocab.txt")
    for text, ids in cases:
        assert tokenizer.encode(text) == ids, text
    assert len(tokenizer.encode("word " * 1000)) == MAX_PIECES


def test_the_model_gives_the_published_similarities():
    # sentence-transformers' documentation, for all-MiniLM-L6-v2: 0.6660, 0.1046 and 0.1411. The weights are
    # kept in 8 bits here, so within 0.02.
    a, b, c = meaning.embed(
        ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]
    )
    assert [a @ b, a @ c, b @ c] == pytest.approx([0.6660, 0.1046, 0.1411], abs=0.02)
    assert np.linalg.norm(a) == pytest.approx(1.0, abs=1e-5)


def test_a_texts_vector_is_the_same_alone_or_with_others():
    alone = meaning.embed(["can they take my baby"])[0]
    together = meaning.embed(["what is an occupation order", "can they take my baby", "x"])[1]
    assert np.array_equal(alone, together)


def test_other_weights_are_refused(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(b"\x08\x00\x00\x00\x00\x00\x00\x00{}      ")
    with pytest.raises(network.WeightsError, match="not the published all-MiniLM-L6-v2 weights"):
        network.build(tmp_path, tmp_path / "model.onnx")
    assert not list(tmp_path.glob("*.onnx*"))  # nothing half-written


def test_the_model_file_is_built_whole_and_the_same_each_time(tmp_path):
    first, second = tmp_path / "a.onnx", tmp_path / "b.onnx"
    network.build(meaning.weights_folder(), first)
    network.build(meaning.weights_folder(), second)
    assert first.read_bytes() == second.read_bytes()
    assert not list(tmp_path.glob(".*partial"))


def test_every_processor_computes_the_same_vectors():
    # Without VNNI, ONNX Runtime sums 8-bit products two at a time in 16 bits, which saturate: the model's weights
    # are kept within WEIGHT_LIMIT so that no sum can, and its worst case comes out exact on this processor too.
    meaning.model()  # built if it is not yet
    model = onnx.load(meaning.model_path())
    limit = network.WEIGHT_LIMIT
    matrices = [numpy_helper.to_array(t) for t in model.graph.initializer if t.data_type == TensorProto.INT8]
    assert matrices and max(int(np.abs(m).max()) for m in matrices) <= limit
    a = np.full((1, 8), 255, np.uint8)
    b = np.array([[limit, -limit]] * 8, np.int8)
    product = helper.make_node("MatMulInteger", ["a", "b"], ["y"])
    graph = helper.make_graph(
        [product],
        "worst-case",
        [helper.make_tensor_value_info("a", TensorProto.UINT8, a.shape)],
        [helper.make_tensor_value_info("y", TensorProto.INT32, (1, 2))],
        [numpy_helper.from_array(b, "b")],
    )
    opsets = [helper.make_opsetid("", network.OPSET)]
    built = helper.make_model(graph, opset_imports=opsets, ir_version=network.IR_VERSION)
    session = onnxruntime.InferenceSession(built.SerializeToString(), providers=["CPUExecutionProvider"])
    exact = a.astype(np.int32) @ b.astype(np.int32)
    assert np.array_equal(session.run(None, {"a": a})[0], exact)


def test_the_model_leaves_no_trace_and_its_runtime_carries_no_telemetry(tmp_path):
    # ONNX Runtime 1.30 and later keep a database of events under ~/.cache/Microsoft and send it to Microsoft.
    ran = run_python(
        "import django; django.setup(); from faqs.search import meaning; print(meaning.embed(['hello']).shape)",
        settings_module="tests.settings",
        HOME=str(tmp_path),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    assert ran.stdout.strip() == "(1, 384)", ran.stderr
    assert not list(tmp_path.rglob("*"))
    runtime = Path(onnxruntime.__file__).parent / "capi"
    for library in runtime.glob("*.so*"):
        assert b"events.data.microsoft.com" not in library.read_bytes(), library


# --- Vectors and where they are kept ----------------------------------------------------------------------


# Two passages of a text (each is about 40 words), about different things, for the tests of which is closest.
COURT_FEES = (
    "Court fees are set by the government and are paid when an application is made to the family court. Some "
    "applications cost nothing at all, and a person on a low income can ask for help with the fees before the "
    "hearing date is set."
)
GOING_BACK = (
    "Many women return to an abusive partner several times before the relationship finally ends. This does not "
    "mean the abuse was minor: the weeks after a woman walks out are often the most dangerous, and each return "
    "can bring support."
)

# A glossary term's quote (as content/glossary.md has them): the guidance's own words that explain it.
FAMILY_MEETING = (
    "This is a family-led planning meeting. It can be a good way for wider family to be involved in making plans "
    "for the children."
)


def row(id, title, context="", body=""):
    return (id, title, context, "", body)


def test_a_document_is_read_as_its_title_in_context_then_its_text_or_its_opening(db):
    body = "\n\n".join(["One.", "word " * 50, "Three.", "Four.", "five " * 50, "Six."])
    question = row(1 * KINDS_PER_ID + 1, "What is it?", "A section", body)
    page_section = row(1 * KINDS_PER_ID + 7, "History", "Cover your tracks", body)
    glossary = row(1 * KINDS_PER_ID + 8, "Early help", "", "")
    passages = ["One.", ("word " * 50).strip(), "Three. Four.", ("five " * 50).strip(), "Six."]
    assert vectors.passages(question) == [
        "What is it?. A section",
        *[f"What is it?. {p}" for p in passages[:3]],
    ]
    assert vectors.passages(page_section) == [
        "History. Cover your tracks",
        *[f"History. {p}" for p in passages],
    ]
    assert vectors.passages(glossary) == ["Early help"]


def test_vectors_are_made_once_and_kept_in_the_database(db, monkeypatch):
    rows = [row(17, "What is an occupation order?"), row(33, "Delete your history", "Cover your tracks")]
    made = vectors.Vectors.of(rows)
    assert SearchVector.objects.count() == 2
    vectors.forget()  # another process: it reads them from the database, and computes none
    embedded = []
    real = meaning.embed
    monkeypatch.setattr(meaning, "embed", lambda texts: embedded.append(texts) or real(texts))
    again = vectors.Vectors.of(rows)
    assert embedded == []
    assert np.array_equal(made.matrix, again.matrix)


def test_after_an_edit_only_the_changed_document_is_read_again(db, monkeypatch):
    rows = [row(17, "What is an occupation order?"), row(33, "Delete your history", "Cover your tracks")]
    before = vectors.Vectors.of(rows)
    read = []
    real = vectors.passages
    monkeypatch.setattr(vectors, "passages", lambda r: read.append(r[0]) or real(r))
    edited = [rows[0], row(33, "Clear your history", "Cover your tracks")]
    after = vectors.Vectors.of(edited, before)
    assert read == [33]
    assert np.array_equal(after.matrix, vectors.Vectors.of(edited).matrix)
    assert np.array_equal(before.matrix[0], after.matrix[0])


def test_the_closest_documents_best_first_within_a_threshold_and_a_limit(db):
    rows = [
        row(17, "What is an occupation order?"),
        row(33, "Remove this site from your browsing history"),
        row(49, "Private browsing", "Cover your tracks"),
    ]
    found = vectors.Vectors.of(rows)
    query = meaning.embed(["how do i delete my history"])[0]
    closest = found.closest(query, 3, 0.0)
    assert [id for id, *_ in closest] == [33, 49, 17]
    assert closest[0][1] > closest[1][1] > closest[2][1]
    assert [id for id, *_ in found.closest(query, 1, 0.0)] == [33]
    between = (closest[1][1] + closest[2][1]) / 2
    assert [id for id, *_ in found.closest(query, 3, between)] == [33, 49]
    assert vectors.Vectors.of([]).closest(query, 3, 0.0) == []


def test_each_closest_document_says_which_of_its_passages_is_closest(db):
    body = "\n\n".join([COURT_FEES, GOING_BACK, "Rain is forecast for tomorrow across the south."])
    rows = [row(17, "Questions from mothers", "Working with your social worker", body)]
    found = vectors.Vectors.of(rows)

    def place(query):
        return found.closest(meaning.embed([query])[0], 1, 0.0)[0][2]

    assert place("she keeps going back to him") == 2  # the text's second passage, after its title in context
    assert place("how much does court cost") == 1
    assert place("questions mothers ask") == 0


def test_on_a_large_site_only_the_documents_closest_by_title_are_read_whole(db, monkeypatch):
    rows = [
        row(17, "Remove this site from your browsing history", "Cover your tracks"),
        row(33, "Private browsing", "Cover your tracks", "Your browser keeps no history of the pages."),
        row(49, "Football", "Sport", "How to delete the history on your phone."),
        row(65, "Weather", "Forecast", "Rain tomorrow."),
    ]
    query = meaning.embed(["how do i delete my history"])[0]
    ids = lambda found: [id for id, *_ in found]  # noqa: E731
    assert ids(vectors.Vectors.of(rows).closest(query, 4, 0.0)) == [49, 17, 33, 65]
    monkeypatch.setattr(vectors, "CANDIDATES", 2)
    # Football's passage is the closest of all, but its title is not among the two closest.
    assert ids(vectors.Vectors.of(rows).closest(query, 4, 0.0)) == [17, 33]


def test_loading_makes_the_vectors_and_deletes_those_no_longer_read(db):
    question = make_question(text="What is an occupation order?")
    update_vectors()
    before = set(SearchVector.objects.values_list("digest", flat=True))
    Question.objects.filter(pk=question.pk).update(text="What is a non-molestation order?")
    assert update_vectors() == 2  # the old title, and the old title with its section
    after = set(SearchVector.objects.values_list("digest", flat=True))
    assert len(before - after) == len(after - before) == 2  # its guide's, by its title, stays as it was


# --- What meaning adds to a search ------------------------------------------------------------------------


def test_a_question_is_found_in_other_words_than_its_own(db):
    section = make_section(title="Mothers who stay with their partner")
    wanted = make_question(section, text="A mother won't separate from her abusive partner. How can I help?")
    make_question(text="What is an occupation order?")
    make_helpline(name="Shelter", description="Housing advice.")
    # No word in common but the stop words: found by meaning alone.
    assert slugs("she keeps going back to him") == [wanted.slug]


def test_a_result_found_by_meaning_alone_shows_its_passage_closest_in_meaning(db):
    wanted = make_question(text="Questions mothers ask", answer="\n\n".join([COURT_FEES, GOING_BACK]))
    found = search("she keeps going back to him")[0:1]
    assert [r.object for r in found] == [wanted]
    assert found[0].excerpt_html.startswith("… Many women return to an abusive partner several times")
    assert "<mark>" not in found[0].excerpt_html
    assert "<mark>fees</mark>" in search("fees")[0].excerpt_html  # by its words: the passage holding them
    # By the meaning of its title: the text's opening.
    make_question(text="Leaving the site quickly", answer=COURT_FEES)
    found = search("how do i close this website fast")[0:1]
    assert found[0].title_html == "Leaving the site quickly"
    assert found[0].excerpt_html.startswith("Court fees are set by the government")


def test_a_glossary_term_is_found_by_the_meaning_of_its_quote_but_not_by_its_words(db):
    question = make_question(text="Other people in my life", answer=f"A wombat meeting. {FAMILY_MEETING}")
    GlossaryTerm.objects.create(
        name="Wombat meeting", slug="wombat", source=question.get_absolute_url(), quote=FAMILY_MEETING
    )
    make_question(text="What is an occupation order?")
    # No word of its names: found by the meaning of the quote.
    assert "glossary" in [r.kind.name for r in search("relatives make plans for the kids together")[0:5]]
    # The quote's words are found where they stand, in the question, and not a second time.
    found = [r.kind.name for r in search("family led planning", by_meaning=False)[0:5]]
    assert "question" in found and "glossary" not in found


def test_words_and_meaning_both_count(db):
    by_words = make_question(text="How do I apply to the family court?")
    by_both = make_question(text="Can a court order protect my children from a violent partner?")
    assert slugs("protect my children at court")[:2] == [by_both.slug, by_words.slug]


def test_counts_include_what_meaning_found_and_filters_keep_to_them(client, db):
    make_question(text="A mother won't separate from her abusive partner.", audiences=("social-workers",))
    html = client.get("/search/", {"q": "she keeps going back to him"}).content.decode()
    assert "1 result matches" in html
    assert "For social workers (1)" in html
    assert slugs("she keeps going back to him", audience="mothers") == []


def test_a_query_of_stop_words_finds_nothing_by_meaning(db):
    make_question(text="What can I do?")
    assert slugs("what can i do") == []


def test_an_edit_is_found_by_its_new_meaning_at_the_next_search(db):
    question = make_question(text="What is an occupation order?")
    make_question(text="Who can apply for a prohibited steps order?")
    Question.objects.filter(pk=question.pk).update(text="A mother won't separate from her abusive partner.")
    assert slugs("she keeps going back to him") == [question.slug]


def test_without_the_models_weights_search_finds_by_words_and_check_says_so(
    db, monkeypatch, settings, tmp_path
):
    question = make_question(text="What is an occupation order?")

    def missing():
        raise meaning.ModelMissing("The search model's weights are not installed")

    settings.SEARCH_MODEL_DIR = tmp_path  # no model file there yet: it would be built from the weights
    meaning.model.cache_clear()
    meaning.english_words.cache_clear()
    monkeypatch.setattr(meaning, "weights_folder", missing)
    try:
        assert slugs("occupation order") == [question.slug]
        assert slugs("get him out of my flat") == [question.slug]  # the synonyms still find it
        assert search("occupaton order").suggestion == "occupation order"  # spelling without English's words
        with pytest.raises(SystemCheckError, match=r"faqs.E001.*weights are not installed"):
            call_command("check")
    finally:
        meaning.model.cache_clear()
        meaning.english_words.cache_clear()
