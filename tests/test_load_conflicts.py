"""`load_content` never silently overwrites what an editor did in the admin; `--force` lets the files win."""

import io

from django.core.management import call_command

from faqs.content.export import export_content
from faqs.content.loading import load_content
from faqs.guides.audiences import seed_audiences
from faqs.models import Audience, Guide, Helpline, Question, Section
from tests.factories import make_question
from tests.helpers import change_url, question_form


def male_social_worker():
    return Question.objects.get(guide__slug="mothers", slug="social-worker-is-male")


def test_an_answer_edited_in_the_admin_is_kept_and_reported(small_site, admin_client):
    question = male_social_worker()
    response = admin_client.post(change_url(question), question_form(question, answer="Edited by an editor."))
    assert response.status_code == 302
    report = load_content(small_site)
    assert male_social_worker().answer == "Edited by an editor."
    assert report.conflicts == [
        "question mothers/social-worker-is-male was changed in the admin since it was loaded: "
        "kept the admin's version"
    ]
    assert report.nothing_changed


def test_the_command_reports_conflicts_loudly(small_site):
    Question.objects.filter(pk=male_social_worker().pk).update(answer="Edited.")
    out, err = io.StringIO(), io.StringIO()
    call_command("load_content", str(small_site), stdout=out, stderr=err)
    assert "CONFLICT: question mothers/social-worker-is-male" in err.getvalue()
    assert "Run export_content" in err.getvalue()
    assert "already matches" not in out.getvalue()


def test_force_overwrites_admin_edits_with_the_files(small_site):
    question = male_social_worker()
    original = question.answer
    question.answer = "Edited."
    question.save()
    report = load_content(small_site, force=True)
    assert male_social_worker().answer == original
    assert report.conflicts == [] and "question mothers/social-worker-is-male" in report.changed
    assert load_content(small_site).nothing_changed  # the files' version is what the loader wrote


def test_saving_without_changing_anything_is_not_a_conflict(small_site, admin_client):
    question = male_social_worker()
    admin_client.post(change_url(question), question_form(question))
    assert load_content(small_site).conflicts == []


def test_an_edit_that_matches_the_files_again_is_not_a_conflict(small_site):
    question = male_social_worker()
    original = question.answer
    question.answer = "Edited."
    question.save()
    question.answer = original
    question.save()
    assert load_content(small_site).conflicts == []


def test_reordering_in_the_admin_is_kept(small_site):
    question = male_social_worker()
    question.order = 99
    question.save()
    report = load_content(small_site)
    assert male_social_worker().order == 99 and len(report.conflicts) == 1


def test_a_question_written_in_the_admin_is_not_deleted_by_loading(small_site):
    section = Section.objects.get(guide__slug="mothers", slug="getting-help-early")
    make_question(section, slug="written-in-the-admin", text="A new question?")
    report = load_content(small_site)
    assert Question.objects.filter(slug="written-in-the-admin").exists()
    assert report.conflicts == [
        "question mothers/written-in-the-admin is not in the files but was written in the admin: kept it"
    ]
    report = load_content(small_site, force=True)
    assert not Question.objects.filter(slug="written-in-the-admin").exists()
    assert report.removed == ["question mothers/written-in-the-admin"]


def test_a_guide_introduction_edited_in_the_admin_is_kept(small_site):
    guide = Guide.objects.get(slug="mothers")
    guide.introduction = "A new introduction."
    guide.save()
    report = load_content(small_site)
    assert Guide.objects.get(slug="mothers").introduction == "A new introduction."
    assert report.conflicts == [
        "guide mothers was changed in the admin since it was loaded: kept the admin's version"
    ]
    load_content(small_site, force=True)
    assert Guide.objects.get(slug="mothers").introduction != "A new introduction."


def test_a_section_edited_in_the_admin_is_kept(small_site):
    section = Section.objects.get(guide__slug="mothers", slug="getting-help-early")
    section.title = "Help, early"
    section.save()
    report = load_content(small_site)
    assert Section.objects.get(pk=section.pk).title == "Help, early"
    assert report.conflicts == [
        "section mothers#getting-help-early was changed in the admin since it was loaded: "
        "kept the admin's version"
    ]


def test_a_section_and_guide_written_in_the_admin_are_kept(small_site):
    guide = Guide.objects.create(
        title="New", slug="new", original_title="New", source="Us", added="2026-11-22"
    )
    Section.objects.create(guide=guide, title="Empty for now", slug="empty")
    report = load_content(small_site)
    assert Section.objects.filter(slug="empty").exists()
    assert report.conflicts == [
        "section new#empty is not in the files but was written in the admin: kept it",
        "guide new is not in the files but holds sections kept from the admin: kept it",
    ]


def test_a_kept_question_keeps_its_section_when_the_files_drop_the_section(small_site):
    question = male_social_worker()
    question.answer = "Edited."
    question.save()
    mothers = small_site / "mothers.md"
    text = mothers.read_text()
    start = text.rindex("\n## ", 0, text.index("\nslug: working-with-your-childs-social-worker\n"))
    mothers.write_text(text[:start] + text[text.index("\n## ", start + 1) :])
    report = load_content(small_site)
    assert male_social_worker().answer == "Edited."
    assert "section mothers#working-with-your-childs-social-worker is not in the files but holds " \
        "questions kept from the admin: kept it" in report.conflicts  # fmt: skip
    assert not Question.objects.filter(slug="social-worker-doesnt-understand").exists()


GUIDE = """\
---
title: A guide
slug: a-guide
original_title: A guide
source: Family Rights Group
jurisdiction: England and Wales
order: 1
audiences: practitioners, mothers
added: 2026-11-22
---

## A section
slug: a-section

### A question?
slug: a-question
audiences: social-workers, mothers
topics: court orders, child protection

The answer.
"""


def test_audience_and_topic_order_follows_the_files_and_exports_back(db, tmp_path):
    seed_audiences(Audience)
    (tmp_path / "a-guide.md").write_text(GUIDE)
    load_content(tmp_path)
    reordered = GUIDE.replace("court orders, child protection", "child protection, court orders")
    reordered = reordered.replace("audiences: practitioners, mothers", "audiences: mothers, practitioners")
    (tmp_path / "a-guide.md").write_text(reordered)
    report = load_content(tmp_path)
    assert report.changed == ["guide a-guide", "question a-guide/a-question"] and report.conflicts == []
    export_content(tmp_path / "out")
    assert (tmp_path / "out" / "a-guide.md").read_text() == reordered


def test_a_helpline_edited_in_the_admin_is_kept_and_force_overwrites_it(small_site):
    nspcc = Helpline.objects.get(slug="nspcc-helpline")
    original = nspcc.description
    nspcc.description = "Edited by an editor."
    nspcc.save()
    report = load_content(small_site)
    assert Helpline.objects.get(slug="nspcc-helpline").description == "Edited by an editor."
    assert report.conflicts == [
        "helpline nspcc-helpline was changed in the admin since it was loaded: kept the admin's version"
    ]
    report = load_content(small_site, force=True)
    assert Helpline.objects.get(slug="nspcc-helpline").description == original
    assert "helpline nspcc-helpline" in report.changed
    assert load_content(small_site).nothing_changed


def test_a_helpline_added_in_the_admin_is_not_removed_by_a_load(small_site):
    local = Helpline.objects.get(slug="nspcc-helpline")
    local.pk, local.slug, local.name, local.loaded_fingerprint = None, "local-service", "A local service", ""
    local.save()
    report = load_content(small_site)
    assert Helpline.objects.filter(slug="local-service").exists()
    assert (
        "helpline local-service is not in the files but was written in the admin: kept it" in report.conflicts
    )
    load_content(small_site, force=True)
    assert not Helpline.objects.filter(slug="local-service").exists()
