"""Loading a folder of content files into the database: read and validate everything, then write atomically.

`load_content()` is what `manage.py load_content` runs; tests call it directly on temporary folders. Each kind
of file upserts by slug, removes what the files no longer have, writes nothing when nothing changed and keeps what
editors changed in the admin (faqs/content/sync.py). If any file is wrong, nothing at all is written.
"""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from faqs.content.format import ContentError
from faqs.content.guides import load_guides, read_guides
from faqs.content.helplines import HELPLINE_FILE
from faqs.content.links import Pages, check_links
from faqs.content.pages import link_texts, load_pages, read_pages
from faqs.content.sync import LoadReport

SKIPPED_FILES = ("README",)
# Every file of entries the site has. A new kind of entry file is declared in its own module and listed here.
ENTRY_FILES = (HELPLINE_FILE,)


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
    guides = read_guides(guide_files(directory))
    entries = {kind: kind.read(directory) for kind in ENTRY_FILES}
    help_pages = read_pages(directory)
    pages = Pages(
        frozenset(g.slug for g in guides),
        frozenset((g.slug, q.slug) for g in guides for q in g.questions),
        None if help_pages is None else frozenset(p.slug for p in help_pages),
    )
    for guide in guides:
        texts = [(1, guide.introduction), (1, guide.notes)]
        texts += [(s.line, s.introduction) for s in guide.sections]
        texts += [(q.line, q.answer) for q in guide.questions]
        check_links(guide.path, texts, pages)
    for kind, items in entries.items():
        if items:
            check_links(
                Path(directory) / kind.file_name, [(e.line, e.values[kind.text]) for e in items], pages
            )
    for page in help_pages or ():
        check_links(page.path, link_texts(page), pages)
    return Content(guides, entries, help_pages)


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
    return report
