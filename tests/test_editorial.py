"""Honest dates, reviews, editors' notes, change notes and related questions (issue 13). Every note here is test
data: the site's own notes are the editors' to write."""

import datetime

import pytest
from django.utils import timezone

from faqs.content.export import export_content
from faqs.content.format import ContentError
from faqs.content.guides import parse_guide
from faqs.content.loading import load_content
from faqs.editorial.records import add_months
from faqs.models import ChangeNote, EditorsNote, Guide, Question, Review
from tests.factories import make_question, make_section
from tests.helpers import CONTENT_DIR, change_url, inline_management, question_form

NOTE = "Test note: the [helplines](/helplines/) have changed.\n\nA second paragraph."


def male_social_worker():
    return Question.objects.get(guide__slug="mothers", slug="social-worker-is-male")


def test_a_fresh_install_shows_no_review_that_nobody_made(content, client):
    assert not Review.objects.exists()
    for url in ("/guides/mothers/", male_social_worker().get_absolute_url()):
        html = client.get(url).content.decode()
        assert 'Added to this site on <time datetime="2026-11-22">22 November 2026</time>' in html
        assert "No one has checked this since it was added to this site" in html
        assert "Reviewed" not in html and "reviewed" not in html.lower().replace("no one has checked", "")


def test_the_content_files_say_added_not_reviewed():
    for path in CONTENT_DIR.glob("*.md"):
        text = path.read_text()
        assert "last_reviewed:" not in text and "\nreviewed:" not in text, path.name


def test_the_next_review_is_a_period_after_the_last_review_or_after_it_was_added(db):
    question = make_question(added=datetime.date(2026, 1, 31))
    assert question.next_review == datetime.date(2027, 1, 31)
    guide = question.guide
    guide.review_every = 1
    guide.save()
    question.refresh_from_db()
    assert question.next_review == datetime.date(2026, 2, 28)
    Review.objects.create(question=question, date=datetime.date(2026, 5, 1), by="Test editor")
    question.refresh_from_db()
    assert question.next_review == datetime.date(2026, 6, 1)
    assert add_months(datetime.date(2024, 1, 31), 13) == datetime.date(2025, 2, 28)


def test_a_review_recorded_in_the_admin_appears_on_the_page_and_in_the_history(
    small_site, admin_client, client
):
    question = male_social_worker()
    action = {"action": "record_review", "_selected_action": [question.pk]}
    asked = admin_client.post("/admin/faqs/question/", action)
    assert b"Record the review" in asked.content and b"style=" not in asked.content
    response = admin_client.post(
        "/admin/faqs/question/", {**action, "date": "2027-01-10", "by": "Test reviewer", "record": "1"}
    )
    assert response.status_code == 302
    review = Review.objects.get(question=question)
    assert review.history.get().history_user.username == "admin"
    html = client.get(question.get_absolute_url()).content.decode()
    assert 'Reviewed on <time datetime="2027-01-10">10 January 2027</time> by Test reviewer.' in html
    question.refresh_from_db()
    assert question.next_review == datetime.date(2028, 1, 10)
    export_content(small_site)
    assert "\n> [!reviewed 2027-01-10 by Test reviewer]\n" in (small_site / "mothers.md").read_text()
    assert load_content(small_site).nothing_changed


def test_the_admin_index_counts_what_is_due_and_links_to_each_list(db, admin_client):
    today = timezone.localdate()
    overdue = make_question(added=add_months(today, -13))
    soon = make_question(added=add_months(today, -12) + datetime.timedelta(days=10))
    reviewed = make_question(added=add_months(today, -13))
    Review.objects.create(question=reviewed, date=today, by="Test editor")
    html = admin_client.get("/admin/").content.decode()
    assert "Due for review" in html
    assert '<a href="/admin/faqs/question/?review=overdue">1 overdue</a>' in html
    assert '<a href="/admin/faqs/question/?review=due-soon">1 due within 30 days</a>' in html
    assert '<a href="/admin/faqs/question/?review=never">2 never reviewed</a>' in html
    for status, shown, hidden in [
        ("overdue", overdue, soon),
        ("due-soon", soon, reviewed),
        ("never", soon, reviewed),
    ]:
        listing = admin_client.get(f"/admin/faqs/question/?review={status}").content.decode()
        assert shown.text in listing and hidden.text not in listing, status


def test_notes_made_in_the_admin_show_survive_loading_and_round_trip_through_markdown(
    small_site, admin_client, client, tmp_path
):
    question = male_social_worker()
    notes = {
        "editors_notes-0-added": "2027-01-10",
        "editors_notes-0-text": NOTE,
        "change_notes-0-date": "2027-02-01",
        "change_notes-0-text": "Test change: a number was corrected.",
    }
    form = question_form(question, **inline_management(editors_notes=1, change_notes=1), **notes)
    assert admin_client.post(change_url(question), form).status_code == 302
    html = client.get(question.get_absolute_url()).content.decode()
    assert 'Note from the editors, added <time datetime="2027-01-10">10 January 2027</time>:' in html
    assert "<p>A second paragraph.</p>" in html
    assert 'Updated <time datetime="2027-02-01">1 February 2027</time>:</strong> Test change' in html

    report = load_content(small_site)  # the files do not have them yet: the admin's edit is kept
    assert report.conflicts and question.editors_notes.get().text == NOTE
    export_content(small_site)
    text = (small_site / "mothers.md").read_text()
    assert (
        "> [!editors-note 2027-01-10]\n> Test note: the [helplines](/helplines/) have changed.\n>\n" in text
    )
    assert "> [!change 2027-02-01]\n> Test change: a number was corrected." in text
    report = load_content(small_site)
    assert report.nothing_changed and report.conflicts == []
    export_content(tmp_path)
    assert (tmp_path / "mothers.md").read_bytes() == (small_site / "mothers.md").read_bytes()
    assert question.change_notes.get().history.count() == 1


GUIDE = """\
---
title: A guide
slug: a-guide
original_title: A guide
source: Test source
jurisdiction: England and Wales
order: 0
audiences: mothers
added: 2026-11-22
review_every: 6
---

The introduction.

> [!reviewed 2027-01-05 by Test editor]

## A section
slug: a-section

> [!editors-note 2027-01-06]
> A test note on the section.

### A question?
slug: a-question
related: a-guide/another

The answer.

> [!reviewed 2027-01-10 by Test editor]

> [!editors-note 2027-01-10]
> A test note.
>
> More of it.

> [!change 2027-01-11]
> A test change.

### Another?
slug: another

Another answer.
"""


def write(folder, text=GUIDE):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a-guide.md").write_text(text, encoding="utf-8")
    return folder


def test_the_editors_blocks_are_read_apart_from_the_text(tmp_path):
    guide = parse_guide(write(tmp_path) / "a-guide.md")
    assert (guide.introduction, guide.reviews, guide.review_every) == (
        "The introduction.",
        [("2027-01-05", "Test editor")],
        6,
    )
    assert guide.sections[0].introduction == ""
    assert guide.sections[0].editors_notes == [("2027-01-06", "A test note on the section.")]
    question = guide.questions[0]
    assert question.answer == "The answer."
    assert question.reviews == [("2027-01-10", "Test editor")]
    assert question.editors_notes == [("2027-01-10", "A test note.\n\nMore of it.")]
    assert question.change_notes == [("2027-01-11", "A test change.")]
    assert question.related == ["a-guide/another"]


def test_a_loaded_file_exports_byte_for_byte_and_shows_on_the_pages(db, tmp_path, client):
    load_content(write(tmp_path / "in"))
    export_content(tmp_path / "out")
    assert (tmp_path / "out" / "a-guide.md").read_text() == GUIDE
    question = Question.objects.get(slug="a-question")
    html = client.get(question.get_absolute_url()).content.decode()
    assert "Reviewed on" in html and "A test note." in html and "A test change." in html
    assert 'href="/guides/a-guide/another/"' in html.split("Related questions")[1]
    guide_html = client.get("/guides/a-guide/").content.decode()
    assert "A test note on the section." in guide_html and "by Test editor" in guide_html
    assert Guide.objects.get().next_review == datetime.date(2027, 7, 5)


@pytest.mark.parametrize(
    ("broken", "line", "message"),
    [
        (GUIDE.replace("\nThe introduction.\n\n> [!rev", "\n> [!rev"), 13, None),
        (GUIDE.replace("> [!change 2027-01-11]", "> [!changed 2027-01-11]"), 36, "here use [!reviewed"),
        (
            GUIDE.replace("> [!editors-note 2027-01-06]", "> [!change 2027-01-06]"),
            20,
            "here use [!editors-note",
        ),
        (GUIDE.replace(" by Test editor]\n\n## A", "]\n\n## A"), 15, "write the marker as"),
        (GUIDE.replace("> A test change.\n", "\n"), 36, "needs its text"),
        (
            GUIDE.replace("> A test change.\n", "> A test change.\n\nMore answer.\n"),
            39,
            "nothing else may follow",
        ),
        (GUIDE.replace("[!change 2027-01-11]", "[!change 11/01/2027]"), 36, "is not a date"),
        (GUIDE.replace("related: a-guide/another", "related: a-guide/nowhere"), 25, "not another question"),
        (
            GUIDE.replace("related: a-guide/another", "related: a-guide/a-question"),
            25,
            "not another question",
        ),
        (GUIDE.replace("related: a-guide/another", "related: a/b, a/c, a/d, a/e"), 25, "at most 3"),
    ],
)
def test_a_wrong_editors_block_or_related_question_names_its_line(db, tmp_path, broken, line, message):
    if message is None:
        assert load_content(write(tmp_path, broken))  # the introduction may be only a review
        return
    with pytest.raises(ContentError) as caught:
        load_content(write(tmp_path, broken))
    assert (caught.value.line, message in caught.value.message) == (line, True), caught.value


def test_related_questions_are_chosen_in_the_admin_up_to_three(content, admin_client, client):
    question = male_social_worker()
    others = list(Question.objects.exclude(pk=question.pk)[:4])
    url = change_url(question)
    refused = admin_client.post(url, question_form(question, related=[q.pk for q in others]))
    assert b"Choose at most 3 related questions." in refused.content
    assert admin_client.post(url, question_form(question, related=[others[0].pk])).status_code == 302
    assert question.related_keys() == [others[0].key]
    html = client.get(question.get_absolute_url()).content.decode()
    assert f'href="{others[0].get_absolute_url()}"' in html.split("Related questions")[1]


def test_a_note_that_would_not_load_back_is_refused_in_the_admin(content, admin_client):
    question = male_social_worker()
    notes = {"editors_notes-0-added": "2027-01-10", "editors_notes-0-text": "[!change 2027-01-01] sneaky"}
    form = question_form(question, **inline_management(editors_notes=1), **notes)
    response = admin_client.post(change_url(question), form)
    assert b"a line may not start with" in response.content
    assert not EditorsNote.objects.exists() and not ChangeNote.objects.exists()


def test_a_section_note_shows_on_its_guide(db, client):
    section = make_section()
    make_question(section)
    EditorsNote.objects.create(section=section, added=datetime.date(2027, 3, 1), text="A **test** note.")
    html = client.get(section.guide.get_absolute_url()).content.decode()
    assert "Note from the editors, added" in html and "<strong>test</strong>" in html


def test_the_editors_admin_pages_render_without_inline_style_or_script(content, admin_client):
    question = male_social_worker()
    review = Review.objects.create(question=question, date=datetime.date(2027, 1, 1), by="Test editor")
    note = EditorsNote.objects.create(question=question, text="A test note.")
    change = ChangeNote.objects.create(question=question, text="A test change.")
    pages = [
        "/admin/",
        "/admin/faqs/sitenotice/",
        "/admin/faqs/sitenotice/add/",
        f"/admin/faqs/guide/{question.guide_id}/change/",
    ]
    for name, item in [("review", review), ("editorsnote", note), ("changenote", change)]:
        pages += [
            f"/admin/faqs/{name}/",
            f"/admin/faqs/{name}/{item.pk}/change/",
            f"/admin/faqs/{name}/{item.pk}/history/",
        ]
    pages += [f"/admin/faqs/section/{question.section_id}/change/", change_url(question)]
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert b"style=" not in response.content and b"<script>" not in response.content, url
