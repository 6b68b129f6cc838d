from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from faqs.admin_helpers import SlugFixedOnceSavedMixin
from faqs.guides.admin_forms import AudienceChoiceField
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
    list_display = ["name", "group", "phone", "always_open", "last_checked"]
    list_filter = ["group", "audiences", "always_open"]
    search_fields = ["name", "description", "phone", "source"]
    ordering = ["group", "order", "name"]
