"""Search: the form, the results page, hostile input, privacy, and the index kept in step with every write.

Runs on whichever database DATABASE_URL names; CI runs it on SQLite and on PostgreSQL.
"""

import io
import logging
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from faqs.content.loading import load_content
from faqs.guides.audiences import seed_audiences
from faqs.models import Audience, Guide, Question, Section
from faqs.search import cache as search_cache
from faqs.search import meaning, prepare, rebuild_index, search, spelling, vectors
from faqs.search.excerpts import START, STOP, Matches, highlighted, marked_html, passage
from faqs.search.query import Concept
from faqs.search.synonyms import group, parse_synonyms
from faqs.search.text import MAX_QUERY_LENGTH, clean_query, words
from tests.factories import make_guide, make_question, make_section
from tests.helpers import ROOT, production_env, write_file


@pytest.fixture(autouse=True)
def fresh_vocabulary():
    spelling.forget_vocabulary()


def slugs(query, **options):
    """The slugs of the questions the index of words finds (other kinds of result left out): what meaning adds
    is tested in tests/test_search_meaning.py."""
    return [
        r.object.slug for r in search(query, by_meaning=False, **options)[0:50] if r.kind.name == "question"
    ]


# --- The form and the page --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/helplines/", "/search/", "/no-such-page/"])
def test_every_page_has_a_labelled_get_search_form(client, db, path):
    html = client.get(path).content.decode()
    assert 'action="/search/" method="get" role="search"' in html
    assert '<label class="visually-hidden" for="site-search-q">Search the guidance</label>' in html
    assert 'type="search" id="site-search-q" name="q"' in html
    assert '<button class="site-search__button" type="submit">Search</button>' in html


def test_results_are_an_ordered_list_linking_each_question_with_guide_audiences_and_marked_excerpt(
    client, db
):
    guide = make_guide(title="Protecting yourself")
    make_question(
        make_section(guide),
        text="What is a Non-Molestation Order?",
        slug="nmo",
        answer="A non-molestation order stops the abuser from harassing you.",
        audiences=("mothers", "social-workers"),
    )
    response = client.get("/search/", {"q": "non-molestation order"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<ol class="search-results" start="1">' in html
    assert f'href="/guides/{guide.slug}/nmo/"' in html
    assert "Question</span>: " in html and "For mothers, social workers." in html
    excerpt = html.split('<p class="search-result__excerpt">')[1].split("</p>")[0]
    assert "<mark>" in excerpt
    assert unmarked(excerpt) == "A non-molestation order stops the abuser from harassing you."


def test_results_come_in_rank_order_question_text_first(db):
    section = make_section(title="Money")
    in_answer = make_question(section, text="What help is there?", answer="Ask about a refuge near you.")
    in_topic = make_question(section, text="Somewhere to stay", answer="Talk to someone.", topics=["refuge"])
    in_text = make_question(section, text="How do I find a refuge?", answer="There are several ways.")
    assert slugs("refuge") == [in_text.slug, in_topic.slug, in_answer.slug]


def test_section_titles_weigh_more_than_answers(db):
    plain = make_question(make_section(title="Other things"), text="Q one", answer="Something about housing.")
    titled = make_question(make_section(title="Housing"), text="Q two", answer="Something else.")
    assert slugs("housing") == [titled.slug, plain.slug]


def test_audience_filter_has_counts_and_stays_in_the_url(client, db):
    section = make_section()
    make_question(section, text="Contact with a father", audiences=("mothers",))
    make_question(section, text="Contact centres", audiences=("mothers", "social-workers"))
    make_question(section, text="Contact records", audiences=("practitioners",))
    html = client.get("/search/", {"q": "contact"}).content.decode()
    assert '<span aria-current="true">Everyone (3)</span>' in html
    assert 'href="?q=contact&amp;audience=mothers">For mothers (2)</a>' in html
    assert ">For social workers (1)</a>" in html
    filtered = client.get("/search/", {"q": "contact", "audience": "mothers"}).content.decode()
    assert filtered.count('class="search-result"') == 2
    assert '<span aria-current="true">For mothers (2)</span>' in filtered
    assert '<input type="hidden" name="audience" value="mothers">' in filtered


def test_an_unknown_audience_is_ignored(client, db):
    make_question(text="Contact with a father")
    response = client.get("/search/", {"q": "contact", "audience": "<b>nobody</b>"})
    assert response.status_code == 200
    assert response.content.decode().count('class="search-result"') == 1


def test_many_results_are_paginated(client, db):
    section = make_section()
    for n in range(25):
        make_question(section, text=f"Court question {n}")
    first = client.get("/search/", {"q": "court"}).content.decode()
    assert first.count('class="search-result"') == 20
    assert 'rel="next" href="?q=court&amp;page=2"' in first
    second = client.get("/search/", {"q": "court", "page": "2"}).content.decode()
    assert second.count('class="search-result"') == 5
    assert '<ol class="search-results" start="21">' in second
    assert client.get("/search/", {"q": "court", "page": "x<y"}).status_code == 200


def test_no_results_says_so_and_offers_helplines_and_audience_pages(client, db):
    make_question(text="What is an occupation order?")
    html = client.get("/search/", {"q": "zebra crossing"}).content.decode()
    assert "Nothing matches “zebra crossing”" in html
    assert 'href="/helplines/"' in html
    assert 'href="/for/mothers/"' in html and 'href="/for/social-workers/"' in html


def test_misspellings_are_corrected_and_suggested(client, db):
    make_question(text="What is an occupation order?", slug="occupation-order")
    make_question(text="What is a non-molestation order?", slug="nmo")
    html = client.get("/search/", {"q": "occupaton order"}).content.decode()
    assert 'Did you mean <a href="?q=occupation+order">occupation order</a>?' in html
    assert slugs("occupaton order")[0] == "occupation-order"
    assert slugs("non molestaion order")[0] == "nmo"
    assert search("occupation order").suggestion is None


def test_a_phrase_from_the_synonyms_file_is_matched_as_a_whole(db):
    make_question(text="What is an occupation order?", slug="occupation-order")
    make_question(text="Finding a house", slug="house", answer="Help to find a house to live in.")
    assert slugs("get him out of the house") == ["occupation-order"]
    assert slugs("a house") == ["house"]


def test_a_phrase_from_the_synonyms_file_that_the_site_never_says_is_looked_for_in_shorter_pieces(db):
    # The file reads "cin plan" as "child in need plan", which nothing here says: rather than finding nothing,
    # "cin" is still "child in need" (a shorter phrase of the file) and "plan" a word of its own.
    make_question(text="Is my child a child in need?", slug="child-in-need")
    make_question(text="Planning visits", slug="visits", answer="Make a plan for each visit.")
    make_question(text="What is a child in need plan?", slug="cin-plan")
    assert slugs("cin plan") == ["cin-plan"]  # said: the phrase is found as a whole, and only it
    Question.objects.filter(slug="cin-plan").delete()
    assert set(slugs("cin plan")) == {"child-in-need", "visits"}


def test_words_the_guidance_never_uses_are_not_turned_into_other_words(db):
    make_question(text="Where can I stay for the night?", slug="night")
    assert search("somewhere tonight").suggestion is None
    assert search("nigth").suggestion == "night"


def test_a_word_with_the_vowels_wrong_is_corrected_to_the_word_with_its_consonants(db):
    make_question(text="What is Clare's Law?", slug="clares-law")
    make_question(text="Making claims for benefits, or a break", slug="claims")
    # "clairs" is one letter from "claims" but has the consonants of "clares", two edits away.
    assert search("clairs law").suggestion == "clares law"
    assert slugs("clairs law")[0] == "clares-law"
    # Two edits from a word with other consonants is too far: nothing is corrected.
    assert search("clomps").suggestion is None
    assert search("breach").suggestion is None


def test_a_word_of_english_the_guidance_does_not_use_is_not_corrected_to_one_it_does(db):
    make_question(text="Putting children first", slug="putting")
    assert search("pushing").suggestion is None  # two edits from "putting", but a word in its own right
    assert search("puttnig").suggestion == "putting"


def test_a_short_word_is_corrected_only_for_a_vowel_left_out_put_in_or_swapped(db):
    make_question(text="What is early help?", slug="early-help")
    make_question(text="Help with a house move", slug="house")
    assert search("erly help").suggestion == "early help"
    assert slugs("erly help")[0] == "early-help"
    assert search("hous move").suggestion == "house move"
    assert search("hose move").suggestion is None  # a word of English: left as typed
    assert search("eely help").suggestion is None  # other consonants: too far for a short word


def test_a_misspelling_is_corrected_to_the_same_word_first_then_to_one_with_its_consonants():
    known = {"play": 1, "plans": 9, "clares": 1, "claims": 9, "break": 9, "settled": 1, "style": 9}
    assert spelling.suggest("plays", known) == "play"  # its singular, before a commoner word one letter off
    assert spelling.suggest("clairs", known) == "clares"  # the same consonants, two edits off
    assert spelling.suggest("breach", known) is None  # two edits off with other consonants: too far
    assert spelling.suggest("settle", known) == "settled"  # "style" has other consonants
    assert spelling.consonants("clairs") == spelling.consonants("clares") == "clrs"


def test_synonyms_and_abbreviations_find_the_words_the_guidance_uses(db):
    clares = make_question(
        text="Can I find out about my partner's past?", answer="The Domestic Violence Disclosure Scheme."
    )
    dvpo = make_question(text="What is a Domestic Violence Protection Order?")
    assert slugs("clares law") == [clares.slug]
    assert slugs("Clare's Law") == [clares.slug]
    assert slugs("DVPO") == [dvpo.slug]


def test_stop_words_never_block_a_match(db):
    make_question(text="Can they stop me taking my baby home?", slug="baby")
    assert slugs("what is a baby") == ["baby"]
    assert slugs("will they take my baby")[0] == "baby"
    assert slugs("can I") == []


def test_a_readers_filler_words_are_not_looked_for(db):
    # "what abuse is like", "how bad it really is": the words mean nothing of their own, and a place that happens
    # to use them must not come before the one that answers.
    make_question(text="My social worker does not understand", slug="understand")
    make_question(text="Things like this really happen", slug="common", answer="It really is like that.")
    assert slugs("social worker does not understand what its really like") == ["understand"]
    assert slugs("like") == []


def test_hyphens_apostrophes_and_possessives(db):
    nmo = make_question(text="What is a Non-Molestation Order?", slug="nmo")
    services = make_question(text="Why are Children\u2019s Services involved?", slug="services")
    assert slugs("non molestation order")[0] == nmo.slug
    assert slugs("non-molestation")[0] == nmo.slug
    assert slugs("childrens services")[0] == services.slug
    assert slugs("children's services")[0] == services.slug


# --- Hostile input ----------------------------------------------------------------------------------------

HOSTILE = [
    '"',
    "'",
    '"unbalanced',
    "clare's law\"",
    "AND",
    "OR OR OR",
    "NOT order",
    "NEAR(order court)",
    "order NEAR/2 court",
    "*",
    "ord*",
    "-order",
    "- - -",
    "(order",
    "order)",
    "[order]",
    "{order}",
    "text:order",
    "^order",
    "order AND (court OR NOT)",
    "a" * 5000,
    "order " * 1000,
    "😀 order 🏠",
    "😀",
    "\u0417\u0430\u043a\u0430\u0437 \u043e \u0437\u0430\u043f\u0440\u0435\u0442\u0435",  # Russian
    "命令 保護",
    "أمر الحماية",
    "order\x00court",
    "\x00",
    "%s %d %%",
    "'; DROP TABLE faqs_question; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "\ue000order\ue001",
    "&lt;b&gt;",
    "\\",
    "::",
    "!!!",
    "",
    "   ",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_input_never_errors_or_reflects_markup(client, db, query):
    make_question(
        text="What is a restraining order?", answer="A court order <b>made</b> by a criminal court."
    )
    response = client.get("/search/", {"q": query, "audience": query})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "\x00" not in html
    assert "<b>made</b>" not in html


def test_input_is_capped_and_cleaned():
    assert len(clean_query("x" * 5000)) == MAX_QUERY_LENGTH
    assert clean_query("order\x00court\ue000") == "order court"
    assert clean_query(None) == ""


def test_excerpts_escape_before_marking():
    assert marked_html(f"<b>{START}order{STOP}</b> & co") == "&lt;b&gt;<mark>order</mark>&lt;/b&gt; &amp; co"
    assert marked_html(f"{START}unclosed <i>") == "unclosed &lt;i&gt;"
    assert (
        marked_html(f"[a {START}link{STOP}](/helplines/#x) **bold**", markdown=True)
        == "a <mark>link</mark> bold"
    )


def test_excerpts_mark_every_form_of_the_words_in_the_best_passage():
    matches = Matches([Concept(("babies",)), Concept(("orders",), (("nmo",), ("the", "court")))])
    text = "Filler words. " * 30 + "A baby, the babies' ORDERS and the courts. " + "More words. " * 30
    marked = passage(text, matches)
    assert marked.startswith("… ") and marked.endswith(" …") and len(marked) < 250
    for word in ("baby", "babies", "ORDERS", "courts"):
        assert f"{START}{word}{STOP}" in marked
    assert f"{START}the{STOP}" not in marked and f"{START}Filler{STOP}" not in marked
    assert passage("Nothing here matches.", matches) == "Nothing here matches."
    assert highlighted("Pay, pays and paid", Matches([Concept(("pay",))])).count(START) == 2
    assert marked_html(highlighted("<b>Orders</b> & babies", matches)) == (
        "&lt;b&gt;<mark>Orders</mark>&lt;/b&gt; &amp; <mark>babies</mark>"
    )


def test_excerpts_from_content_with_markup_are_escaped(client, db):
    make_question(text="Refuge <em>now</em>", answer="Call <script>alert(1)</script> a refuge & more.")
    html = client.get("/search/", {"q": "refuge"}).content.decode()
    assert "Refuge &lt;em&gt;now&lt;/em&gt;" in html.replace("<mark>Refuge</mark>", "Refuge")
    assert "<script>" not in html and "Call &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<mark>refuge</mark> &amp; more" in html


# --- Privacy ----------------------------------------------------------------------------------------------


def test_search_sets_no_cookies_and_logs_nothing(client, db, caplog):
    make_question(text="Secret question about zanzibar")
    with caplog.at_level(logging.DEBUG):
        response = client.get("/search/", {"q": "zanzibar"})
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "zanzibar" not in caplog.text


# --- The index kept in step -------------------------------------------------------------------------------


def test_saved_questions_are_found_and_drafts_never(db):
    question = make_question(text="What is a zebra order?")
    assert slugs("zebra") == [question.slug]
    question.status = Question.Status.DRAFT
    question.save()
    assert slugs("zebra") == []
    make_question(text="Draft about zebras", status=Question.Status.DRAFT)
    assert slugs("zebra") == []


def test_bulk_updates_reach_the_index(db):
    question = make_question(text="What is a zebra order?")
    Question.objects.filter(pk=question.pk).update(text="What is a giraffe order?")
    assert slugs("zebra") == []
    assert slugs("giraffe") == [question.slug]
    Question.objects.filter(pk=question.pk).update(status=Question.Status.DRAFT)
    assert slugs("giraffe") == []
    Question.objects.filter(pk=question.pk).update(status=Question.Status.PUBLISHED)
    assert slugs("giraffe") == [question.slug]


def test_topic_changes_reach_the_index(db):
    question = make_question(text="A question", topics=["zebras"])
    assert slugs("zebras") == [question.slug]
    question.topics.set(["giraffes"])
    assert slugs("zebras") == []
    assert slugs("giraffes") == [question.slug]
    question.topics.add("lions")
    assert slugs("lions") == [question.slug]
    Tag.objects.filter(name="lions").update(name="tigers")
    assert slugs("lions") == []
    assert slugs("tigers") == [question.slug]
    question.topics.clear()
    assert slugs("giraffes") == []


def test_audience_changes_reach_the_filter(db):
    question = make_question(text="Zebra crossing", audiences=("mothers",))
    assert slugs("zebra", audience="mothers") == [question.slug]
    question.audiences.set([Audience.objects.get(slug="practitioners")])
    assert slugs("zebra", audience="mothers") == []
    assert slugs("zebra", audience="practitioners") == [question.slug]


def test_section_renames_reach_the_index(db):
    section = make_section(title="Zebras")
    question = make_question(section, text="A question")
    assert slugs("zebras") == [question.slug]
    section.title = "Giraffes"
    section.save()
    assert slugs("zebras") == []
    Section.objects.filter(pk=section.pk).update(title="Lions")
    assert slugs("giraffes") == []
    assert slugs("lions") == [question.slug]


def test_addresses_and_texts_follow_every_change(db):
    # Results keep each document's object and address for as long as the index is unchanged.
    question = make_question(text="What is a zebra order?")
    [result] = search("zebra")[0:1]
    assert result.url == question.get_absolute_url()
    Question.objects.filter(pk=question.pk).update(slug="zebras", text="What are zebra orders?")
    Guide.objects.filter(pk=question.guide.pk).update(slug="renamed")
    [result] = search("zebra")[0:1]
    assert (result.object.slug, result.object.text) == ("zebras", "What are zebra orders?")
    assert result.url.startswith("/guides/renamed/") and result.url.endswith("/zebras/")


def test_deleted_questions_leave_the_index(db):
    question = make_question(text="Zebra question")
    section = make_question(text="Zebra question two").section
    question.delete()
    assert slugs("zebra") == ["question-" + slugs("zebra")[0].split("-")[1]]
    section.delete()
    assert slugs("zebra") == []


GUIDE = """\
---
title: A guide
slug: a-guide
source: Family Rights Group
audiences: mothers
added: 2026-11-22
---

## A section
slug: a-section

### What is a non-molestation order?
slug: nmo

A court order that stops the abuser harassing you.

### What is an occupation order?
slug: occupation-order

A court order about who lives in the home, which can also stop molestation.
"""


def test_loading_content_indexes_it_and_rebuilding_changes_nothing(db, tmp_path):
    seed_audiences(Audience)
    load_content(write_file(tmp_path, "a-guide.md", GUIDE))
    before = slugs("non molestation order")
    assert before[0] == "nmo"
    rebuild_index()
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert slugs("non molestation order") == before


def test_migrate_keeps_the_index_and_its_triggers(db):
    question = make_question(text="Zebra question")
    call_command("migrate", verbosity=0)
    assert slugs("zebra") == [question.slug]
    Question.objects.filter(pk=question.pk).update(text="Giraffe question")
    assert slugs("giraffe") == [question.slug]


# --- A process's start ------------------------------------------------------------------------------------


def test_a_process_prepares_search_so_its_first_search_builds_nothing(db):
    question = make_question(text="What is an occupation order?")
    search_cache.forget()
    vectors.forget()
    meaning.model.cache_clear()
    with CaptureQueriesContext(connection) as queries:
        prepare()
    assert len(table_reads(queries)) == 1  # the index and the vectors share one read
    names = ("index", "vectors", "by-place-key", "vocabulary", "audiences", "audience-marks", "audience-list")
    built = [search_cache._built[name][2] for name in names]
    assert meaning.model.cache_info().currsize == 1
    # Misspelt, so that the spelling vocabulary is read too; found by words and by meaning.
    assert [r.object for r in search("ocupation order")[0:20]] == [question]
    assert all(search_cache._built[name][2] is value for name, value in zip(names, built, strict=True))


def test_a_search_after_an_edit_reads_the_table_once_for_the_index_and_the_vectors(db):
    question = make_question(text="What is an occupation order?")
    prepare()
    Question.objects.filter(pk=question.pk).update(text="What is a non-molestation order?")
    with CaptureQueriesContext(connection) as queries:
        assert [r.object for r in search("non molestation order")[0:20]] == [question]
    assert len(table_reads(queries)) == 1


def test_a_results_page_reads_a_shown_documents_row_again_only_after_an_edit(db):
    question = make_question(text="What is an occupation order?", answer="It decides who lives in the home.")

    def excerpt_and_row_reads():
        with CaptureQueriesContext(connection) as queries:
            excerpt = search("occupation order")[0].excerpt_html
        return unmarked(excerpt), [q for q in queries if "FROM faqs_search WHERE id IN" in q["sql"]]

    assert excerpt_and_row_reads()[1]  # shown for the first time: its row is read
    assert excerpt_and_row_reads() == ("It decides who lives in the home.", [])
    Question.objects.filter(pk=question.pk).update(answer="It decides who may stay in the home.")
    excerpt, reads = excerpt_and_row_reads()
    assert excerpt == "It decides who may stay in the home." and reads


def unmarked(html):
    return html.replace("<mark>", "").replace("</mark>", "")


def table_reads(queries):
    """The reads of every row of the table of documents among the captured `queries`."""
    return [
        q["sql"] for q in queries if q["sql"].startswith("SELECT id, title, context, keywords, body FROM")
    ]


def test_a_process_whose_search_cannot_be_prepared_still_serves(tmp_path):
    # A server started before `migrate`: the app loads, search says why it was not prepared, and pages are served.
    ran = subprocess.run(
        [sys.executable, "-c", "from guidance_site.wsgi import application; print(callable(application))"],
        env=production_env(tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert ran.returncode == 0 and ran.stdout.strip() == "True", ran.stderr
    assert "Search was not prepared" in ran.stderr and "no such table" in ran.stderr


# --- The synonyms file ------------------------------------------------------------------------------------


def test_synonym_lines_work_both_ways_or_one_way():
    rules = parse_synonyms("# a note\ndv, domestic abuse\nex => former partner\nnonsense\n ,, \n")
    assert rules[("dv",)] == {("dv",), ("domestic", "abuse")}
    assert rules[("domestic", "abuse")] == {("dv",), ("domestic", "abuse")}
    assert rules[("ex",)] == {("ex",), ("former", "partner")}
    assert ("former", "partner") not in rules
    assert ("nonsense",) not in rules


def test_synonym_matching_ignores_case_apostrophes_hyphens_and_plurals():
    rules = parse_synonyms("Clare's Law, disclosure scheme\nnon-molestation order, nmo")
    for typed in ["clares law", "CLARE'S LAW", "clare\u2019s law", "Clare law"]:
        assert group([w for w in words(typed) if w != "s"], rules)[0][1] == rules[("clare", "law")]
    assert group(words("non molestation orders"), rules)[0][1] == rules[("nmo",)]


def test_synonym_matching_takes_he_she_and_they_alike():
    rules = parse_synonyms("get him out => occupation order\nsee his dad => contact")
    for typed in ["get her out", "get them out", "get him out"]:
        assert group(words(typed), rules)[0][1] == rules[("get", "him", "out")], typed
    assert group(words("see their dad"), rules)[0][1] == rules[("see", "his", "dad")]
    assert group(words("get me out"), rules)[0][1] is None


def test_the_sites_synonyms_file_parses_with_every_line_useful(settings):
    text = (settings.BASE_DIR / "content" / "search-synonyms.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rules = parse_synonyms(text)
    assert len(lines) >= 40
    for abbreviation in ["dv", "nmo", "dvpn", "dvpo", "fgc", "cp", "s47", "s17", "plo", "la", "sw"]:
        assert (abbreviation,) in rules, abbreviation
