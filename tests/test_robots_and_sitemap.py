import re

from django.conf import settings

from faqs.models import Question
from tests.helpers import crawl


def test_robots_txt_points_to_the_sitemap_and_names_nothing_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "admin" not in text.lower() and settings.ADMIN_PATH not in text


def test_the_sitemap_lists_every_public_page_and_nothing_else(client, content):
    draft = Question.objects.first()
    draft.status = Question.Status.DRAFT
    draft.save()
    xml = client.get("/sitemap.xml").content.decode()
    listed = {url.removeprefix("http://testserver") for url in re.findall(r"<loc>([^<]+)</loc>", xml)}
    # Printable copies of guides are the same words again: the guide pages stand for them.
    copies = ("/search/", "/print/", "/handout/")
    public = {url for url in crawl(client) if not url.startswith(copies) and "?" not in url}
    assert listed == public
    assert draft.get_absolute_url() not in listed and "admin" not in xml
