"""The handout: exactly the chosen published answers, in the order chosen, nothing stored, no cookie."""

import re

import pytest

from faqs.handouts.choice import MAX_ANSWERS, chosen_ids
from tests.factories import make_question, make_section

pytestmark = pytest.mark.django_db


def answers_in(response):
    return re.findall(r'<h2 id="answer-\d+">(.*?)</h2>', response.content.decode())


def test_the_handout_holds_exactly_the_chosen_answers_in_the_order_chosen(client):
    first, second, third = make_question(), make_question(), make_question()
    response = client.get("/handout/", {"q": [third.pk, first.pk]})
    assert answers_in(response) == [third.text, first.text]
    html = response.content.decode()
    assert f"The answer to question {third.text[9:-1]}." in html and second.text not in html
    assert html.count('class="provenance"') == 2
    assert "Source: Family Rights Group. Applies to England and Wales." in html
    assert response.cookies == {}
    assert response["Referrer-Policy"] == "same-origin"


def test_drafts_unknown_ids_repeats_and_junk_are_ignored(client):
    shown = make_question()
    draft = make_question(status="draft")
    response = client.get("/handout/", {"q": [draft.pk, "999999", shown.pk, shown.pk, "x", "-1", "\u0661"]})
    assert answers_in(response) == [shown.text]
    assert draft.text not in response.content.decode()


def test_too_many_ids_are_capped():
    ids, capped = chosen_ids([str(n) for n in range(1, MAX_ANSWERS + 6)])
    assert ids == list(range(1, MAX_ANSWERS + 1)) and capped
    assert chosen_ids(["3", "3", "2"]) == ([3, 2], False)


def test_a_long_handout_says_it_was_cut(client):
    questions = [make_question() for _ in range(MAX_ANSWERS + 1)]
    response = client.get("/handout/", {"q": [q.pk for q in questions]})
    assert len(answers_in(response)) == MAX_ANSWERS
    assert f"A handout holds up to {MAX_ANSWERS} answers" in response.content.decode()


def test_move_links_rewrite_the_address_and_the_guides_order_is_one_link_away(client):
    section = make_section()
    a, b, c = (make_question(section, order=n) for n in range(3))
    html = client.get("/handout/", {"q": [c.pk, a.pk, b.pk]}).content.decode()
    assert f'href="/handout/?q={a.pk}&amp;q={c.pk}&amp;q={b.pk}">Move down' in html
    assert f'href="/handout/?q={c.pk}&amp;q={b.pk}&amp;q={a.pk}">Move down' in html
    assert f'href="/handout/?q={c.pk}&amp;q={b.pk}&amp;q={a.pk}">Move up' in html
    assert f'href="/handout/?q={a.pk}&amp;q={b.pk}">Remove' in html
    assert f'href="/handout/?q={a.pk}&amp;q={b.pk}&amp;q={c.pk}">Put them in the guide\u2019s order' in html
    assert f"http://testserver/handout/?q={c.pk}&amp;q={a.pk}&amp;q={b.pk}</a>" in html


def test_the_title_names_no_question_and_the_plain_option_leaves_the_site_off(client):
    question = make_question(text="Can they take my baby?")
    html = client.get("/handout/", {"q": question.pk}).content.decode()
    assert re.search("<title>Handout \u2013 Domestic abuse and children&#x27;s services</title>", html)
    assert '<p class="print-header__site">' in html and "print-plain.css" not in html
    plain = client.get("/handout/", {"q": question.pk, "plain": "1"}).content.decode()
    assert "<title>Handout</title>" in plain
    assert '<p class="print-header__site">' not in plain and "print-header__address" not in plain
    assert 'href="/static/css/print-plain.css" media="print"' in plain
    assert f'href="/handout/?q={question.pk}&amp;plain=1">Move' not in plain  # one answer: nothing to move
    assert f'href="/handout/?q={question.pk}">Put the site\u2019s name and address back' in plain


def test_an_empty_handout_explains_how_to_make_one(client, db):
    response = client.get("/handout/")
    assert response.status_code == 200
    assert "There are no answers in this handout" in response.content.decode()


def test_guide_and_audience_pages_carry_the_handout_form(client):
    question = make_question()
    draft = make_question(section=question.section, status="draft")
    for url in (question.guide.get_absolute_url(), "/for/mothers/"):
        html = client.get(url).content.decode()
        assert 'action="/handout/" method="get"' in html
        assert f'name="q" value="{question.pk}"' in html and f'value="{draft.pk}"' not in html
        assert 'name="plain" value="1"' in html
