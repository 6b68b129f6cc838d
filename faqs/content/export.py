"""Writing the database back out as markdown in the content format, so admin edits can be reviewed and committed.

`export_content()` is what `manage.py export_content DIR` runs. It writes the canonical form that
content/README.md describes, so exporting freshly loaded content reproduces the files byte for byte:
front matter keys in the README's order (`source_url` only when there is one), one blank line between blocks,
a question's `audiences` only when they differ from the guide's and `reviewed` only when it differs from the
guide's `last_reviewed`, `status: draft` only for drafts, and one newline at the end.
"""

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from faqs.content import helplines
from faqs.content.format import ContentError, GuideData, QuestionData, SectionData, parse_front_matter
from faqs.content.loading import (
    guide_audience_slugs,
    guide_files,
    question_audience_slugs,
    question_topic_names,
)
from faqs.guides.models import Guide
from faqs.helplines.models import Helpline


@dataclass
class ExportReport:
    written: list[Path] = field(default_factory=list)
    # Guide files in the folder whose guide is no longer in the database: left for a person to delete.
    stale: list[Path] = field(default_factory=list)


def export_content(directory):
    """Write every guide in the database to `directory` as `<slug>.md` (or the name of the file in `directory`
    that already holds that guide), and the helplines to helplines.md (faqs.helplines writes that format).
    Every file is rendered before any is written."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise ContentError(directory, 0, "is not a folder")
    directory.mkdir(parents=True, exist_ok=True)
    existing = files_by_slug(directory)
    texts = {
        directory / existing.pop(guide.slug, f"{guide.slug}.md"): format_guide(guide_data(guide))
        for guide in Guide.objects.prefetch_related("sections__questions")
    }
    if Helpline.objects.exists():  # none loaded: leave any helplines.md as it is rather than empty it
        texts[directory / helplines.FILE_NAME] = helplines.helplines_markdown(
            Helpline.objects.prefetch_related("audiences")
        )
    report = ExportReport(stale=[directory / name for name in existing.values()])
    for path, text in texts.items():
        write_atomically(path, text)
        report.written.append(path)
    return report


def files_by_slug(directory):
    """{guide slug: file name} for the guide files already in `directory`."""
    found = {}
    for path in guide_files(directory):
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        try:
            meta, _ = parse_front_matter(path, lines)
        except ContentError:
            continue  # not a guide we can read: it is not ours to overwrite or report
        found[meta["slug"][0]] = path.name
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
    audiences = guide_audience_slugs(guide)
    data = GuideData(
        path=Path(f"{guide.slug}.md"),
        title=guide.title,
        slug=guide.slug,
        original_title=guide.original_title,
        source=guide.source,
        source_url=guide.source_url,
        jurisdiction=guide.jurisdiction,
        order=guide.order,
        audiences=audiences,
        last_reviewed=guide.last_reviewed,
        introduction=guide.introduction,
        notes=guide.notes,
    )
    for section in guide.sections.all():
        section_data = SectionData(
            title=section.title, slug=section.slug, line=0, introduction=section.introduction
        )
        for question in section.questions.all():
            question_audiences = question_audience_slugs(question)
            section_data.questions.append(
                QuestionData(
                    text=question.text,
                    slug=question.slug,
                    answer=question.answer,
                    line=0,
                    audiences=[] if set(question_audiences) == set(audiences) else question_audiences,
                    topics=question_topic_names(question),
                    reviewed=None
                    if question.last_reviewed == guide.last_reviewed
                    else question.last_reviewed,
                    status=question.status,
                )
            )
        data.sections.append(section_data)
    return data


def format_guide(guide):
    """`GuideData` as the text of its file, in the canonical form."""
    front_matter = [
        ("title", guide.title),
        ("slug", guide.slug),
        ("original_title", guide.original_title),
        ("source", guide.source),
        ("source_url", guide.source_url),
        ("jurisdiction", guide.jurisdiction),
        ("order", guide.order),
        ("audiences", ", ".join(guide.audiences)),
        ("last_reviewed", guide.last_reviewed.isoformat()),
    ]
    blocks = ["---\n" + settings_lines(front_matter) + "\n---", text_block(guide.introduction)]
    for section in guide.sections:
        blocks += [f"## {section.title}\nslug: {section.slug}", text_block(section.introduction)]
        for question in section.questions:
            settings = [
                ("slug", question.slug),
                ("audiences", ", ".join(question.audiences)),
                ("topics", ", ".join(question.topics)),
                ("reviewed", question.reviewed.isoformat() if question.reviewed else ""),
                ("status", "" if question.status == "published" else question.status),
            ]
            blocks += [f"### {question.text}\n" + settings_lines(settings), text_block(question.answer)]
    if guide.notes.strip():
        blocks += ["# Notes", text_block(guide.notes)]
    return "\n\n".join(block for block in blocks if block) + "\n"


def settings_lines(pairs):
    return "\n".join(f"{key}: {value}" for key, value in pairs if value != "")


def text_block(text):
    """Markdown as the parser gives it back: newlines as \\n, no blank lines or trailing space at the ends."""
    return text.replace("\r\n", "\n").strip("\n").rstrip()
