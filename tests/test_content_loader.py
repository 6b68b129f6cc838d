import io
import textwrap

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from faqs.content.format import ContentError
from faqs.content.guides import parse_guide
from faqs.content.loading import load_content
from faqs.models import Guide, Question, Section
from tests.helpers import CONTENT_DIR, database_state, write_file

GUIDE = """\
---
title: A guide
slug: a-guide
source: Family Rights Group
audiences: mothers
added: 2026-11-22
order: 2
---

The introduction.

## First section
slug: first

The section's introduction.

### What is a question?
slug: what-is-a-question
topics: child protection, court orders

The answer.

#### A subheading

More answer.

### Who is it for?
slug: who-is-it-for
audiences: mothers, social-workers
added: 2026-11-23

- one
- two

## Second section
slug: second

### A draft question?
slug: a-draft
status: draft

Not yet.

# Notes

A note about the guide.
"""


def write(folder, name="a-guide.md", text=GUIDE):
    return write_file(folder, name, text)


def test_parse_guide_reads_front_matter_sections_questions_and_notes(tmp_path):
    guide = parse_guide(write(tmp_path) / "a-guide.md")
    assert (guide.title, guide.slug, guide.order, guide.audiences) == ("A guide", "a-guide", 2, ["mothers"])
    assert guide.original_title == "A guide"
    assert guide.jurisdiction == "England and Wales"
    assert guide.introduction == "The introduction."
    assert guide.notes == "A note about the guide."
    assert [s.slug for s in guide.sections] == ["first", "second"]
    first, second = guide.sections[0].questions
    assert first.text == "What is a question?"
    assert first.topics == ["child protection", "court orders"]
    assert first.answer == "The answer.\n\n#### A subheading\n\nMore answer."
    assert second.audiences == ["mothers", "social-workers"]
    assert second.added.isoformat() == "2026-11-23"
    assert guide.sections[1].questions[0].status == "draft"


@pytest.mark.parametrize(
    ("broken", "line", "message"),
    [
        (GUIDE.replace("---\ntitle", "title", 1), 1, "must start with front matter"),
        (GUIDE.replace("source: Family Rights Group\n", ""), 1, "needs a 'source: ...' line"),
        (GUIDE.replace("audiences: mothers\n", "audiences: fathers\n", 1), 5, "unknown audience 'fathers'"),
        (GUIDE.replace("added: 2026-11-22", "added: 22/11/2026"), 6, "is not a date"),
        (GUIDE.replace("order: 2", "colour: red"), 7, "not 'colour: red'"),
        (GUIDE.replace("slug: who-is-it-for", "slug: what-is-a-question"), 27, "already used on line 17"),
        (GUIDE.replace("The answer.\n\n#### A subheading\n\nMore answer.\n", ""), 17, "has no answer"),
        (GUIDE.replace("slug: what-is-a-question\n", ""), 17, "needs a 'slug: ...' line"),
        (GUIDE.replace("slug: first", "slug: First Section"), 13, "not a valid slug"),
        (GUIDE.replace("status: draft", "status: hidden"), 40, "status: use one of published, draft"),
        (GUIDE.replace("## First section", "# First section"), 12, "a single # only for '# Notes'"),
        (GUIDE.replace("The answer.", "See [the guide](/guides/nowhere/)."), 21, "no guide with that slug"),
        (GUIDE.replace("The answer.", "See [help](/helplines/#nowhere)."), 21, "no group 'nowhere'"),
        (GUIDE.replace("The answer.", "See [this](/no-such-page/)."), 21, "this site has no such page"),
    ],
)
def test_a_broken_file_names_its_line_and_changes_nothing(db, tmp_path, broken, line, message):
    load_content(write(tmp_path / "good"))
    before = database_state()
    write(tmp_path / "bad", text=broken)
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path / "bad")
    assert caught.value.path == tmp_path / "bad" / "a-guide.md"
    assert caught.value.line == line
    assert message in caught.value.message
    assert database_state() == before


def test_load_creates_guides_sections_and_questions(db, tmp_path):
    report = load_content(write(tmp_path))
    guide = Guide.objects.get(slug="a-guide")
    assert guide.introduction_html == "<p>The introduction.</p>"
    assert guide.notes_html == "<p>A note about the guide.</p>"
    assert [s.slug for s in guide.sections.all()] == ["first", "second"]
    question = Question.objects.get(slug="what-is-a-question")
    assert question.answer_html == "<p>The answer.</p>\n<h2>A subheading</h2>\n<p>More answer.</p>"
    assert sorted(t.name for t in question.topics.all()) == ["child protection", "court orders"]
    assert [a.slug for a in question.audiences.all()] == ["mothers"]
    assert sorted(a.slug for a in Question.objects.get(slug="who-is-it-for").audiences.all()) == [
        "mothers",
        "social-workers",
    ]
    assert "question a-guide/what-is-a-question" in report.added
    assert report.changed == report.removed == []


def test_loading_twice_writes_nothing_and_says_so(db, tmp_path):
    folder = write(tmp_path)
    load_content(folder)
    before = database_state()
    report = load_content(folder)
    assert report.nothing_changed
    assert database_state() == before
    out = io.StringIO()
    call_command("load_content", str(folder), stdout=out)
    assert "Nothing changed" in out.getvalue()


def test_changes_and_removals_are_reported(db, tmp_path):
    path = write(tmp_path) / "a-guide.md"
    load_content(tmp_path)
    changed = GUIDE.replace("The answer.", "A better answer.").replace(
        "### A draft question?\nslug: a-draft\nstatus: draft\n\nNot yet.\n\n", ""
    )
    path.write_text(changed.replace("## Second section\nslug: second\n\n", ""), encoding="utf-8")
    report = load_content(tmp_path)
    assert report.changed == ["question a-guide/what-is-a-question"]
    assert report.removed == ["question a-guide/a-draft", "section a-guide#second"]
    assert "A better answer." in Question.objects.get(slug="what-is-a-question").answer_html
    assert not Section.objects.filter(slug="second").exists()


def test_a_removed_file_removes_its_guide(db, tmp_path):
    path = write(tmp_path) / "a-guide.md"
    write(tmp_path, "other.md", GUIDE.replace("slug: a-guide", "slug: other"))
    load_content(tmp_path)
    path.unlink()
    report = load_content(tmp_path)
    assert "guide a-guide" in report.removed
    assert list(Guide.objects.values_list("slug", flat=True)) == ["other"]


def test_duplicate_guide_slugs_across_files_are_refused(db, tmp_path):
    write(tmp_path)
    write(tmp_path, "copy.md")
    with pytest.raises(ContentError, match=r"guide slug 'a-guide' is already used by a-guide\.md"):
        load_content(tmp_path)


def test_the_command_fails_with_the_file_name_and_changes_nothing(db, tmp_path):
    load_content(write(tmp_path / "good"))
    before = database_state()
    write(tmp_path / "bad", text=GUIDE.replace("---\n", "", 1))
    with pytest.raises(CommandError, match=r"bad/a-guide.md:1: .*\nNothing was changed"):
        call_command("load_content", str(tmp_path / "bad"))
    assert database_state() == before


def test_markdown_is_sanitised(db, tmp_path):
    answer = textwrap.dedent("""\
        <script>alert(1)</script>
        <p onclick="x()" style="color:red">Hi</p>
        <a href="javascript:alert(1)">bad</a> [ok](https://example.org)""")
    write(tmp_path, text=GUIDE.replace("The answer.\n\n#### A subheading\n\nMore answer.", answer))
    load_content(tmp_path)
    html = Question.objects.get(slug="what-is-a-question").answer_html
    assert "<script" not in html and "onclick" not in html and "style=" not in html
    assert "javascript:" not in html
    assert 'href="https://example.org"' in html


def test_unsafe_link_schemes_are_refused(db, tmp_path):
    write(tmp_path, text=GUIDE.replace("The answer.", "[bad](javascript:alert(1))"))
    with pytest.raises(ContentError, match="only http, https, mailto and tel links"):
        load_content(tmp_path)


def test_the_real_content_loads_and_reloads_without_changes(content):
    assert content.added and not content.conflicts
    assert load_content(CONTENT_DIR).nothing_changed
