"""The glossary page, terms linked from question pages, and the glossary in the admin."""

import html
import re

from faqs.glossary.linking import compiled, link_terms
from faqs.glossary.places import plain
from faqs.models import GlossaryTerm
from tests.factories import make_question
from tests.helpers import assert_has_exit_control, assert_leaves_no_trace

ENTRY = re.compile(r'<dt id="([a-z0-9-]+)">.*?</dt>.*?From: <a href="([^"]+)">', re.S)
GLOSSARY_LINK = re.compile(r'<a href="/glossary/#([a-z0-9-]+)">([^<]*)</a>')


def page_text(response):
    # Tags go without a trace: markdown puts a line break between blocks, and none inside **bold**.
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", response.content.decode())).split())


def test_the_glossary_is_linked_from_the_home_page_and_lists_every_term_a_to_z(client, content):
    assert 'href="/glossary/"' in client.get("/").content.decode()
    response = client.get("/glossary/")
    assert response.status_code == 200
    assert_has_exit_control(response.content.decode())
    assert_leaves_no_trace(response)
    slugs = [slug for slug, _ in ENTRY.findall(response.content.decode())]
    assert len(slugs) >= 15
    assert slugs == list(GlossaryTerm.objects.alphabetical().values_list("slug", flat=True))


def test_each_term_links_to_a_page_that_says_its_quote(client, content):
    entries = ENTRY.findall(client.get("/glossary/").content.decode())
    for slug, address in entries:
        term = GlossaryTerm.objects.get(slug=slug)
        assert address == term.source
        response = client.get(address.split("#")[0])
        assert response.status_code == 200, address
        assert plain(term.quote) in page_text(response), slug
        if "#" in address:
            assert f'id="{address.split("#")[1]}"' in response.content.decode()


def test_a_question_page_links_the_first_use_of_each_term_only(client, db):
    GlossaryTerm.objects.create(
        name="Family group conference", slug="fgc", also="family group conferences", source="/x/", quote="q"
    )
    GlossaryTerm.objects.create(name="Clare\u2019s Law", slug="clares-law", source="/y/", quote="q")
    question = make_question(
        answer="#### Family group conference\n\n"
        "See [a family group conference](/helplines/) and `family group conference`.\n\n"
        "Ask for a Family Group Conferences meeting, then a family group\nconference again. "
        "Clare's Law, and *Clare\u2019s Law*.",
    )
    body = client.get(question.get_absolute_url()).content.decode()
    assert GLOSSARY_LINK.findall(body) == [("fgc", "Family Group Conferences"), ("clares-law", "Clare's Law")]
    assert "<h2>Family group conference</h2>" in body
    assert '<a href="/helplines/" rel="noopener noreferrer">a family group conference</a>' in body


def test_a_term_is_not_linked_on_the_page_it_is_quoted_from(client, db):
    question = make_question(answer="Early help is help given early.")
    GlossaryTerm.objects.create(
        name="Early help", slug="early-help", source=question.get_absolute_url(), quote="q"
    )
    assert "/glossary/#" not in client.get(question.get_absolute_url()).content.decode()


def test_linking_compiles_one_pattern_per_state_of_the_glossary():
    terms = (("harm", "/x/", ("significant harm",)),)
    compiled.cache_clear()
    for _ in range(3):
        assert link_terms("<p>Significant harm.</p>", terms) == (
            '<p><a href="/glossary/#harm">Significant harm</a>.</p>'
        )
    assert compiled.cache_info().misses == 1
    assert link_terms("<p>Significant harm.</p>", ()) == "<p>Significant harm.</p>"


def test_the_admin_refuses_a_quote_its_source_does_not_say(admin_client, content):
    term = GlossaryTerm.objects.get(slug="early-help")
    url = f"/admin/faqs/glossaryterm/{term.pk}/change/"
    data = {"name": term.name, "also": "", "source": term.source, "order": term.order, "_save": "Save"}
    response = admin_client.post(url, {**data, "quote": "Early help is whatever we say it is."})
    assert response.status_code == 200
    assert "the quote is not what /guides/mothers/#getting-help-early says" in response.content.decode()
    shorter = "Early help aims for agencies to work together to provide support as soon as problems emerge."
    assert admin_client.post(url, {**data, "quote": shorter}).status_code == 302
    term.refresh_from_db()
    assert term.quote == shorter and term.history.count() == 2
    assert admin_client.get("/admin/faqs/glossaryterm/?q=agencies").status_code == 200
