import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from faqs.models import Question
from tests.factories import make_question, make_section


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def internal_links(base, html):
    parser = Links()
    parser.feed(html)
    for href in parser.hrefs:
        url = urljoin(base, urldefrag(href).url)
        if not urlsplit(url).scheme and not url.startswith(("/admin/", "/static/")):
            yield url


def crawl(client, start="/"):
    """Every page reachable from `start` by following this site's own links: {url: response}."""
    seen, queue = {}, [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response
        if response.status_code == 200 and "text/html" in response["Content-Type"]:
            queue.extend(internal_links(url, response.content.decode()))
    return seen


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


def test_home_page_offers_ways_in_for_each_audience(client, content):
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
    "url", ["/no-such-page/", "/guides/nope/", "/guides/nope/nope/", "/for/fathers/", "/guides/mothers/nope/"]
)
def test_unknown_pages_get_the_sites_404(client, content, url):
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


@pytest.mark.parametrize(
    ("url", "most"),
    [
        ("/", 4),
        ("/for/mothers/", 5),
        ("/guides/mothers/", 7),
        ("/guides/supporting-children-and-families/", 7),
        ("/guides/mothers/clares-law/", 10),
    ],
)
def test_queries_per_page_are_bounded(client, content, django_assert_max_num_queries, url, most):
    """One of them is the site notice, which every page looks for; guides and questions also look for their
    latest review and editors' notes, and a question for its change notes and related questions."""
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200


def test_published_and_for_audience(db):
    for_mothers = make_question(audiences=["mothers"])
    for_both = make_question(audiences=["mothers", "social-workers"])
    make_question(audiences=["mothers"], status="draft")
    assert set(Question.objects.published().for_audience("mothers")) == {for_mothers, for_both}
    assert list(Question.objects.published().for_audience("social-workers")) == [for_both]
    assert list(Question.objects.for_audience("practitioners")) == []


def test_public_pages_set_no_cookies_and_send_privacy_headers(client, content):
    for url in ("/", "/for/mothers/", "/guides/mothers/", "/guides/mothers/clares-law/", "/nowhere/"):
        response = client.get(url)
        assert response.cookies == {}, url
        assert response["Referrer-Policy"] == "same-origin"
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_no_inline_script_or_style_on_any_page(client, content):
    for url, response in crawl(client).items():
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"<style\b|\sstyle=", html), url


def test_an_audience_page_puts_its_own_guides_first(client, content):
    html = client.get("/for/social-workers/").content.decode()
    assert html.index("Resources for social workers") < html.index("Domestic abuse FAQs for mothers")
    html = client.get("/for/practitioners/").content.decode()
    assert html.index("Domestic abuse FAQs for practitioners") < html.index("Domestic abuse FAQs for mothers")
