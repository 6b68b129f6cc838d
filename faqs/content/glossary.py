"""`content/glossary.md`: the glossary as an entry file (format in content/README.md, "The glossary").

Each entry is a term, where the guidance explains it and the guidance's own words there. What is particular
to the glossary is its cross-file check: the quote must be what that place in the guide files says.
"""

from faqs.content import fields as f
from faqs.content.entries import EntryFile
from faqs.content.format import ContentError
from faqs.content.sync import Kind
from faqs.glossary.linking import form_key
from faqs.glossary.models import GlossaryTerm, split_forms
from faqs.glossary.places import Places


def forms(value):
    """Other forms of the term, comma-separated, kept as written."""
    return ", ".join(f.words(value))


FIELDS = (
    f.Field("slug", read=f.slug, required=True),
    f.Field("source", required=True),
    f.Field("also", read=forms),
)


def check(entries, content, path):
    """Rules across files: each source is a place the guide files have, each quote is what it says there, each
    term is used in the guidance, and no form of a term is a form of another."""
    places, owners = Places.from_guides(content.guides), {}
    for entry in entries:
        term_forms = [entry.name, *split_forms(entry.also)]
        for key, problem in places.problems(entry.source, entry.quote, term_forms):
            line = quote_line(entry) if key == "quote" else entry.line_of(key)
            raise ContentError(path, line, f"the glossary term {entry.name!r}: {problem}")
        for form in term_forms:
            owner = owners.setdefault(form_key(form), entry)
            if owner is not entry:
                raise ContentError(
                    path,
                    entry.line,
                    f"{form!r} is already a form of the term {owner.name!r} (line {owner.line})",
                )


def quote_line(entry):
    """The line the quote starts on: after the heading, its settings and a blank line."""
    return max(entry.lines.values(), default=entry.line) + 2


GLOSSARY = Kind("glossary term", GlossaryTerm, fields=("name", "also", "source", "quote", "order"))
GLOSSARY_FILE = EntryFile(
    file_name="glossary.md",
    kind=GLOSSARY,
    fields=FIELDS,
    title="name",
    text="quote",
    preamble="""\
# Glossary

The glossary at /glossary/. One `##` heading per term, then its settings, a blank line and the guidance's own
words that explain it, copied exactly from the place `source` names. Never write a definition here. The format
and its checks are in README.md in this folder, under "The glossary".
""",
    check=check,
)
