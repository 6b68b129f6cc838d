import re

import pytest

from faqs.models import Audience, Question
from tests.factories import make_guide, make_question, make_section
from tests.helpers import assert_leaves_no_trace, crawl


def test_every_internal_link_answers_200(client, content):
    pages = crawl(client)
    broken = {url: r.status_code for url, r in pages.items() if r.status_code != 200}
    assert broken == {}
    assert len(pages) > Question.objects.published().count()


def test_every_question_has_its_own_page_and_title(client, content):
    titles = set()
    for question in Question.objects.published().select_related("guide"):
        response = client.get(question.get_absolute_url())
        assert response.status_code == 200
        title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)
        titles.add(title)
        assert f"<h1>{response.context['question'].text}" in response.content.decode().replace("&#x27;", "'")
    assert len(titles) == Question.objects.published().count()


def test_home_page_offers_ways_in_for_each_audience(client, db):
    make_question()
    html = client.get("/").content.decode()
    for slug in ("mothers", "social-workers", "practitioners"):
        assert f'href="/for/{slug}/"' in html


def test_question_page_has_breadcrumbs_provenance_and_its_section(client, db):
    section = make_section()
    question, other = make_question(section), make_question(section)
    draft = make_question(section, status="draft")
    html = client.get(question.get_absolute_url()).content.decode()
    assert 'aria-label="Breadcrumb"' in html
    assert f'href="{section.guide.get_absolute_url()}"' in html
    assert other.text in html
    assert draft.text not in html
    assert "Source: Family Rights Group" in html
    assert "Added to this site on" in html
    assert "No one has checked this" in html
    assert "Reviewed" not in html


@pytest.mark.parametrize(
    "url", ["/no-such-page/", "/guides/nope/", "/guides/nope/nope/", "/for/fathers/", "/guides/a-guide/nope/"]
)
def test_unknown_pages_get_the_sites_404(client, db, url):
    make_question(make_section(make_guide(slug="a-guide")))
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Exit this page" in html


def test_drafts_are_not_public(client, db):
    draft = make_question(status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.text not in client.get(draft.guide.get_absolute_url()).content.decode()
    assert draft.text not in client.get("/for/mothers/").content.decode()


@pytest.fixture
def a_big_guide(db):
    """A guide with several sections, each with several questions for several audiences and topics, so that a
    query per row would show."""
    guide = make_guide(slug="big")
    guide.audiences.set(Audience.objects.filter(slug="mothers"))
    for s in range(4):
        section = make_section(guide, slug=f"section-{s}")
        for q in range(5):
            make_question(
                section,
                slug=f"question-{s}-{q}",
                audiences=("mothers", "social-workers"),
                topics=(f"topic {q}", "court orders"),
            )
    make_question(make_section(make_guide(slug="other")), audiences=("mothers",))
    return guide


@pytest.mark.parametrize(
    ("url", "most"),
    [
        ("/", 4),
        ("/for/mothers/", 5),
        ("/guides/big/", 8),
        ("/guides/other/", 8),
        ("/guides/big/question-2-3/", 12),
    ],
)
def test_queries_per_page_are_bounded(client, a_big_guide, django_assert_max_num_queries, url, most):
    """None grows with the number of guides, sections or questions. Every page looks for the site notice;
    guides and questions for their latest review and editors' notes; a question also for its change notes,
    related questions, the glossary's terms and the print box's helplines."""
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200


def test_published_and_for_audience(db):
    for_mothers = make_question(audiences=["mothers"])
    for_both = make_question(audiences=["mothers", "social-workers"])
    make_question(audiences=["mothers"], status="draft")
    assert set(Question.objects.published().for_audience("mothers")) == {for_mothers, for_both}
    assert list(Question.objects.published().for_audience("social-workers")) == [for_both]
    assert list(Question.objects.for_audience("practitioners")) == []


def test_public_pages_set_no_cookies_and_send_privacy_headers(client, db):
    question = make_question()
    for url in (
        "/",
        "/for/mothers/",
        question.guide.get_absolute_url(),
        question.get_absolute_url(),
        "/nowhere/",
    ):
        assert_leaves_no_trace(client.get(url))


def test_no_inline_script_or_style_on_any_page(client, content):
    for url, response in crawl(client).items():
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"<style\b|\sstyle=", html), url


def test_an_audience_page_puts_its_own_guides_first(client, db):
    for_mothers = make_guide(title="For mothers", order=1)
    for_mothers.audiences.set(Audience.objects.filter(slug="mothers"))
    for_social_workers = make_guide(title="For social workers", order=2)
    for_social_workers.audiences.set(Audience.objects.filter(slug="social-workers"))
    make_question(make_section(for_mothers), audiences=("mothers", "social-workers"))
    make_question(make_section(for_social_workers), audiences=("mothers", "social-workers"))
    html = client.get("/for/mothers/").content.decode()
    assert html.index(">For mothers</a></h2>") < html.index(">For social workers</a></h2>")
    html = client.get("/for/social-workers/").content.decode()
    assert html.index(">For social workers</a></h2>") < html.index(">For mothers</a></h2>")


def meta_description(html):
    return re.search(r'<meta name="description" content="([^"]*)">', html).group(1)


def test_every_page_has_a_meta_description_from_its_own_content(client, content):
    for url, response in crawl(client).items():
        assert len(meta_description(response.content.decode())) > 40, url
    assert meta_description(client.get("/nowhere/").content.decode())


def test_a_questions_meta_description_is_the_start_of_its_answer(client, db):
    answer = "The *scheme* lets you ask the police whether a partner has a record of violence & abuse. " * 5
    question = make_question(answer=answer)
    description = meta_description(client.get(question.get_absolute_url()).content.decode())
    assert description.startswith("The scheme lets you ask the police")
    assert description.endswith("…") and "<" not in description and "&amp;amp;" not in description
