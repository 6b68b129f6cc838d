"""Which links content may hold: a reader must never meet a dead link to this site, or an unsafe one.

The same rules check the content files when they are loaded and an editor's text when the admin saves it.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

from faqs.content.format import ContentError
from faqs.guides.models import Audience, Guide, Question
from faqs.helplines.models import Helpline
from faqs.pages.models import Page
from faqs.pages.views import page

LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
SCHEMES = ("http", "https", "mailto", "tel")


@dataclass(frozen=True)
class Pages:
    """The guides and questions a link may point to: those the files being loaded will create, or, for the
    admin, those in the database."""

    guides: frozenset
    questions: frozenset  # {(guide slug, question slug)}
    pages: frozenset | None = None  # help page slugs; None: the database's (looked up only when linked to)

    @classmethod
    def in_database(cls):
        return cls(
            frozenset(Guide.objects.values_list("slug", flat=True)),
            frozenset(Question.objects.values_list("guide__slug", "slug")),
            frozenset(Page.objects.values_list("slug", flat=True)),
        )

    def has_page(self, slug):
        return slug in self.pages if self.pages is not None else Page.objects.filter(slug=slug).exists()


def link_problem(target, pages):
    """What is wrong with a link to `target`, or None."""
    url = urlsplit(target)
    if url.scheme in SCHEMES:
        return None
    if url.scheme:
        return f"only {', '.join(SCHEMES[:-1])} and {SCHEMES[-1]} links are allowed"
    if url.netloc or not url.path.startswith("/"):
        return "link to this site's pages by their address, starting with /"
    try:
        match = resolve(url.path)
    except Resolver404:
        return "this site has no such page"
    kwargs = match.kwargs
    if match.url_name == "guide" and kwargs["slug"] not in pages.guides:
        return "there is no guide with that slug"
    if match.url_name == "question" and (kwargs["guide"], kwargs["slug"]) not in pages.questions:
        return "there is no question with that address"
    if match.func is page and not pages.has_page(kwargs["slug"]):
        return "this site has no such page"
    if match.url_name == "audience" and not Audience.objects.filter(slug=kwargs["slug"]).exists():
        return "there is no such audience"
    if match.url_name == "helplines" and url.fragment and url.fragment not in Helpline.Group.values:
        return (
            f"the helplines page has no group {url.fragment!r}; use one of {', '.join(Helpline.Group.values)}"
        )
    return None


def link_problems(text, pages):
    """Every bad link in a piece of markdown, as messages for an editor."""
    return [
        f"link {target!r}: {problem}"
        for target in LINK.findall(text)
        if (problem := link_problem(target, pages))
    ]


def check_links(path, texts, pages):
    """Refuse the first bad link in a file; `texts` are (line the text starts after, markdown) pairs."""
    lines = None
    for after, text in texts:
        for target in LINK.findall(text):
            problem = link_problem(target, pages)
            if problem:
                lines = lines or path.read_text(encoding="utf-8").split("\n")
                line = next((n for n, s in enumerate(lines, start=1) if n >= after and target in s), after)
                raise ContentError(path, line, f"link {target!r}: {problem}")
