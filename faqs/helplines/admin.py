from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from faqs.admin_helpers import SlugFixedOnceSavedMixin, when
from faqs.guides.admin_forms import AudienceChoiceField
from faqs.helplines import change_admin  # noqa: F401 - registers the contact changes
from faqs.helplines.approvals import ADMIN, CONTACT_FIELDS, confirmed_values, propose_contact_change
from faqs.helplines.models import Helpline


class HelplineForm(forms.ModelForm):
    audiences = AudienceChoiceField(required=False)

    class Meta:
        model = Helpline
        fields = [
            "name",
            "slug",
            "group",
            "description",
            "phone",
            "textphone",
            "text_number",
            "email",
            "website",
            "other_contact",
            "always_open",
            "hours",
            "closed_on_bank_holidays",
            "hours_note",
            "free_to_call",
            "area",
            "audiences",
            "source",
            "last_checked",
            "order",
        ]


@admin.register(Helpline)
class HelplineAdmin(SlugFixedOnceSavedMixin, SimpleHistoryAdmin):
    form = HelplineForm
    list_display = ["name", "group", "phone", "waiting_for_approval", "always_open", "last_checked"]
    list_filter = ["group", "audiences", "always_open"]
    search_fields = ["name", "description", "phone", "source"]
    ordering = ["group", "order", "name"]
    readonly_fields = ["pending_contact_change"]

    def get_fields(self, request, obj=None):
        """The pending change just above the contact details it would replace."""
        fields = [f for f in super().get_fields(request, obj) if f != "pending_contact_change"]
        return [*fields[: fields.index("phone")], "pending_contact_change", *fields[fields.index("phone") :]]

    def save_model(self, request, obj, form, change):
        """Other fields save as before; contact details the editor changed are held for another's approval."""
        proposed = {name: form.cleaned_data.get(name, "") for name in CONTACT_FIELDS}
        confirmed = confirmed_values(Helpline.objects.get(pk=obj.pk)) if change else {}
        for name in CONTACT_FIELDS:
            setattr(obj, name, confirmed.get(name, ""))
        super().save_model(request, obj, form, change)
        if change and not set(CONTACT_FIELDS) & set(form.changed_data):
            return
        if propose_contact_change(obj, proposed, proposed_by=request.user, source=ADMIN):
            messages.warning(
                request,
                f"The new contact details for {obj} are not on the site yet: another editor must approve them "
                "(Helpline contact changes).",
            )

    @admin.display(description="Contact change waiting for approval")
    def pending_contact_change(self, obj):
        pending = obj.changes.pending().first() if obj and obj.pk else None
        if not pending:
            return (
                "None. Changes to the contact details below go on the site once another editor approves them."
            )
        rows = format_html_join(
            "",
            "<li>{}: {} → {}</li>",
            ((label, old or "(blank)", new or "(blank)") for label, old, new in pending.differences()),
        )
        url = reverse("admin:faqs_helplinechange_change", args=[pending.pk])
        return format_html(
            '<a href="{}">Proposed by {} on {}</a><ul class="contact-change">{}</ul>',
            url,
            pending.proposer_name(),
            when(pending.proposed_at),
            rows,
        )

    def get_queryset(self, request):
        return super().get_queryset(request).with_change_waiting()

    @admin.display(description="Change waiting", boolean=True, ordering="change_waiting")
    def waiting_for_approval(self, obj):
        return obj.change_waiting
