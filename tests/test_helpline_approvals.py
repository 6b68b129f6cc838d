"""Helpline contact details under two pairs of eyes: proposals, approval by another editor, the admin, groups."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from faqs.helplines.approvals import (
    CONTACT_FIELDS,
    ApprovalRefused,
    approve,
    propose_contact_change,
    reject,
)
from faqs.models import HelplineChange
from tests.factories import make_editor, make_helpline
from tests.helpers import helpline_form, verified_client

# Ofcom's range for drama (0808 157 0000-0999): never a real service's number.
OLD, NEW = "0808 157 0123", "0808 157 0456"


@pytest.fixture
def helpline(db):
    return make_helpline(name="National line", phone=OLD, website="https://example.org/")


@pytest.fixture
def editor(db):
    return make_editor("proposer", groups=["Editors", "Helpline approvers"])


@pytest.fixture
def approver(db):
    return make_editor("checker", groups=["Editors", "Helpline approvers"])


def public_page(client):
    return client.get("/helplines/").content.decode()


def test_a_proposal_is_held_and_the_public_page_keeps_the_confirmed_number(client, helpline, editor):
    change = propose_contact_change(helpline, {"phone": NEW, "website": helpline.website}, proposed_by=editor)
    assert change.status == "pending" and change.values["phone"] == NEW
    assert change.differences() == [("phone", OLD, NEW)]
    helpline.refresh_from_db()
    assert helpline.phone == OLD
    assert "08081570123" in public_page(client) and "08081570456" not in public_page(client)


def test_nothing_new_to_approve_returns_none(helpline, editor):
    same = {"phone": OLD, "website": helpline.website}
    assert propose_contact_change(helpline, same, proposed_by=editor) is None
    first = propose_contact_change(helpline, {**same, "phone": NEW}, proposed_by=editor)
    assert propose_contact_change(helpline, {**same, "phone": NEW}) is None  # already pending
    second = propose_contact_change(helpline, {**same, "email": "help@example.org"})
    first.refresh_from_db()
    assert first.status == "superseded" and second.status == "pending"
    assert list(HelplineChange.objects.pending()) == [second]


def test_a_missing_contact_field_means_blank_and_bad_details_are_refused(helpline):
    change = propose_contact_change(helpline, {"phone": OLD})
    assert change.values == {**dict.fromkeys(CONTACT_FIELDS, ""), "phone": OLD}
    with pytest.raises(ValidationError) as error:
        propose_contact_change(helpline, {"phone": "call us", "email": "not an address"})
    assert set(error.value.message_dict) == {"phone", "email"}


def test_the_proposer_can_never_approve_their_own_change(helpline, editor):
    change = propose_contact_change(helpline, {"phone": NEW}, proposed_by=editor)
    with pytest.raises(ApprovalRefused, match="another editor must approve"):
        approve(change, by=editor)
    helpline.refresh_from_db()
    assert helpline.phone == OLD


def test_approval_needs_the_permission(helpline, editor, db):
    plain_editor = make_editor("plain", groups=["Editors"])
    change = propose_contact_change(helpline, {"phone": NEW}, proposed_by=editor)
    with pytest.raises(ApprovalRefused, match="helpline approver"):
        approve(change, by=plain_editor)


def test_another_editor_approves_and_the_history_records_both(client, helpline, editor, approver):
    change = propose_contact_change(helpline, {"phone": NEW}, proposed_by=editor)
    approve(change, by=approver)
    helpline.refresh_from_db()
    assert helpline.phone == NEW and helpline.website == ""
    assert "08081570456" in public_page(client)
    change.refresh_from_db()
    assert (change.status, change.proposed_by, change.decided_by) == ("approved", editor, approver)
    assert change.proposed_at <= change.decided_at
    latest = helpline.history.first()
    assert latest.history_user == approver and latest.phone == NEW
    assert latest.history_change_reason == "Contact details approved by checker, proposed by proposer"
    with pytest.raises(ApprovalRefused, match="no longer waiting"):
        approve(change, by=approver)


def test_a_change_from_the_content_files_can_be_approved_by_any_approver(helpline, approver):
    change = propose_contact_change(helpline, {"phone": NEW})
    assert change.proposed_by is None and change.source == "content/helplines.md"
    approve(change, by=approver)
    helpline.refresh_from_db()
    assert helpline.phone == NEW


def test_a_rejected_change_never_reaches_the_site(helpline, editor, approver):
    change = propose_contact_change(helpline, {"phone": NEW}, proposed_by=editor)
    reject(change, by=approver)
    helpline.refresh_from_db()
    change.refresh_from_db()
    assert helpline.phone == OLD and change.status == "rejected" and change.decided_by == approver


def change_url(helpline):
    return f"/admin/faqs/helpline/{helpline.pk}/change/"


def test_editing_a_number_in_the_admin_proposes_it_and_other_fields_save_as_before(
    client, helpline, editor, approver
):
    as_editor = verified_client(editor)
    response = as_editor.post(
        change_url(helpline), helpline_form(helpline, phone=NEW, description="Free and confidential.")
    )
    assert response.status_code == 302
    helpline.refresh_from_db()
    assert helpline.phone == OLD and helpline.description == "Free and confidential."
    assert "08081570456" not in public_page(client) and "Free and confidential." in public_page(client)
    change = HelplineChange.objects.get()
    form_html = as_editor.get(change_url(helpline)).content.decode()
    assert f'href="/admin/faqs/helplinechange/{change.pk}/change/">Proposed by proposer on' in form_html
    assert f"phone: {OLD} → {NEW}" in form_html

    review = f"/admin/faqs/helplinechange/{change.pk}/change/"
    assert "Approve: put these details on the site" not in as_editor.get(review).content.decode()
    as_editor.post(review, {"decision": "approve"})
    assert "08081570456" not in public_page(client)
    verified_client(approver).post(review, {"decision": "approve"})
    assert "08081570456" in public_page(client)


def test_saving_without_touching_the_contact_details_proposes_nothing(helpline, editor):
    verified_client(editor).post(
        change_url(helpline), helpline_form(helpline, hours_note="Closed at Christmas.")
    )
    assert not HelplineChange.objects.exists()


def test_a_helpline_added_in_the_admin_waits_for_its_contact_details(client, editor):
    template = make_helpline(slug="a-new-line", name="A new line")
    data = helpline_form(template, phone=NEW)
    template.delete()
    verified_client(editor).post("/admin/faqs/helpline/add/", data)
    change = HelplineChange.objects.get()
    assert change.helpline.phone == "" and change.values["phone"] == NEW
    assert "08081570456" not in public_page(client)


def test_an_editor_cannot_manage_accounts_and_an_account_manager_can(helpline, editor, db):
    as_editor = verified_client(make_editor("plain", groups=["Editors"]))
    for url in ("/admin/auth/user/", "/admin/auth/group/", "/admin/otp_totp/totpdevice/"):
        assert as_editor.get(url).status_code == 403, url
    assert as_editor.get("/admin/faqs/question/").status_code == 200
    assert as_editor.get(change_url(helpline)).status_code == 200
    manager = verified_client(make_editor("manager", groups=["Account managers"]))
    for url in ("/admin/auth/user/", "/admin/otp_totp/totpdevice/", "/admin/otp_static/staticdevice/"):
        assert manager.get(url).status_code == 200, url
    assert manager.get("/admin/faqs/question/").status_code == 403


def test_the_groups_hold_what_each_job_needs(db):
    perms = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    assert "approve_helplinechange" in perms["Helpline approvers"]
    assert not perms["Editors"] & {"approve_helplinechange", "delete_audience", "add_audience", "change_user"}
    assert {"change_question", "change_helpline", "add_guide"} <= perms["Editors"]
    assert {"change_user", "delete_totpdevice", "delete_accessattempt"} <= perms["Account managers"]
