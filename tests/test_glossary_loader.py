"""content/glossary.md: each quote is checked against the place it names, loads like every entry file, keeps an
admin's edit, and exports back byte for byte."""

import pytest

from faqs.content.export import export_content
from faqs.content.format import ContentError
from faqs.content.loading import load_content, read_content
from faqs.glossary.places import plain
from faqs.guides.audiences import seed_audiences
from faqs.models import Audience, GlossaryTerm
from tests.helpers import CONTENT_DIR

GUIDE = """\
---
title: A guide
slug: a-guide
source: Family Rights Group
audiences: mothers
added: 2026-11-22
---

## Court orders
slug: court-orders

Orders a court can make. An *Occupation Order* is a **Family Court** order which says who can live in
the [family home](/guides/a-guide/).

### What is a Non-Molestation Order?
slug: non-molestation-order

Non-molestation orders are a type of Family Court order used to protect survivors of domestic violence.

- See also section 47 of the Children Act 1989.
"""

GLOSSARY = """\
# Glossary

A note to editors.

## Non-molestation order
slug: non-molestation-order
source: /guides/a-guide/non-molestation-order/
also: non-molestation orders

Non-molestation orders are a type of Family Court order used to protect survivors of domestic violence.

## Occupation order
slug: occupation-order
source: /guides/a-guide/#court-orders

An Occupation Order is a Family Court order which says who can live in the family home.
"""


def folder(tmp_path, glossary=GLOSSARY, guide=GUIDE):
    (tmp_path / "a-guide.md").write_text(guide, encoding="utf-8")
    (tmp_path / "glossary.md").write_text(glossary, encoding="utf-8")
    return tmp_path


def error(tmp_path, glossary):
    with pytest.raises(ContentError) as caught:
        read_content(folder(tmp_path, glossary))
    return caught.value


def test_quotes_are_compared_as_readers_see_them():
    assert plain("An *Occupation* **Order**\nsays [who](/x/) can:\n\n- live\n1. here") == (
        "An Occupation Order says who can: live here"
    )


def test_a_valid_glossary_is_read_with_its_settings(tmp_path):
    content = read_content(folder(tmp_path))
    terms = next(entries for kind, entries in content.entries.items() if kind.file_name == "glossary.md")
    assert [(t.name, t.slug, t.also, t.line) for t in terms] == [
        ("Non-molestation order", "non-molestation-order", "non-molestation orders", 5),
        ("Occupation order", "occupation-order", "", 12),
    ]


def test_a_quote_the_place_does_not_say_is_refused_at_its_line(tmp_path):
    problem = error(tmp_path, GLOSSARY.replace("says who can live", "says who may live"))
    assert (problem.path.name, problem.line) == ("glossary.md", 16)
    assert "the quote is not what /guides/a-guide/#court-orders says, word for word" in problem.message


def test_a_quote_from_another_place_is_refused(tmp_path):
    wrong = GLOSSARY.replace(
        "source: /guides/a-guide/#court-orders", "source: /guides/a-guide/non-molestation-order/"
    )
    assert (
        "the quote is not what /guides/a-guide/non-molestation-order/ says" in error(tmp_path, wrong).message
    )


def test_an_unknown_source_is_refused_at_its_line(tmp_path):
    problem = error(tmp_path, GLOSSARY.replace("#court-orders", "#no-such-section"))
    assert problem.line == 14
    assert "'/guides/a-guide/#no-such-section' is not a place in the guidance" in problem.message


def test_a_draft_cannot_be_a_source(tmp_path):
    draft = GUIDE.replace("slug: non-molestation-order\n", "slug: non-molestation-order\nstatus: draft\n")
    with pytest.raises(ContentError, match="is a draft, which readers cannot open"):
        read_content(folder(tmp_path, guide=draft))


def test_a_term_the_guidance_never_uses_is_refused_at_its_heading(tmp_path):
    problem = error(tmp_path, GLOSSARY.replace("## Occupation order", "## Occupation warrant"))
    assert problem.line == 12
    assert "the guidance never uses 'Occupation warrant'" in problem.message


def test_an_other_form_the_guidance_uses_is_enough(tmp_path):
    glossary = GLOSSARY.replace("## Occupation order", "## Home order").replace(
        "source: /guides/a-guide/#court-orders",
        "source: /guides/a-guide/#court-orders\nalso: home orders, occupation order",
    )
    read_content(folder(tmp_path, glossary))


def test_a_slug_used_twice_is_refused(tmp_path):
    problem = error(tmp_path, GLOSSARY.replace("slug: occupation-order", "slug: non-molestation-order"))
    assert problem.line == 12
    assert "glossary term slug 'non-molestation-order' is already used on line 5" in problem.message


def test_a_form_of_two_terms_is_refused(tmp_path):
    problem = error(
        tmp_path,
        GLOSSARY.replace(
            "source: /guides/a-guide/#court-orders",
            "source: /guides/a-guide/#court-orders\nalso: Non-Molestation Orders",
        ),
    )
    assert (
        "'Non-Molestation Orders' is already a form of the term 'Non-molestation order' (line 5)"
        in problem.message
    )


def test_a_term_needs_its_quote(tmp_path):
    problem = error(tmp_path, GLOSSARY.rsplit("\n\n", 1)[0] + "\n")
    assert "needs its quote" in problem.message


def test_loading_is_idempotent_and_nothing_is_written_when_the_glossary_is_wrong(db, tmp_path):
    seed_audiences(Audience)
    report = load_content(folder(tmp_path))
    assert "glossary term occupation-order" in report.added
    assert load_content(tmp_path).nothing_changed
    (tmp_path / "glossary.md").write_text(GLOSSARY.replace("## Occupation order", "## Nothing here"))
    (tmp_path / "a-guide.md").write_text(GUIDE.replace("A guide", "A renamed guide"))
    with pytest.raises(ContentError):
        load_content(tmp_path)
    assert GlossaryTerm.objects.get(slug="occupation-order").name == "Occupation order"


def test_an_admin_edit_is_kept_as_a_conflict_and_force_lets_the_file_win(content):
    term = GlossaryTerm.objects.get(slug="significant-harm")
    term.also = "significant harms"
    term.save()
    report = load_content(CONTENT_DIR)
    assert report.conflicts == [
        "glossary term significant-harm was changed in the admin since it was loaded: kept the admin's version"
    ]
    assert GlossaryTerm.objects.get(slug="significant-harm").also == "significant harms"
    load_content(CONTENT_DIR, force=True)
    assert GlossaryTerm.objects.get(slug="significant-harm").also == ""
    assert term.history.count() == 3


def test_a_term_written_in_the_admin_is_kept(content):
    GlossaryTerm.objects.create(name="Harm", slug="harm", source="/guides/mothers/", quote="x")
    assert load_content(CONTENT_DIR).conflicts == [
        "glossary term harm is not in the files but was written in the admin: kept it"
    ]


def test_exporting_the_loaded_glossary_reproduces_its_file_byte_for_byte(content, tmp_path):
    export_content(tmp_path)
    assert (tmp_path / "glossary.md").read_bytes() == (CONTENT_DIR / "glossary.md").read_bytes()


def test_the_real_glossary_has_at_least_15_terms_the_issue_names(content):
    slugs = set(GlossaryTerm.objects.values_list("slug", flat=True))
    assert len(slugs) >= 15
    named = {"child-in-need", "section-47", "pre-proceedings", "family-group-conference", "significant-harm"}
    assert named | {"non-molestation-order"} <= slugs


def test_matching_finds_terms_by_name_other_forms_and_quote(content):
    def found(*words):
        return set(GlossaryTerm.objects.matching(words).values_list("slug", flat=True))

    assert found("DVPN") >= {"domestic-violence-protection-notice"}
    assert found("molestation", "order") == {"non-molestation-order"}
    assert "marac" in found("confidentiality")
    assert found() == set()
