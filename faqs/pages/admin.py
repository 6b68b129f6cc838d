from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from faqs.admin_helpers import SlugFixedOnceSavedMixin, rendered
from faqs.content.format import structure_problems
from faqs.content.links import Pages, link_problems
from faqs.guides.admin_forms import normalise_newlines
from faqs.pages.models import Page, PageSection


class PageSectionForm(forms.ModelForm):
    class Meta:
        model = PageSection
        fields = ["page", "title", "slug", "text", "order"]

    def clean_text(self):
        """What would not load again once exported: a `#`/`##` heading (the file's own), a bad link."""
        text = normalise_newlines(self.cleaned_data["text"])
        problems = structure_problems(text, deepest=2) + link_problems(text, Pages.in_database())
        if problems:
            raise ValidationError(problems)
        return text


@admin.register(Page)
class PageAdmin(SlugFixedOnceSavedMixin, SimpleHistoryAdmin):
    list_display = ["title", "slug"]
    fields = ["title", "slug", "introduction", "contents"]


@admin.register(PageSection)
class PageSectionAdmin(SlugFixedOnceSavedMixin, SimpleHistoryAdmin):
    form = PageSectionForm
    list_display = ["title", "page", "order"]
    list_filter = ["page"]
    ordering = ["page", "order"]
    readonly_fields = ["preview"]

    @admin.display(description="As readers see it")
    def preview(self, section):
        return rendered(section.text_html)
