"""Help page files: `content/pages/<slug>.md`, one page each (format in content/README.md, "Help pages").

Front matter sets the page; the text before the first `##` is its introduction; each `## Section` has a `slug:`
line (its anchor on the page) and markdown text, in which `###` and deeper are subheadings. A content folder
without a `pages/` folder leaves the pages in the database alone, as a folder without helplines.md does.
"""

from dataclasses import dataclass, field
from pathlib import Path

from faqs.content import fields as f
from faqs.content.format import ContentError, check_unique, read_front_matter, read_lines, split_blocks
from faqs.content.sync import Kind, Record, remove, upsert
from faqs.pages.models import Page, PageSection
from faqs.pages.views import HELP_PAGES

FOLDER = "pages"
FRONT_MATTER = (
    f.Field("title", required=True),
    f.Field("slug", read=f.slug, required=True),
    f.Field("contents", read=f.one_of("yes", "no"), write=f.unless("no"), default="no"),
)
SECTION_SETTINGS = (f.Field("slug", read=f.slug, required=True),)
PAGE = Kind("page", Page, fields=("title", "introduction", "contents"))
SECTION = Kind("page section", PageSection, fields=("title", "text", "order"))


@dataclass
class PageSectionData:
    title: str
    slug: str
    line: int
    text: str


@dataclass
class PageData:
    path: Path
    title: str
    slug: str
    contents: str = "no"
    introduction: str = ""
    sections: list[PageSectionData] = field(default_factory=list)

    def record(self):
        values = {"title": self.title, "introduction": self.introduction, "contents": self.contents == "yes"}
        return Record(PAGE, self.slug, {"slug": self.slug}, values)


def parse_page(path):
    """One page file as `PageData`, or `ContentError` naming the line that is wrong."""
    path = Path(path)
    lines = read_lines(path)
    settings, start = read_front_matter(path, lines, tuple(s.key for s in FRONT_MATTER))
    page = PageData(path=path, **f.read_fields(path, settings, FRONT_MATTER, owner="the front matter"))
    if page.slug not in HELP_PAGES:
        line = settings.lines["slug"]
        raise ContentError(path, line, f"the site has no address for a page {page.slug!r} (see faqs/urls.py)")
    blocks = split_blocks(path, lines, start, {2: tuple(s.key for s in SECTION_SETTINGS)})
    page.introduction = blocks[0].text
    for block in blocks[1:]:
        owner = f"the section {block.title!r}"
        values = f.read_fields(path, block.settings, SECTION_SETTINGS, owner=owner)
        if not block.text:
            raise ContentError(path, block.line, f"{owner} needs its text after its slug line")
        page.sections.append(PageSectionData(block.title, values["slug"], block.line, block.text))
    check_unique(path, page.sections, kind="section")
    return page


def read_pages(directory):
    """Every page in `directory`/pages, or None when there is no such folder (the pages are then left alone)."""
    folder = Path(directory) / FOLDER
    if not folder.is_dir():
        return None
    pages = [parse_page(path) for path in sorted(folder.glob("*.md")) if not path.name.startswith("README")]
    seen = {}
    for page in pages:
        if page.slug in seen:
            raise ContentError(page.path, 0, f"page slug {page.slug!r} is already used by {seen[page.slug]}")
        seen[page.slug] = page.path.name
    return pages


def link_texts(page):
    """(line, markdown) pairs for the link check."""
    return [(1, page.introduction)] + [(s.line, s.text) for s in page.sections]


def load_pages(pages, report, *, force):
    """Upsert every page and section by slug, then remove what the files no longer have."""
    for data in pages:
        page = upsert(data.record(), report, force=force)
        for order, section in enumerate(data.sections):
            values = {"title": section.title, "text": section.text, "order": order}
            key = f"{data.slug}#{section.slug}"
            upsert(Record(SECTION, key, {"page": page, "slug": section.slug}, values), report, force=force)
    in_files = {(p.slug, s.slug) for p in pages for s in p.sections}
    for section in PageSection.objects.select_related("page"):
        if (section.page.slug, section.slug) not in in_files:
            remove(SECTION, section, f"{section.page.slug}#{section.slug}", report, force=force)
    for page in Page.objects.exclude(slug__in={p.slug for p in pages}):
        holds = "sections" if page.sections.exists() else ""
        remove(PAGE, page, page.slug, report, force=force, holds=holds)


def export_pages(directory):
    """{path: text} for every page in the database, as `pages/<slug>.md` in `directory`."""
    texts = {}
    for page in Page.objects.prefetch_related("sections"):
        values = {"title": page.title, "slug": page.slug, "contents": "yes" if page.contents else "no"}
        blocks = ["---\n" + f.write_fields(values, FRONT_MATTER) + "\n---", page.introduction]
        for section in page.sections.all():
            blocks += [
                f"## {section.title}\n" + f.write_fields(vars(section), SECTION_SETTINGS),
                section.text,
            ]
        text = "\n\n".join(block.strip("\n").rstrip() for block in blocks if block) + "\n"
        texts[Path(directory) / FOLDER / f"{page.slug}.md"] = text
    return texts
