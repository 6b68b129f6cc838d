"""The glossary in the admin: the same checks as loading, against the guidance as the database has it now, so
an editor cannot save an explanation the guidance does not give."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from faqs.admin_helpers import SlugFixedOnceSavedMixin, rendered
from faqs.content.fields import words
from faqs.glossary.models import GlossaryTerm, split_forms
from faqs.glossary.places import Places
from faqs.guides.admin_forms import MarkdownField, check_slug


class GlossaryTermForm(forms.ModelForm):
    quote = MarkdownField(help_text=GlossaryTerm._meta.get_field("quote").help_text)

    class Meta:
        model = GlossaryTerm
        fields = ["name", "slug", "also", "source", "quote", "order"]

    def clean_slug(self):
        return check_slug(self.cleaned_data["slug"])

    def clean_also(self):
        return ", ".join(words(self.cleaned_data["also"]))  # as the file writes it

    def clean(self):
        data = super().clean()
        if not all(data.get(name) for name in ("name", "source", "quote")):
            return data
        forms_ = [data["name"], *split_forms(data.get("also", ""))]
        for field, problem in Places.in_database().problems(data["source"], data["quote"], forms_):
            self.add_error(field, problem)
        return data


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(SlugFixedOnceSavedMixin, SimpleHistoryAdmin):
    form = GlossaryTermForm
    list_display = ["name", "also", "source"]
    search_fields = ["name", "also", "quote", "source"]
    ordering = ["name"]
    readonly_fields = ["quote_preview"]
    fields = [*GlossaryTermForm.Meta.fields[:-2], "quote", "quote_preview", "order"]

    @admin.display(description="Quote (as saved)")
    def quote_preview(self, term):
        return rendered(term.quote_html)
