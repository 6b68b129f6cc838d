"""Pending helpline contact changes in the admin: what is proposed, by whom and when; approve or reject."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from faqs.admin_helpers import when
from faqs.helplines.approvals import APPROVE_PERMISSION, ApprovalRefused, approve, reject
from faqs.helplines.models import HelplineChange


@admin.register(HelplineChange)
class HelplineChangeAdmin(admin.ModelAdmin):
    """A record, never edited or deleted here: its one action is a decision, on its own review page."""

    list_display = ["__str__", "status", "proposed_by_name", "proposed", "decided_by", "decided"]
    list_filter = ["status"]
    list_select_related = ["helpline", "proposed_by", "decided_by"]
    search_fields = ["helpline__name"]

    @admin.display(description="Proposed by")
    def proposed_by_name(self, change):
        return change.proposer_name()

    @admin.display(description="Proposed", ordering="proposed_at")
    def proposed(self, change):
        return when(change.proposed_at)

    @admin.display(description="Decided", ordering="decided_at")
    def decided(self, change):
        return when(change.decided_at)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        change = get_object_or_404(HelplineChange.objects.select_related("helpline"), pk=object_id)
        if not self.has_view_permission(request, change):
            raise PermissionDenied
        if request.method == "POST":
            return self._decide(request, change)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": str(change),
            "change": change,
            "proposed_at": when(change.proposed_at),
            "decided_at": when(change.decided_at),
            "may_decide": change.status == HelplineChange.Status.PENDING
            and request.user.has_perm(APPROVE_PERMISSION),
            "is_proposer": change.proposed_by_id == request.user.pk,
        }
        return TemplateResponse(request, "admin/faqs/helplinechange/review.html", context)

    def _decide(self, request, change):
        decision = approve if request.POST.get("decision") == "approve" else reject
        try:
            decision(change, by=request.user)
        except ApprovalRefused as refusal:
            messages.error(request, str(refusal))
            return redirect(request.path)
        done = "approved: the new details are on the site" if decision is approve else "rejected"
        messages.success(request, f"The change to {change.helpline} was {done}.")
        return redirect(reverse("admin:faqs_helplinechange_changelist"))
