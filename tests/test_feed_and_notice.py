"""The Atom feed of changes, and the notice editors can put on every page. Notices and notes are test data."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from faqs.models import ChangeNote, EditorsNote, SiteNotice
from tests.factories import make_question

ATOM = "{http://www.w3.org/2005/Atom}"


def test_every_page_advertises_the_feed(content, client):
    html = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml" href="/feed/"' in html


def test_the_feed_parses_links_only_to_this_sites_pages_and_sets_no_cookies(content, client):
    question = make_question(added=datetime.date(2027, 1, 2))
    draft = make_question(status="draft", added=datetime.date(2027, 1, 3))
    ChangeNote.objects.create(question=question, date=datetime.date(2027, 2, 1), text="Test change note.")
    ChangeNote.objects.create(question=draft, date=datetime.date(2027, 2, 2), text="Not public.")
    EditorsNote.objects.create(question=question, added=datetime.date(2027, 2, 3), text="Test editors' note.")
    response = client.get("/feed/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    assert not response.cookies
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert titles[:3] == [
        f"Note from the editors: {question.text}",
        f"Updated: {question.text}",
        f"New question: {question.text}",
    ]
    assert "Not public." not in response.content.decode() and draft.text not in response.content.decode()
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert links and all(urlsplit(link).netloc == "testserver" for link in links)
    for link in links:
        assert client.get(urlsplit(link).path).status_code == 200, link


def test_there_is_no_notice_until_an_editor_sets_one_and_then_it_is_on_every_page(content, client):
    assert "site-notice" not in client.get("/").content.decode()
    notice = SiteNotice.objects.create(text="A **test** notice.")
    for url in ("/", "/guides/mothers/", "/helplines/", "/search/?q=order", "/no-such-page/"):
        assert "A <strong>test</strong> notice." in client.get(url).content.decode(), url
    notice.delete()
    assert "site-notice" not in client.get("/").content.decode()


def test_the_notice_is_edited_in_the_admin_one_at_a_time(db, admin_client, client):
    response = admin_client.post("/admin/faqs/sitenotice/add/", {"text": "Test notice from the admin."})
    assert response.status_code == 302
    assert "Test notice from the admin." in client.get("/").content.decode()
    assert admin_client.get("/admin/faqs/sitenotice/add/").status_code == 403
    assert SiteNotice.objects.get().history.count() == 1
