"""What the search index holds: one declaration per kind of thing a reader can reach.

Each `DocumentKind` says, in SQL both databases run, which rows of which table become documents and what goes in
each field of the index (title, context, keywords, body, audiences), and which other tables' changes must
refresh them. Both backends build their triggers and rebuilds from these declarations alone, so a new kind of
content (a glossary, say) is one more declaration here, and nothing else in search changes.

In the SQL, `o` is the kind's own table, `{agg}(text, separator)` aggregates strings (group_concat on SQLite,
string_agg on PostgreSQL), and in `depends` `{row}` stands for the changed row (NEW or OLD).
"""

from dataclasses import dataclass

from faqs.glossary.models import GlossaryTerm
from faqs.guides.models import Guide, Question, Section
from faqs.helplines.models import Helpline
from faqs.pages.models import ABOUT_THE_SITE, Page, PageSection

EVERYONE = "*"  # the audiences of a document that is for everyone (help pages)
KINDS_PER_ID = 16  # a document's id is object id * KINDS_PER_ID + the kind's number


@dataclass(frozen=True)
class DocumentKind:
    number: int  # never reused: it is part of every document id of this kind
    name: str  # how the relevance set and the code name it
    label: str  # what a result says it is
    model: type
    source: str  # FROM ... (the kind's table as `o`, with any joins)
    title: str
    body: str
    context: str = "''"  # where it is: the section or page it belongs to
    keywords: str = "''"  # topics, numbers and such: weighed like the context
    audiences: str = f"'{EVERYONE}'"  # space-separated audience slugs
    where: str = "1 = 1"
    depends: tuple = ()  # (table, SQL selecting the ids of this kind's objects a change there affects, as `id`)
    related: tuple = ()  # select_related for `url`
    anchor: str = ""  # added to the object's address, when the kind's place on the page is fixed
    weight: float = 1.0  # how much a match counts, against other kinds' (a pointer to a place counts less)
    # How many passages of its text are read for meaning (faqs/search/vectors.py), None for all of them.
    passages: int | None = None
    # Whether words are looked for in its text (faqs/search/index.py), or only in its title, context and keywords
    # (the text read for meaning alone).
    text_for_words: bool = True

    def url(self, instance):
        return instance.get_absolute_url() + self.anchor


def _audiences_of_guide(guide_id):
    return (
        "coalesce((SELECT {agg}(a.slug, ' ') FROM faqs_guide_audiences ga JOIN faqs_audience a "
        f"ON a.id = ga.audience_id WHERE ga.guide_id = {guide_id}), '')"
    )


def _group_label():
    """The helpline's group as the directory names it (labels from the model, written into the SQL)."""
    cases = " ".join(
        f"WHEN '{value}' THEN '{label.replace(chr(39), chr(39) * 2)}'"
        for value, label in Helpline.Group.choices
    )
    return f"CASE o.\"group\" {cases} ELSE '' END"


_ALL_AUDIENCE_CHANGES = ("faqs_audience", "SELECT id FROM {table}")
# The editors' notes (and a question's change notes) are searched with the text they are attached to.
_NOTES = "coalesce((SELECT {{agg}}(n.text, ' ') FROM faqs_editorsnote n WHERE n.{fk} = o.id), '')"
_CHANGE_NOTES = "coalesce((SELECT {agg}(c.text, ' ') FROM faqs_changenote c WHERE c.question_id = o.id), '')"
_GUIDE_TEXT = {
    "model": Guide,
    "source": "faqs_guide o",
    "title": "o.title",
    "audiences": _audiences_of_guide("o.id"),
    "depends": (("faqs_guide_audiences", "SELECT {row}.guide_id AS id"), _ALL_AUDIENCE_CHANGES),
}

_ABOUT_THE_SITE = "(" + ", ".join(f"'{slug}'" for slug in ABOUT_THE_SITE) + ")"


def _page_kinds(number, name, label, *, where, weight=1.0):
    """A help page's introduction (`number`) and its sections (`number + 1`), for pages whose slug is `where`."""
    return (
        DocumentKind(
            number, name, label, Page, source="faqs_page o", title="o.title", body="o.introduction",
            where=f"o.introduction <> '' AND o.slug {where}", weight=weight,
        ),
        DocumentKind(
            number + 1, f"{name}-section", label, PageSection,
            source="faqs_pagesection o JOIN faqs_page p ON p.id = o.page_id",
            title="o.title", context="p.title", body="o.text", where=f"p.slug {where}", weight=weight,
            depends=(("faqs_page", "SELECT id FROM faqs_pagesection WHERE page_id = {row}.id"),),
            related=("page",),
        ),
    )  # fmt: skip


KINDS = (
    DocumentKind(
        1, "question", "Question", Question,
        source="faqs_question o JOIN faqs_section s ON s.id = o.section_id",
        title="o.text", context="s.title", body=f"o.answer || ' ' || {_NOTES.format(fk='question_id')} || ' ' || {_CHANGE_NOTES}",
        keywords="coalesce((SELECT {agg}(t.name, ', ') FROM faqs_questiontopic qt JOIN taggit_tag t "
        "ON t.id = qt.tag_id WHERE qt.content_object_id = o.id), '')",
        audiences="coalesce((SELECT {agg}(a.slug, ' ') FROM faqs_questionaudience qa JOIN faqs_audience a "
        "ON a.id = qa.tag_id WHERE qa.content_object_id = o.id), '')",
        where="o.status = 'published'",
        depends=(
            ("faqs_section", "SELECT id FROM faqs_question WHERE section_id = {row}.id"),
            ("faqs_questiontopic", "SELECT {row}.content_object_id AS id"),
            ("faqs_questionaudience", "SELECT {row}.content_object_id AS id"),
            ("taggit_tag", "SELECT content_object_id AS id FROM faqs_questiontopic WHERE tag_id = {row}.id"),
            ("faqs_audience", "SELECT content_object_id AS id FROM faqs_questionaudience WHERE tag_id = {row}.id"),
            ("faqs_editorsnote", "SELECT {row}.question_id AS id"),
            ("faqs_changenote", "SELECT {row}.question_id AS id"),
        ),
        related=("guide",),
        # A question is what it asks, and its answer's opening what it is about; past that the answer's words
        # are for the index (and on a large site every passage read for meaning costs memory and time).
        passages=3,
    ),
    DocumentKind(
        2, "section", "Part of a guide", Section,
        source="faqs_section o JOIN faqs_guide g ON g.id = o.guide_id",
        title="o.title", context="g.title", audiences=_audiences_of_guide("o.guide_id"),
        body="o.introduction || ' ' || " + _NOTES.format(fk="section_id"),
        where="o.introduction <> '' OR EXISTS (SELECT 1 FROM faqs_editorsnote n WHERE n.section_id = o.id)",
        depends=(
            ("faqs_editorsnote", "SELECT {row}.section_id AS id"),
            ("faqs_guide", "SELECT id FROM faqs_section WHERE guide_id = {row}.id"),
            ("faqs_guide_audiences", "SELECT id FROM faqs_section WHERE guide_id = {row}.guide_id"),
            _ALL_AUDIENCE_CHANGES,
        ),
        related=("guide",),
    ),
    DocumentKind(
        # Every guide, so that a reader who names one finds it: one without an introduction is its title alone.
        # Readers also name a guide by the document it comes from (its page's source line) or by whom it is
        # for (the audiences' descriptions on the home page): "toolkit for drug workers", "faqs for dv workers";
        # and ask for it as a guide ("guidance for dv workers"), as a helpline's keywords say "helpline".
        3, "guide", "Guide", body="o.introduction",
        context="CASE WHEN o.introduction <> '' THEN 'Introduction' ELSE '' END",
        keywords="'guide ' || o.original_title || ' ' || o.source || ' ' || "
        "coalesce((SELECT {agg}(a.description, ', ') FROM faqs_guide_audiences ga "
        "JOIN faqs_audience a ON a.id = ga.audience_id WHERE ga.guide_id = o.id), '')",
        **_GUIDE_TEXT,
    ),
    DocumentKind(
        4, "notes", "Notes to a guide", body="o.notes", where="o.notes <> ''", context="'Notes'",
        anchor="#notes-title", **_GUIDE_TEXT,
    ),
    DocumentKind(
        5, "helpline", "Helpline", Helpline,
        source="faqs_helpline o", title="o.name", context=_group_label(), body="o.description",
        # What it is, when it is open and whether it is free, as readers ask for it ("24 hour helpline"), and whom
        # it is for by the audiences' slugs: their names say "domestic abuse practitioners", and every helpline
        # would match "abuse".
        keywords="'helpline ' || o.phone || ' ' || o.textphone || ' ' || o.text_number || ' ' || o.area || ' ' || "
        "CASE WHEN o.always_open THEN 'open 24 hours ' ELSE '' END || o.free_to_call || ' ' || "
        "o.other_contact || ' ' || o.hours_note || ' ' || coalesce((SELECT {agg}(replace(a.slug, '-', ' '), ', ') "
        "FROM faqs_helpline_audiences ha JOIN faqs_audience a ON a.id = ha.audience_id "
        "WHERE ha.helpline_id = o.id), '')",
        audiences="coalesce((SELECT {agg}(a.slug, ' ') FROM faqs_helpline_audiences ha JOIN faqs_audience a "
        "ON a.id = ha.audience_id WHERE ha.helpline_id = o.id), '')",
        depends=(("faqs_helpline_audiences", "SELECT {row}.helpline_id AS id"), _ALL_AUDIENCE_CHANGES),
    ),
    *_page_kinds(6, "page", "Help page", where=f"NOT IN {_ABOUT_THE_SITE}"),
    # The privacy notice and the accessibility statement are findable, but a reader searching for help should
    # meet the help first: they count for less.
    *_page_kinds(9, "about", "About this site", where=f"IN {_ABOUT_THE_SITE}", weight=0.5),
    # A term is found by its names, and by meaning by its quote too: a reader describes a term as often as she
    # names it ("a family meeting where relatives make the plan"). Not by the quote's words: they are the
    # guidance's own text, already found where they stand, and found twice they would push the question they come
    # from down the results. A term points to that place, so it counts for less than the place itself: half,
    # enough for "what is a MARAC" to find it among the first; more than a place when the reader asks what a word
    # means (faqs/search/ranking.py, `kind_weights`).
    DocumentKind(
        8, "glossary", "Glossary", GlossaryTerm,
        source="faqs_glossaryterm o", title="o.name", keywords="o.also", body="o.quote", context="'Glossary'",
        weight=0.5, text_for_words=False,
    ),
)  # fmt: skip
BY_NUMBER = {kind.number: kind for kind in KINDS}
BY_NAME = {kind.name: kind for kind in KINDS}


def table_of(kind):
    return kind.model._meta.db_table


def dependencies(kind):
    """(table, ids SQL) for every table whose changes refresh `kind`: its own first."""
    own = (table_of(kind), "SELECT {row}.id AS id")
    return (own, *((table, ids.replace("{table}", table_of(kind))) for table, ids in kind.depends))


def document_select(kind, agg, ids):
    """SELECT of (id, title, context, keywords, body, audiences) for the objects whose ids `ids` selects."""
    columns = ", ".join(
        f"coalesce({getattr(kind, name)}, '')"
        for name in ("title", "context", "keywords", "body", "audiences")
    )
    return (
        f"SELECT o.id * {KINDS_PER_ID} + {kind.number}, {columns} FROM {kind.source} "
        f"WHERE ({kind.where}) AND o.id IN (SELECT id FROM ({ids}) AS changed)"
    ).replace("{agg}", agg)


def document_id(kind, object_id):
    return object_id * KINDS_PER_ID + kind.number


def kind_of(document_id):
    return BY_NUMBER[document_id % KINDS_PER_ID]


def for_words(row):
    """A row (id, title, context, keywords, body) of the table as the index of words reads it: its text left out
    when its kind's is read for meaning alone (`DocumentKind.text_for_words`)."""
    return row if kind_of(row[0]).text_for_words else (*row[:-1], "")


def object_id(document_id):
    return document_id // KINDS_PER_ID
