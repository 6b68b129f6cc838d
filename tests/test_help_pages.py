"""The help pages are content: loaded from content/pages/, rendered from the database, exported unchanged."""

import pytest
from django.conf import settings

from faqs.content.export import export_content
from faqs.content.format import ContentError
from faqs.content.loading import load_content
from faqs.pages.models import Page, PageSection
from faqs.pages.views import HELP_PAGES


def test_help_pages_render_from_the_content(client, content):
    html = client.get("/cover-your-tracks/").content.decode()
    assert '<h2 id="private-browsing">Private browsing</h2>' in html
    assert '<a href="#private-browsing">Private browsing</a>' in html  # the contents list
    assert "<h3>Samsung Internet</h3>" in html
    assert "<kbd>Ctrl</kbd>" in html
    assert '<h2 id="find-this-site-again">' in html  # computed, and last
    assert html.index('id="location"') < html.index('id="find-this-site-again"')
    assert "<title>Cover your tracks" in html


def test_the_exit_destination_stays_computed(client, content, settings):
    settings.EXIT_URL = "https://www.example.org/weather"
    html = client.get("/about-the-exit-button/").content.decode()
    assert "opens an everyday website instead (www.example.org)" in html
    assert "{exit_site}" not in html
    assert 'class="contents"' not in html


def test_a_change_in_content_pages_appears_after_load_content(client, content, content_copy):
    path = content_copy / "pages" / "cover-your-tracks.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Samsung Internet: Secret mode", "Samsung Internet: Secret mode (new)"))
    report = load_content(content_copy)
    assert report.changed == ["page section cover-your-tracks#private-browsing"]
    assert "Secret mode (new)" in client.get("/cover-your-tracks/").content.decode()


def test_export_writes_the_pages_back_unchanged(content, tmp_path):
    export_content(tmp_path)
    for path in (settings.BASE_DIR / "content" / "pages").glob("*.md"):
        assert (tmp_path / "pages" / path.name).read_text(encoding="utf-8") == path.read_text(
            encoding="utf-8"
        )


def test_a_folder_without_pages_leaves_them_alone(content, tmp_path):
    (tmp_path / "mothers.md").write_text((settings.BASE_DIR / "content" / "mothers.md").read_text())
    load_content(tmp_path, force=True)
    assert Page.objects.count() == len(HELP_PAGES)


def test_a_section_removed_from_the_files_is_removed(content, content_copy):
    path = content_copy / "pages" / "about-the-exit-button.md"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("## After you have left"), text.index("## What the exit button cannot do")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    report = load_content(content_copy)
    assert report.removed == ["page section about-the-exit-button#after-you-have-left"]
    assert not PageSection.objects.filter(slug="after-you-have-left").exists()


def test_a_bad_link_in_a_page_is_refused(content_copy):
    path = content_copy / "pages" / "about-the-exit-button.md"
    path.write_text(path.read_text().replace("(/helplines/)", "(/no-such-page/)"))
    with pytest.raises(ContentError, match=r"about-the-exit-button\.md:.*no such page"):
        load_content(content_copy)


def test_a_help_page_not_loaded_is_404(client, db):
    assert client.get("/cover-your-tracks/").status_code == 404


def test_a_page_the_site_has_no_address_for_is_refused(content_copy):
    path = content_copy / "pages" / "about-the-exit-button.md"
    path.write_text(path.read_text().replace("slug: about-the-exit-button", "slug: about-us", 1))
    with pytest.raises(ContentError, match=r"about-the-exit-button\.md:3: the site has no address"):
        load_content(content_copy)
