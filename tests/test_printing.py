"""Printing: the print-only header and helplines box, the Print button, and the whole guide on one page."""

import re

import pytest

from faqs.helplines.models import PRINT_BOX_SLUGS, Helpline
from tests.factories import make_question, make_section

pytestmark = pytest.mark.django_db


def test_the_print_box_has_the_emergency_numbers_and_the_key_services_with_confirmed_numbers(content):
    box = list(Helpline.objects.for_print_box())
    assert box[0].phone == "999"
    assert {h.group for h in box[:2]} == {"emergency"}
    assert all(h.phone for h in box)
    assert {h.slug for h in box} - {"emergency-999", "police-101"} <= set(PRINT_BOX_SLUGS)
    assert "national-domestic-abuse-helpline" in {h.slug for h in box}


@pytest.mark.parametrize(
    "url",
    ["/guides/mothers/", "/guides/mothers/clares-law/", "/cover-your-tracks/", "/print/guides/mothers/"],
)
def test_printable_pages_carry_the_print_header_and_the_helplines_box(client, content, url):
    html = client.get(url).content.decode()
    assert f'<p class="print-header__address">http://testserver{url}</p>' in html
    assert "data-print-date hidden>Printed on" in html
    assert 'src="/static/js/print.js" defer' in html
    box = re.search(r'<aside class="print-only print-helplines".*?</aside>', html, re.S).group(0)
    assert "999" in box and "0808 2000 247" in box


def test_the_directory_prints_its_own_numbers_without_the_box(client, content):
    assert "print-helplines" not in client.get("/helplines/").content.decode()


def test_guide_and_question_pages_have_a_hidden_print_button(client, content):
    for url in ("/guides/mothers/", "/guides/mothers/clares-law/"):
        html = client.get(url).content.decode()
        assert '<button class="print-control__button" type="button" data-print hidden>Print this page' in html


def test_the_whole_guide_holds_every_published_answer_in_order(client):
    guide_section = make_section(order=1)
    later = make_section(guide_section.guide, order=2, introduction="About the *second* part.")
    questions = [make_question(guide_section, order=2), make_question(guide_section, order=1)]
    questions.append(make_question(later))
    draft = make_question(later, status="draft", text="Not yet?")
    guide = guide_section.guide
    assert f'href="{guide.get_print_url()}"' in client.get(guide.get_absolute_url()).content.decode()
    response = client.get(guide.get_print_url())
    html = response.content.decode()
    headings = re.findall(r'<h3 id="q-[\w-]+">(.*?)</h3>', html)
    assert headings == [questions[1].text, questions[0].text, questions[2].text]
    assert all(f"The answer to question {q.text[9:-1]}." in html for q in questions)
    assert "<em>second</em>" in html and draft.text not in html
    assert response.cookies == {}
    assert client.get("/print/guides/no-such-guide/").status_code == 404
