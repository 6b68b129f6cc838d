import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from faqs.content.export import export_content
from faqs.content.format import ContentError
from faqs.content.guides import parse_guide
from faqs.content.loading import load_content
from faqs.models import Audience, Guide, Question
from tests.factories import make_question, make_section
from tests.helpers import CONTENT_DIR


def guide_files(directory):
    """Every content file, help pages included (pages/<slug>.md)."""
    files = directory.rglob("*.md")
    return sorted(str(p.relative_to(directory)) for p in files if not p.name.startswith("README"))


def test_exporting_freshly_loaded_content_reproduces_every_file_byte_for_byte(content, tmp_path):
    report = export_content(tmp_path)
    assert guide_files(tmp_path) == guide_files(CONTENT_DIR)
    assert sorted(report.written) == sorted(tmp_path / name for name in guide_files(CONTENT_DIR))
    for name in guide_files(CONTENT_DIR):
        assert (tmp_path / name).read_bytes() == (CONTENT_DIR / name).read_bytes(), name
    assert report.stale == []


def test_export_content_command_writes_the_folder(content, tmp_path):
    out = io.StringIO()
    call_command("export_content", str(tmp_path / "new" / "folder"), stdout=out)
    assert guide_files(tmp_path / "new" / "folder") == guide_files(CONTENT_DIR)
    assert "files written" in out.getvalue()


def test_an_exported_edit_loads_back_unchanged(content, content_copy):
    question = Question.objects.published().select_related("guide").first()
    question.answer = "A new answer.\n\n#### What to do\n\n- write to the manager\n- keep a copy"
    question.save()
    export_content(content_copy)
    text = (content_copy / f"{question.guide.slug}.md").read_text()
    assert "#### What to do\n\n- write to the manager" in text
    report = load_content(content_copy)
    assert report.nothing_changed and report.conflicts == []


def test_defaults_are_left_implicit_and_drafts_marked(db, tmp_path):
    section = make_section(guide=None)
    guide = section.guide
    guide.audiences.set(Audience.objects.filter(slug="mothers"))
    make_question(section, slug="same-as-guide", audiences=("mothers",))
    make_question(
        section,
        slug="its-own",
        audiences=("mothers", "social-workers"),
        topics=("court orders", "child protection"),
        added=datetime.date(2027, 1, 5),
        status=Question.Status.DRAFT,
    )
    export_content(tmp_path)
    text = (tmp_path / f"{guide.slug}.md").read_text()
    same = text.split("### ")[1]
    assert same.splitlines()[1:3] == ["slug: same-as-guide", ""]
    own = text.split("### ")[2]
    assert own.splitlines()[1:7] == [
        "slug: its-own",
        "audiences: mothers, social-workers",
        "topics: court orders, child protection",
        "added: 2027-01-05",
        "status: draft",
        "",
    ]
    parsed = parse_guide(tmp_path / f"{guide.slug}.md")
    assert [q.status for q in parsed.questions] == ["published", "draft"]


def test_answers_typed_with_windows_line_endings_are_written_with_newlines(db, tmp_path):
    question = make_question(answer="One.\r\n\r\nTwo.\r\n")
    export_content(tmp_path)
    text = (tmp_path / f"{question.guide.slug}.md").read_bytes()
    assert b"\r" not in text and b"One.\n\nTwo.\n" in text


def test_the_file_already_holding_a_guide_keeps_its_name(content, content_copy):
    name = f"{Guide.objects.first().slug}.md"
    (content_copy / name).rename(content_copy / f"renamed-{name}")
    report = export_content(content_copy)
    assert content_copy / f"renamed-{name}" in report.written
    assert not (content_copy / name).exists()


def test_a_file_whose_guide_was_deleted_is_reported_not_deleted(content, content_copy):
    guide = Guide.objects.last()
    name = f"{guide.slug}.md"
    guide.delete()
    report = export_content(content_copy)
    assert report.stale == [content_copy / name]
    assert (content_copy / name).exists()
    err = io.StringIO()
    call_command("export_content", str(content_copy), stdout=io.StringIO(), stderr=err)
    assert f"{name} holds a guide that is no longer in the database" in err.getvalue()


def test_exporting_to_a_file_is_refused(db, tmp_path):
    target = tmp_path / "file.md"
    target.write_text("not a folder")
    with pytest.raises(ContentError, match="is not a folder"):
        export_content(target)
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("export_content", str(target))
    assert target.read_text() == "not a folder"


def test_no_temporary_files_are_left_behind(content, tmp_path):
    export_content(tmp_path)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
