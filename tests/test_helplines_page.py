import datetime as dt
import re

import pytest
from django.template.loader import render_to_string

from faqs.models import Audience, Helpline
from tests.test_pages import crawl

# The services the issue names, as tel: links: Family Rights Group advice line, NSPCC helpline, 999, 101,
# National Domestic Abuse Helpline, Live Fear Free.
REQUIRED_TEL_LINKS = [
    "tel:08088010366",
    "tel:08088005000",
    "tel:999",
    "tel:101",
    "tel:08082000247",
    "tel:08088010800",
]
# The research could not confirm any phone number for these: website only, and no tel: link.
WEBSITE_ONLY = ["rights-of-women", "coram-child-law-advice", "rape-crisis", "dvip", "basw"]
# Numbers in circulation for those services (and the NSPCC's old text number, which the research found out of
# date) that the research did not confirm. None may appear, spaced or not.
UNCONFIRMED_NUMBERS = [
    "0808 500 2222",  # Rape Crisis
    "020 7251 6577",  # Rights of Women
    "020 7251 8887",  # Rights of Women
    "020 7490 7689",  # Rights of Women
    "0300 330 5480",  # Coram Child Law Advice
    "0800 702 2020",  # Citizens Advice Wales
    "88858",  # NSPCC text, out of date
]
# Hours the research marks unconfirmed or conflicting, or confirmed less firmly than the organisation's own
# page: the number may be published, the hours not.
NO_HOURS = [
    "respect-phoneline",
    "mens-advice-line",
    "galop",
    "karma-nirvana",
    "shelter",
    "forced-marriage-unit",
    "southall-black-sisters",
    "citizens-advice",
    "childline",
]
TIME_OF_DAY = re.compile(r"\b\d{1,2}(?:\.\d\d)?(?:am|pm)\b|midday|midnight|Open now|Closed|24 hours")


def entry(html, slug):
    """The HTML of one helpline's entry on the page."""
    start = html.index(f'<li class="helpline" id="{slug}">')
    ends = [
        i for i in (html.find('<li class="helpline"', start + 1), html.find("</section>", start)) if i > 0
    ]
    return html[start : min(ends)]


@pytest.fixture
def page(client, content):
    return client.get("/helplines/").content.decode()


def test_the_directory_carries_the_essential_numbers_as_tel_links(page):
    for href in REQUIRED_TEL_LINKS:
        assert f'href="{href}"' in page
    assert 'href="sms:07860077333"' in page  # Live Fear Free by text


def test_every_tel_link_is_digits_only(page):
    hrefs = re.findall(r'href="(tel:[^"]*)"', page)
    assert len(hrefs) > 20
    assert [h for h in hrefs if not re.fullmatch(r"tel:\+?\d+", h)] == []


def test_every_entry_shows_its_source_and_when_it_was_last_checked(page):
    assert page.count("Last checked <time") == Helpline.objects.count()
    assert '<time datetime="2026-11-22">22 November 2026</time>' in page
    assert page.count("Source: ") == Helpline.objects.count()
    assert "Source: Family Rights Group advice pages" in entry(page, "family-rights-group-advice-line")


def test_no_unconfirmed_number_is_published(page):
    digits_only = re.sub(r"\s", "", page)
    for number in UNCONFIRMED_NUMBERS:
        assert number not in page
        assert number.replace(" ", "") not in digits_only
    for slug in WEBSITE_ONLY:
        helpline = Helpline.objects.get(slug=slug)
        assert (helpline.phone, helpline.textphone, helpline.text_number, helpline.email) == ("", "", "", "")
        html = entry(page, slug)
        assert "tel:" not in html
        assert "Check their website for how to contact them." in html


def test_no_unconfirmed_hours_are_published(page):
    for slug in NO_HOURS:
        helpline = Helpline.objects.get(slug=slug)
        assert (helpline.hours, helpline.always_open) == ([], False), slug
        html = entry(page, slug)
        assert 'class="helpline__status' not in html
        assert TIME_OF_DAY.findall(html) == [], slug
        if helpline.website:
            assert "Check opening times on their website." in html
    # The NSPCC helpline is not open all night any more, whatever an old page of theirs said.
    assert "24 hours" not in entry(page, "nspcc-helpline")


def test_emergency_comes_first_with_the_silent_solution_explained(page):
    group_ids = re.findall(r'<h2 id="([a-z-]+)"', page)
    assert group_ids[0] == "helplines-contents"
    assert group_ids[1:] == list(Helpline.Group.values)
    emergency = entry(page, "emergency-999")
    assert page.index('href="tel:999"') < page.index('id="legal-and-social-care-advice"')
    assert "press 55" in emergency
    assert "cough or tap" in emergency
    assert "from a mobile" in emergency
    assert "does not tell the police where you are" in emergency
    assert "Open 24 hours" in emergency
    clares_law = entry(page, "police-101")
    assert "Clare&#x27;s Law" in clares_law or "Clare's Law" in clares_law
    assert "apply online" in clares_law


def test_open_now_is_worked_out_for_each_request_and_never_cached(client, content):
    response = client.get("/helplines/")
    html = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response.cookies == {}
    assert re.search(r"Open now - closes|Closed - opens", entry(html, "family-rights-group-advice-line"))
    assert "Monday to Friday, 9.30am to 3pm. Closed on bank holidays." in html
    assert "Open 24 hours" in entry(html, "national-domestic-abuse-helpline")


@pytest.mark.parametrize(
    ("audience", "shown", "hidden"),
    [
        ("mothers", ["family-rights-group-advice-line", "emergency-999"], ["basw", "respect-phoneline"]),
        (
            "social-workers",
            ["basw", "respect-phoneline", "nspcc-helpline"],
            ["family-rights-group-advice-line"],
        ),
        ("practitioners", ["mens-advice-line", "relate"], ["basw"]),
    ],
)
def test_the_audience_filter_works_without_javascript(client, content, audience, shown, hidden):
    html = client.get("/helplines/", {"for": audience}).content.decode()
    for slug in shown:
        assert f'id="{slug}"' in html
    for slug in hidden:
        assert f'id="{slug}"' not in html
    name = Audience.objects.get(slug=audience).name
    assert f'<a href="/helplines/?for={audience}" aria-current="page">{name}</a>' in html


def test_the_filter_offers_every_audience_and_ignores_unknown_ones(client, content):
    html = client.get("/helplines/", {"for": "nobody"}).content.decode()
    assert '<a href="/helplines/" aria-current="page">Everyone</a>' in html
    for slug in Audience.objects.values_list("slug", flat=True):
        assert f'href="/helplines/?for={slug}"' in html
    assert html.count('<li class="helpline"') == Helpline.objects.count()


def test_the_page_takes_a_fixed_number_of_queries(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # the helplines, and the site notice
        client.get("/helplines/")
    for n in range(40):
        Helpline.objects.create(
            name=f"Extra {n}",
            slug=f"extra-{n}",
            group="emotional-support",
            description="More.",
            phone="0808 801 0366",
            hours=[{"days": "mon-fri", "opens": "09:00", "closes": "17:00"}],
            source="Test",
            last_checked=dt.date(2026, 11, 22),
        )
    with django_assert_max_num_queries(3):  # the helplines, and the site notice
        client.get("/helplines/", {"for": "mothers"})
    with django_assert_max_num_queries(3):  # the helplines, and the site notice
        assert client.get("/helplines/").content.decode().count('<li class="helpline"') > 60


def test_group_links_from_the_guides_land_on_headings(client, content):
    html = client.get("/helplines/").content.decode()
    for group in Helpline.Group.values:
        assert f'<h2 id="{group}">' in html


def test_every_page_links_to_the_directory(client, content):
    pages = {
        url: r
        for url, r in crawl(client).items()
        if r.status_code == 200 and "text/html" in r["Content-Type"]
    }
    assert len(pages) > 20
    missing = [url for url, r in pages.items() if 'href="/helplines/"' not in r.content.decode()]
    assert missing == []
    assert 'href="/helplines/"' in client.get("/no-such-page/").content.decode()
    assert 'href="/helplines/"' in render_to_string("500.html")
