import datetime as dt
import re

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from faqs.helplines.opening_hours import LONDON
from faqs.models import Audience, Helpline
from tests.factories import make_helpline
from tests.helpers import crawl

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


@pytest.fixture
def clock(monkeypatch):
    """Stops the site's clock at a given instant: "Open now" is then known exactly."""

    def stop_at(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return stop_at


WEEKDAYS_TO_3PM = [{"days": "mon-fri", "opens": "09:30", "closes": "15:00"}]
MORNINGS = [{"days": "mon-fri", "opens": "09:30", "closes": "11:00"}]


@pytest.mark.parametrize(
    ("moment", "worked_out_for", "advice_line", "morning_line"),
    [
        # Monday 23 November 2026, midday in London (GMT, the same as UTC).
        (
            dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC),
            "midday on Monday 23 November 2026",
            "Open now - closes at 3pm",
            "Closed - opens tomorrow at 9.30am",
        ),
        # Monday 15 June 2026, 2.30pm UTC: 3.30pm in London (BST), after the advice line has closed.
        (
            dt.datetime(2026, 6, 15, 14, 30, tzinfo=dt.UTC),
            "3.30pm on Monday 15 June 2026",
            "Closed - opens tomorrow at 9.30am",
            "Closed - opens tomorrow at 9.30am",
        ),
        # Tuesday 24 November 2026, 8am in London.
        (
            dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC),
            "8am on Tuesday 24 November 2026",
            "Closed - opens at 9.30am",
            "Closed - opens at 9.30am",
        ),
    ],
    ids=["winter-midday", "summer-afternoon", "early-morning"],
)
def test_open_now_is_worked_out_from_the_london_clock_at_the_moment_of_the_request(
    client, db, clock, moment, worked_out_for, advice_line, morning_line
):
    make_helpline(slug="advice-line", hours=WEEKDAYS_TO_3PM, closed_on_bank_holidays=True)
    make_helpline(slug="morning-line", hours=MORNINGS)
    make_helpline(slug="night-and-day", always_open=True)
    make_helpline(slug="hours-unknown")
    clock(moment)
    html = client.get("/helplines/").content.decode()
    local = moment.astimezone(LONDON)
    assert f'<time datetime="{local.isoformat()}">{worked_out_for}</time>, UK time.' in html
    for slug, text in [("advice-line", advice_line), ("morning-line", morning_line)]:
        state = "open" if text.startswith("Open") else "closed"
        assert f'<p class="helpline__status helpline__status--{state}">{text}</p>' in entry(html, slug), slug
    assert '<p class="helpline__status helpline__status--open">Open 24 hours</p>' in entry(
        html, "night-and-day"
    )
    assert "helpline__status" not in entry(html, "hours-unknown")
    assert "Monday to Friday, 9.30am to 3pm. Closed on bank holidays." in entry(html, "advice-line")


def test_open_now_is_worked_out_at_least_each_minute_and_always_revalidated(client, db, clock):
    make_helpline(slug="advice-line", hours=WEEKDAYS_TO_3PM)
    clock(dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC))
    response = client.get("/helplines/")
    assert response["Cache-Control"] == "no-cache"  # browsers ask again each time (tests/test_caching.py)
    assert response.cookies == {}
    assert "Open now - closes at 3pm" in entry(response.content.decode(), "advice-line")
    clock(dt.datetime(2026, 11, 23, 16, 0, tzinfo=dt.UTC))
    assert "Closed - opens tomorrow at 9.30am" in entry(
        client.get("/helplines/").content.decode(), "advice-line"
    )


@pytest.mark.parametrize(
    ("audience", "shown", "hidden"),
    [
        ("mothers", ["for-mothers", "for-everyone"], ["for-social-workers", "for-practitioners"]),
        ("social-workers", ["for-social-workers", "for-everyone"], ["for-mothers", "for-practitioners"]),
        ("practitioners", ["for-practitioners", "for-everyone"], ["for-mothers", "for-social-workers"]),
    ],
)
def test_the_audience_filter_works_without_javascript(client, db, audience, shown, hidden):
    make_helpline(slug="for-mothers", audiences=["mothers"])
    make_helpline(slug="for-social-workers", audiences=["social-workers"])
    make_helpline(slug="for-practitioners", audiences=["practitioners"])
    make_helpline(slug="for-everyone", audiences=["mothers", "social-workers", "practitioners"])
    html = client.get("/helplines/", {"for": audience}).content.decode()
    for slug in shown:
        assert f'id="{slug}"' in html
    for slug in hidden:
        assert f'id="{slug}"' not in html
    name = Audience.objects.get(slug=audience).name
    assert f'<a href="/helplines/?for={audience}" aria-current="page">{name}</a>' in html


def test_the_filter_offers_every_audience_and_ignores_unknown_ones(client, db):
    make_helpline(audiences=["mothers"])
    make_helpline(audiences=["practitioners"])
    html = client.get("/helplines/", {"for": "nobody"}).content.decode()
    assert '<a href="/helplines/" aria-current="page">Everyone</a>' in html
    for slug in Audience.objects.values_list("slug", flat=True):
        assert f'href="/helplines/?for={slug}"' in html
    assert html.count('<li class="helpline"') == 2


def test_the_page_takes_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    make_helpline()
    with django_assert_max_num_queries(3):  # the helplines, and the site notice
        client.get("/helplines/")
    for group in Helpline.Group.values * 5:
        make_helpline(group=group, hours=WEEKDAYS_TO_3PM, audiences=["mothers", "social-workers"])
    with django_assert_max_num_queries(3):  # the helplines, and the site notice
        client.get("/helplines/", {"for": "mothers"})
    with django_assert_max_num_queries(3):  # the helplines, and the site notice
        assert client.get("/helplines/").content.decode().count('<li class="helpline"') > 40


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
