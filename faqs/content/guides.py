"""Guide files: one markdown file per guide, its sections (`##`) and questions (`###`); see content/README.md.

Front matter sets the guide; `## Section` and `### Question` headings carry their settings lines; `####` and
deeper are subheadings inside the text; a single `# Notes` heading starts notes about the whole guide. The
editors' blocks (reviews, editors' notes, change notes) follow the text they belong to (faqs/content/editorial.py).
"""

from dataclasses import dataclass, field
from pathlib import Path

from faqs.content import fields as f
from faqs.content.editorial import split_editorial
from faqs.content.format import ContentError, check_unique, read_front_matter, read_lines, split_blocks
from faqs.content.sync import Kind, Record, remove, set_relations, upsert
from faqs.guides.models import Guide, Question, Section

NOTES_HEADING = "Notes"
FRONT_MATTER = (
    f.Field("title", required=True),
    f.Field("slug", read=f.slug, required=True),
    f.Field("original_title"),
    f.Field("source", required=True),
    f.Field("source_url"),
    f.Field("jurisdiction", default="England and Wales"),
    f.Field("order", read=f.whole_number, default=0),
    f.Field("audiences", read=f.audiences, write=f.joined, required=True),
    f.Field("added", read=f.date, write=f.iso_date, required=True),
    f.Field("review_every", read=f.months, write=f.unless(12), default=12),
)
SECTION_SETTINGS = (f.Field("slug", read=f.slug, required=True),)
QUESTION_SETTINGS = (
    f.Field("slug", read=f.slug, required=True),
    f.Field("audiences", read=f.audiences, write=f.joined, default=list),  # empty: the guide's
    f.Field("topics", read=f.words, write=f.joined, default=list),
    f.Field("related", read=f.question_keys, write=f.joined, default=list),
    f.Field("added", read=f.date, write=f.iso_date, default=None),  # None: the guide's
    f.Field("status", read=f.one_of("published", "draft"), write=f.unless("published"), default="published"),
)
LEVELS = {1: (), 2: tuple(s.key for s in SECTION_SETTINGS), 3: tuple(s.key for s in QUESTION_SETTINGS)}

GUIDE = Kind(
    "guide",
    Guide,
    fields=("title", "original_title", "source", "source_url", "jurisdiction", "order", "introduction", "notes",
            "added", "review_every"),
    relations=("audiences", "reviews"),
)  # fmt: skip
SECTION = Kind("section", Section, fields=("title", "introduction", "order"), relations=("editors_notes",))
QUESTION = Kind(
    "question",
    Question,
    fields=("section", "text", "answer", "order", "added", "status"),
    relations=("audiences", "topics", "related", "reviews", "editors_notes", "change_notes"),
)
EDITORIAL = ("reviews", "editors_notes", "change_notes")  # the relations the editors' blocks give


@dataclass
class QuestionData:
    text: str
    slug: str
    answer: str
    line: int
    audiences: list[str] = field(default_factory=list)  # empty: the guide's audiences
    topics: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)  # "guide/slug" of each
    added: object = None  # a date; None: the guide's
    status: str = "published"
    reviews: list = field(default_factory=list)  # [(ISO date, who)]
    editors_notes: list = field(default_factory=list)  # [(ISO date, markdown)]
    change_notes: list = field(default_factory=list)  # [(ISO date, text)]
    setting_lines: dict = field(default_factory=dict)

    def record(self, guide_data, guide, section, order):
        return Record(
            QUESTION,
            f"{guide.slug}/{self.slug}",
            lookup={"guide": guide, "slug": self.slug},
            values={
                "section": section,
                "text": self.text,
                "answer": self.answer,
                "order": order,
                "added": self.added or guide_data.added,
                "status": self.status,
            },
            relations={
                "audiences": self.audiences or guide_data.audiences,
                "topics": self.topics,
                "related": self.related,
                **{name: getattr(self, name) for name in EDITORIAL},
            },
        )


@dataclass
class SectionData:
    title: str
    slug: str
    line: int
    introduction: str = ""
    questions: list[QuestionData] = field(default_factory=list)
    editors_notes: list = field(default_factory=list)

    def record(self, guide, order):
        values = {"title": self.title, "introduction": self.introduction, "order": order}
        relations = {"editors_notes": self.editors_notes}
        return Record(
            SECTION, f"{guide.slug}#{self.slug}", {"guide": guide, "slug": self.slug}, values, relations
        )


@dataclass
class GuideData:
    path: Path
    title: str
    slug: str
    original_title: str
    source: str
    audiences: list[str]
    added: object
    review_every: int = 12
    reviews: list = field(default_factory=list)
    source_url: str = ""
    jurisdiction: str = "England and Wales"
    order: int = 0
    introduction: str = ""
    notes: str = ""
    sections: list[SectionData] = field(default_factory=list)

    @property
    def questions(self):
        return [q for s in self.sections for q in s.questions]

    def record(self):
        values = {name: getattr(self, name) for name in GUIDE.fields}
        relations = {"audiences": self.audiences, "reviews": self.reviews}
        return Record(GUIDE, self.slug, {"slug": self.slug}, values, relations)


def parse_guide(path):
    """Parse one guide file into `GuideData`, or raise `ContentError` naming the line that is wrong."""
    path = Path(path)
    lines = read_lines(path)
    settings, start = read_front_matter(path, lines, tuple(s.key for s in FRONT_MATTER))
    values = f.read_fields(path, settings, FRONT_MATTER, owner="the front matter")
    guide = GuideData(path=path, **{**values, "original_title": values["original_title"] or values["title"]})
    blocks = split_blocks(path, lines, start, LEVELS)
    guide.introduction, editorial = split_editorial(path, blocks[0].text, blocks[0].text_line, ("reviews",))
    guide.reviews = editorial["reviews"]
    notes = None  # the `# Notes` block, once met: nothing but its text may follow
    for block in blocks[1:]:
        if block.level == 1 and block.title == NOTES_HEADING and notes is None:
            notes = block
            guide.notes = block.text
        elif block.level == 1:
            raise ContentError(
                path, block.line, f"{('# ' + block.title)[:60]!r}: use ## for a section, ### for a question, "
                f"#### for a subheading, and a single # only for '# {NOTES_HEADING}'"
            )  # fmt: skip
        elif notes is not None:
            what = "sections" if block.level == 2 else "questions"
            raise ContentError(path, block.line, f"{what} must come before '# {NOTES_HEADING}'")
        else:
            add_section_or_question(path, guide, block)
    check_unique(path, guide.sections, kind="section")
    check_unique(path, guide.questions, kind="question")
    return guide


def add_section_or_question(path, guide, block):
    if block.level == 2:
        values = f.read_fields(path, block.settings, SECTION_SETTINGS, owner=f"the section {block.title!r}")
        text, editorial = split_editorial(path, block.text, block.text_line, ("editors_notes",))
        guide.sections.append(SectionData(block.title, values["slug"], block.line, text, **editorial))
        return
    if not guide.sections:
        raise ContentError(path, block.line, "a question (###) must be inside a section (##)")
    owner = f"the question {block.title!r}"
    values = f.read_fields(path, block.settings, QUESTION_SETTINGS, owner=owner)
    answer, editorial = split_editorial(path, block.text, block.text_line, EDITORIAL)
    if not answer:
        raise ContentError(path, block.line, f"{owner} has no answer")
    guide.sections[-1].questions.append(
        QuestionData(
            block.title,
            answer=answer,
            line=block.line,
            setting_lines=block.settings.lines,
            **values,
            **editorial,
        )
    )


def read_guides(files):
    """Parse every guide file; a slug may name only one guide."""
    guides = [parse_guide(path) for path in files]
    seen = {}
    for guide in guides:
        if guide.slug in seen:
            raise ContentError(
                guide.path, 0, f"guide slug {guide.slug!r} is already used by {seen[guide.slug]}"
            )
        seen[guide.slug] = guide.path.name
    return guides


def load_guides(guides, report, *, force):
    """Upsert every guide, section and question by slug, then remove what the files no longer have."""
    with_related = []
    for data in guides:
        guide = upsert(data.record(), report, force=force)
        for section_order, section_data in enumerate(data.sections):
            section = upsert(section_data.record(guide, section_order), report, force=force)
            for order, question in enumerate(section_data.questions):
                record, kept = question.record(data, guide, section, order), len(report.conflicts)
                upsert(record, report, force=force)
                with_related += [record] if question.related and len(report.conflicts) == kept else []
    # A related question may be in a guide loaded later, so the first pass may have set only some of those it
    # wrote: set them again once every question exists (what changed was reported the first time).
    for record in with_related:
        set_relations(Question.objects.get(**record.lookup), {"related": record.relations["related"]})
    remove_missing(guides, report, force=force)


def remove_missing(guides, report, *, force):
    """Questions first, so a section or guide still holding a kept question is kept too."""
    in_files = {(g.slug, q.slug) for g in guides for q in g.questions}
    for question in Question.objects.select_related("guide", "section"):
        if (question.guide.slug, question.slug) not in in_files:
            remove(QUESTION, question, f"{question.guide.slug}/{question.slug}", report, force=force)
    in_files = {(g.slug, s.slug) for g in guides for s in g.sections}
    for section in Section.objects.select_related("guide"):
        if (section.guide.slug, section.slug) not in in_files:
            holds = "questions" if section.questions.exists() else ""
            remove(SECTION, section, f"{section.guide.slug}#{section.slug}", report, force=force, holds=holds)
    for guide in Guide.objects.exclude(slug__in={g.slug for g in guides}):
        holds = "sections" if guide.sections.exists() else ""
        remove(GUIDE, guide, guide.slug, report, force=force, holds=holds)
