"""The honesty rules: a glossary entry must quote, word for word, the place on this site that explains its term.

A place is a page or part of one where the guidance says something: a question (`/guides/mothers/clares-law/`),
a section of a guide (`/guides/mothers/#getting-help-early`) or a guide's introduction and notes
(`/guides/mothers/`). The same rules check the files when they are loaded (the places the files will create)
and an editor's entry when the admin saves it (the places in the database).
"""

import re
from dataclasses import dataclass

from faqs.glossary.linking import terms_pattern
from faqs.guides.models import Guide, Question, Section

LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [text](address) -> text
AUTOLINK = re.compile(r"<((?:https?|mailto|tel):[^>\s]*)>")
BLOCK_MARKS = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)", re.M)
EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)|`+")


def plain(markdown):
    """The words of a piece of markdown as a reader sees them: without link, emphasis, list or heading marks,
    and with every run of spaces and line breaks made one space. Typography (curly quotes) is kept."""
    text = AUTOLINK.sub(r"\1", LINK.sub(r"\1", markdown))
    text = EMPHASIS.sub("", BLOCK_MARKS.sub("", text))
    return " ".join(text.split())


def question_address(guide, slug):
    return f"/guides/{guide}/{slug}/"


def section_address(guide, slug):
    return f"/guides/{guide}/#{slug}"


def guide_address(guide):
    return f"/guides/{guide}/"


@dataclass(frozen=True)
class Place:
    title: str  # the question, the section's title or the guide's title
    guide: str  # the guide's title
    text: str  # what it says, in markdown
    published: bool = True

    @property
    def label(self):
        return self.title if self.title == self.guide else f"{self.title} ({self.guide})"


class Places(dict):
    """{address: Place} for every place the guidance says something."""

    @classmethod
    def from_guides(cls, guides):
        """The places the guide files being loaded will create (faqs.content.guides.GuideData)."""
        places = cls()
        for guide in guides:
            intro = f"{guide.introduction}\n\n{guide.notes}"
            places[guide_address(guide.slug)] = Place(guide.title, guide.title, intro)
            for section in guide.sections:
                address = section_address(guide.slug, section.slug)
                places[address] = Place(section.title, guide.title, section.introduction)
                for q in section.questions:
                    published = q.status == Question.Status.PUBLISHED
                    places[question_address(guide.slug, q.slug)] = Place(
                        q.text, guide.title, q.answer, published
                    )
        return places

    @classmethod
    def in_database(cls):
        places = cls()
        for slug, title, intro, notes in Guide.objects.values_list("slug", "title", "introduction", "notes"):
            places[guide_address(slug)] = Place(title, title, f"{intro}\n\n{notes}")
        sections = Section.objects.values_list("guide__slug", "slug", "title", "guide__title", "introduction")
        for guide, slug, title, guide_title, text in sections:
            places[section_address(guide, slug)] = Place(title, guide_title, text)
        questions = Question.objects.values_list(
            "guide__slug", "slug", "text", "guide__title", "answer", "status"
        )
        for guide, slug, title, guide_title, text, status in questions:
            published = status == Question.Status.PUBLISHED
            places[question_address(guide, slug)] = Place(title, guide_title, text, published)
        return places

    def source_problem(self, source):
        """What is wrong with `source` as the place a term is explained, or None."""
        place = self.get(source)
        if place is None:
            return (
                f"{source!r} is not a place in the guidance: use a question's address "
                "(/guides/mothers/clares-law/), a section's (/guides/mothers/#getting-help-early) or a guide's"
            )
        if not place.published:
            return f"the question at {source} is a draft, which readers cannot open"
        return None

    def quote_problem(self, source, quote):
        """None when `quote` is, word for word, what the place at `source` says."""
        if plain(quote) in plain(self[source].text):
            return None
        return (
            f"the quote is not what {source} says, word for word: copy it exactly from there "
            "(spaces, line breaks, links and bold or italic marks do not matter; every word, "
            "punctuation mark and quotation mark does)"
        )

    def usage_problem(self, forms):
        """None when the guidance uses the term (in any of its `forms`) somewhere."""
        pattern = terms_pattern(forms)
        if any(pattern.search(plain(place.text)) for place in self.values()):
            return None
        return f"the guidance never uses {' or '.join(repr(f) for f in forms)}: a glossary term must be one it uses"

    def problems(self, source, quote, forms):
        """Every rule in order, stopping at the first broken: [(setting it concerns, message)]."""
        if problem := self.source_problem(source):
            return [("source", problem)]
        if problem := self.quote_problem(source, quote):
            return [("quote", problem)]
        if problem := self.usage_problem(forms):
            return [("name", problem)]
        return []
