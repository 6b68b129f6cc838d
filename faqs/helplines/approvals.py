"""Helpline contact details under two pairs of eyes.

A change to how a helpline is reached is held as a pending `HelplineChange`; the public page keeps showing the
confirmed details (the Helpline's own fields) until an editor other than the proposer approves it. The admin
(faqs/helplines/admin.py) and the content loader both propose through `propose_contact_change`.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from faqs.helplines.models import Helpline, HelplineChange

# Every way of reaching a service: a wrong textphone number or chat link sends a caller elsewhere just as a
# wrong phone number does.
CONTACT_FIELDS = ("phone", "textphone", "text_number", "email", "website", "other_contact")
APPROVE_PERMISSION = "faqs.approve_helplinechange"
CONTENT_FILE = "content/helplines.md"
ADMIN = "the admin"


class ApprovalRefused(PermissionDenied):
    """The change cannot be decided by this editor, or is no longer waiting."""


def confirmed_values(helpline):
    return {name: getattr(helpline, name) for name in CONTACT_FIELDS}


def propose_contact_change(helpline, values, *, proposed_by=None, source=CONTENT_FILE):
    """Hold `values` (every contact field; a missing one means blank) for approval, replacing any proposal
    still pending. Returns the new pending change, or None when there is nothing new to approve: the values
    are the confirmed ones, or the pending ones. Raises ValidationError for a detail the site cannot publish."""
    values = {name: values.get(name) or "" for name in CONTACT_FIELDS}
    _check(helpline, values)
    with transaction.atomic():
        helpline = Helpline.objects.select_for_update().get(pk=helpline.pk)
        pending = helpline.changes.pending().first()
        if values == confirmed_values(helpline) or (pending and pending.values == values):
            return None
        if pending:
            _decide(pending, HelplineChange.Status.SUPERSEDED, by=proposed_by)
        return HelplineChange.objects.create(
            helpline=helpline,
            values=values,
            confirmed_before=confirmed_values(helpline),
            source=source,
            proposed_by=proposed_by,
        )


def approve(change, *, by):
    """Publish the change: the helpline's history records it as made by the approver, naming the proposer."""
    _check_may_decide(change, by)
    if change.proposed_by_id == by.pk:
        raise ApprovalRefused("You proposed this change: another editor must approve it.")
    with transaction.atomic():
        helpline = Helpline.objects.select_for_update().get(pk=change.helpline_id)
        for name, value in change.values.items():
            setattr(helpline, name, value)
        helpline._history_user = by
        helpline._change_reason = (
            f"Contact details approved by {by.get_username()}, proposed by {change.proposer_name()}"
        )
        helpline.save()
        _decide(change, HelplineChange.Status.APPROVED, by=by)
    return helpline


def reject(change, *, by):
    """Discard the change; the confirmed details stay. A proposer may reject (withdraw) their own."""
    _check_may_decide(change, by)
    _decide(change, HelplineChange.Status.REJECTED, by=by)


def _check_may_decide(change, by):
    if not by.has_perm(APPROVE_PERMISSION):
        raise ApprovalRefused("Only a helpline approver can decide on contact changes.")
    change.refresh_from_db(fields=["status"])
    if change.status != HelplineChange.Status.PENDING:
        raise ApprovalRefused("This change is no longer waiting for a decision.")


def _decide(change, status, *, by):
    change.status, change.decided_by, change.decided_at = status, by, timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])


def _check(helpline, values):
    """The same checks a save would make, on a copy carrying the proposed values."""
    candidate = Helpline(
        **{**{f.attname: getattr(helpline, f.attname) for f in Helpline._meta.concrete_fields}, **values}
    )
    others = [f.name for f in Helpline._meta.fields if f.name not in CONTACT_FIELDS]
    errors = {}
    for check in (lambda: candidate.clean_fields(exclude=others), candidate.clean):
        try:
            check()
        except ValidationError as error:
            errors.update(error.message_dict)
    errors = {name: problems for name, problems in errors.items() if name in CONTACT_FIELDS}
    if errors:
        raise ValidationError(errors)
