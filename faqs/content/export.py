"""Writing the database back out as content files, so admin edits can be reviewed and committed.

`export_content()` is what `manage.py export_content DIR` runs. It writes the canonical form that
content/README.md describes, following each kind's declared fields (so exporting freshly loaded content
reproduces the files byte for byte): front matter keys in the declared order, one blank line between blocks, a
question's `audiences` and `added` only when they differ from the guide's, `status: draft` only for drafts, the
editors' blocks after the text they belong to, and one newline at the end.
"""

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from faqs.content.editorial import editorial_blocks
from faqs.content.fields import write_fields
from faqs.content.format import ContentError, read_front_matter
from faqs.content.guides import (
    EDITORIAL,
    FRONT_MATTER,
    GUIDE,
    QUESTION_SETTINGS,
    SECTION_SETTINGS,
    GuideData,
    QuestionData,
    SectionData,
)
from faqs.content.loading import ENTRY_FILES, guide_files
from faqs.content.pages import export_pages
from faqs.guides.models import Guide


@dataclass
class ExportReport:
    written: list[Path] = field(default_factory=list)
    # Guide files in the folder whose guide is no longer in the database: left for a person to delete.
    stale: list[Path] = field(default_factory=list)


def export_content(directory):
    """Write every guide in the database to `directory` as `<slug>.md` (or the name of the file in `directory`
    that already holds that guide), each kind of entries to its file (helplines.md) and each help page to pages/<slug>.md. Every file is
    rendered before any is written; an entry file whose table is empty is left as it is."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise ContentError(directory, 0, "is not a folder")
    directory.mkdir(parents=True, exist_ok=True)
    existing = files_by_slug(directory)
    texts = {
        directory / existing.pop(guide.slug, f"{guide.slug}.md"): format_guide(guide_data(guide))
        for guide in Guide.objects.prefetch_related("sections__questions")
    }
    for kind in ENTRY_FILES:
        text = kind.export()
        if text is not None:
            texts[directory / kind.file_name] = text
    texts |= export_pages(directory)
    report = ExportReport(stale=[directory / name for name in existing.values()])
    for path, text in texts.items():
        path.parent.mkdir(exist_ok=True)
        write_atomically(path, text)
        report.written.append(path)
    return report


def files_by_slug(directory):
    """{guide slug: file name} for the guide files already in `directory`."""
    found = {}
    for path in guide_files(directory):
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        try:
            settings, _ = read_front_matter(path, lines, tuple(f.key for f in FRONT_MATTER))
        except ContentError:
            continue  # not a guide we can read: it is not ours to overwrite or report
        if settings.values.get("slug"):
            found[settings.values["slug"]] = path.name
    return found


def write_atomically(path, text):
    """Replace `path` in one step, so nobody ever sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def guide_data(guide):
    """A guide from the database as the content format's `GuideData`: defaults left implicit."""
    audiences = guide.audience_slugs()
    data = GuideData(
        path=Path(f"{guide.slug}.md"),
        slug=guide.slug,
        audiences=audiences,
        reviews=guide.review_list(),
        **{name: getattr(guide, name) for name in GUIDE.fields},
    )
    for section in guide.sections.all():
        section_data = SectionData(
            section.title,
            section.slug,
            line=0,
            introduction=section.introduction,
            editors_notes=section.editors_note_list(),
        )
        section_data.questions = [
            question_data(question, guide, audiences) for question in section.questions.all()
        ]
        data.sections.append(section_data)
    return data


def question_data(question, guide, audiences):
    own = question.audience_slugs()
    return QuestionData(
        question.text,
        question.slug,
        question.answer,
        line=0,
        audiences=[] if set(own) == set(audiences) else own,
        topics=question.topic_names(),
        related=question.related_keys(),
        added=None if question.added == guide.added else question.added,
        status=question.status,
        reviews=question.review_list(),
        editors_notes=question.editors_note_list(),
        change_notes=question.change_note_list(),
    )


def format_guide(guide):
    """`GuideData` as the text of its file, in the canonical form."""
    blocks = ["---\n" + write_fields(vars(guide), FRONT_MATTER) + "\n---", guide.introduction]
    blocks += editorial_blocks({"reviews": guide.reviews})
    for section in guide.sections:
        blocks += [
            f"## {section.title}\n" + write_fields(vars(section), SECTION_SETTINGS),
            text_block(section.introduction),
            *editorial_blocks({"editors_notes": section.editors_notes}),
        ]
        for question in section.questions:
            blocks += [
                f"### {question.text}\n" + write_fields(vars(question), QUESTION_SETTINGS),
                text_block(question.answer),
                *editorial_blocks({name: getattr(question, name) for name in EDITORIAL}),
            ]
    if guide.notes.strip():
        blocks += ["# Notes", text_block(guide.notes)]
    return "\n\n".join(block for block in blocks if block) + "\n"


def text_block(text):
    """Markdown as the parser gives it back: newlines as \\n, no blank lines or trailing space at the ends."""
    return text.replace("\r\n", "\n").strip("\n").rstrip()
