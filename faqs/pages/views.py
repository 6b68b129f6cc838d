"""The help pages, rendered from the database (their text is in content/pages/)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils.html import escape
from django.utils.safestring import mark_safe

from faqs.caching.middleware import public_page
from faqs.pages.models import Page

# The help pages the site has an address for (faqs/urls.py); a page file with another slug is refused.
HELP_PAGES = ("about-the-exit-button", "cover-your-tracks", "privacy", "accessibility")


def computed():
    """What page text may name but editors cannot know: `{exit_site}`, where the exit button goes."""
    return {"{exit_site}": urlsplit(settings.EXIT_URL).netloc}


def fill(html):
    for placeholder, value in computed().items():
        html = html.replace(placeholder, escape(value))
    return mark_safe(html)


@public_page()
def page(request, slug):
    help_page = get_object_or_404(Page, slug=slug)
    sections = [(section, fill(section.text_html)) for section in help_page.sections.all()]
    context = {
        "page_content": help_page,
        "introduction": fill(help_page.introduction_html),
        "sections": sections,
        "crumbs": [(help_page.title, None)],
    }
    return render(request, "pages/page.html", context)
