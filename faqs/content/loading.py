"""Loading a folder of content files into the database: read and validate everything, then write atomically.

`load_content()` is what `manage.py load_content` runs; tests call it directly on temporary folders. Each kind
of file upserts by slug, removes what the files no longer have, writes nothing when nothing changed and keeps what
editors changed in the admin (faqs/content/sync.py). If any file is wrong, nothing at all is written.
"""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from faqs.content.format import ContentError
from faqs.content.glossary import GLOSSARY_FILE
from faqs.content.guides import load_guides, read_guides
from faqs.content.helplines import HELPLINE_FILE
from faqs.content.links import Pages, check_links
from faqs.content.pages import link_texts, load_pages, read_pages
from faqs.content.sync import LoadReport
from faqs.search import update_vectors

SKIPPED_FILES = ("README",)
# Every file of entries the site has. A new kind of entry file is declared in its own module and listed here.
ENTRY_FILES = (HELPLINE_FILE, GLOSSARY_FILE)


@dataclass
class Content:
    guides: list
    entries: dict  # {EntryFile: its entries, or None when the folder does not have that file}
    pages: list | None  # None when the folder has no pages/ folder


def guide_files(directory):
    directory = Path(directory)
    if not directory.is_dir():
        raise ContentError(directory, 0, "is not a folder")
    entry_files = {kind.file_name for kind in ENTRY_FILES}
    return sorted(
        path
        for path in directory.glob("*.md")
        if not path.name.startswith(SKIPPED_FILES) and path.name not in entry_files
    )


def read_content(directory):
    """Parse and validate every file in `directory`; raise `ContentError` on the first problem."""
    content = Content(
        read_guides(guide_files(directory)),
        {kind: kind.read(directory) for kind in ENTRY_FILES},
        read_pages(directory),
    )
    check_across_files(Path(directory), content)
    return content


def check_across_files(directory, content):
    """The rules that need every file: links, related questions, and each kind of entry's own (glossary quotes)."""
    guides, help_pages = content.guides, content.pages
    pages = Pages(
        frozenset(g.slug for g in guides),
        frozenset((g.slug, q.slug) for g in guides for q in g.questions),
        None if help_pages is None else frozenset(p.slug for p in help_pages),
    )
    for guide in guides:
        check_links(guide.path, guide_texts(guide), pages)
        check_related(guide, pages)
    for kind, items in content.entries.items():
        if items:
            check_links(directory / kind.file_name, [(e.line, e.values[kind.text]) for e in items], pages)
            if kind.check:
                kind.check(items, content, directory / kind.file_name)
    for page in help_pages or ():
        check_links(page.path, link_texts(page), pages)


def guide_texts(guide):
    """Every piece of markdown in a guide file, with the line it starts after."""
    texts = [(1, guide.introduction), (1, guide.notes)]
    texts += [(s.line, s.introduction) for s in guide.sections]
    texts += [(s.line, text) for s in guide.sections for _, text in s.editors_notes]
    texts += [(q.line, q.answer) for q in guide.questions]
    texts += [(q.line, text) for q in guide.questions for _, text in q.editors_notes]
    return texts


def check_related(guide, pages):
    """Related questions must be questions the files have, other than the question itself."""
    for question in guide.questions:
        for key in question.related:
            if tuple(key.split("/")) not in pages.questions or key == f"{guide.slug}/{question.slug}":
                line = question.setting_lines.get("related", question.line)
                raise ContentError(guide.path, line, f"related: {key!r} is not another question in the files")


def load_content(directory, *, force=False):
    """Load every content file in `directory`. Returns a `LoadReport`; raises `ContentError`.

    What was changed in the admin since the last load is kept and reported in `conflicts`, unless `force`:
    then the files win. A folder without an entry file (no helplines.md) or without pages/ leaves that kind alone.
    """
    content = read_content(directory)
    report = LoadReport()
    with transaction.atomic():
        load_guides(content.guides, report, force=force)
        for kind, entries in content.entries.items():
            if entries is not None:
                kind.load(entries, report, force=force)
        if content.pages is not None:
            load_pages(content.pages, report, force=force)
    # Outside the transaction: the vectors are derived from what was written, and can be made again.
    update_vectors()
    return report
