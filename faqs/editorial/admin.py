"""The editors' admin for reviews, editors' notes, change notes and the site notice.

Reviews, notes and change notes are edited where they belong, inline on their guide, section or question (and
listed on their own, with their history). "Record a review" is an action on a list of guides or questions: it
asks for the date and who reviewed, then records one review of each, each in the history. Nothing here reaches
any other site.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from faqs.content.editorial import text_problems
from faqs.content.links import Pages, link_problems
from faqs.editorial.models import ChangeNote, EditorsNote, Review, SiteNotice
from faqs.editorial.records import REVIEW_STATUSES


def check(problems):
    if problems:
        raise ValidationError(problems)


def checked_reviewer(by):
    check(["“]” cannot be used here: it ends the review's line in the content files"] if "]" in by else [])
    return by


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["date", "by"]

    def clean_by(self):
        return checked_reviewer(self.cleaned_data["by"])


class EditorsNoteForm(forms.ModelForm):
    class Meta:
        model = EditorsNote
        fields = ["added", "text"]

    def clean_text(self):
        text = self.cleaned_data["text"].replace("\r\n", "\n").replace("\r", "\n")
        check(text_problems(text) + link_problems(text, Pages.in_database()))
        return text


class ChangeNoteForm(forms.ModelForm):
    class Meta:
        model = ChangeNote
        fields = ["date", "text"]

    def clean_text(self):
        text = self.cleaned_data["text"]
        check(text_problems(text, one_line=True))
        return text


class ReviewInline(admin.TabularInline):
    model = Review
    form = ReviewForm
    extra = 0
    verbose_name_plural = "reviews (recorded by editors; the latest is shown on the page)"


class EditorsNoteInline(admin.StackedInline):
    model = EditorsNote
    form = EditorsNoteForm
    extra = 0
    verbose_name_plural = "notes from the editors (shown apart from the source's text)"


class ChangeNoteInline(admin.TabularInline):
    model = ChangeNote
    form = ChangeNoteForm
    extra = 0
    verbose_name_plural = "public change notes (the latest is shown as “Updated <date>: <note>”)"


class ReviewStatusFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [(status, label.capitalize()) for status, label in REVIEW_STATUSES]

    def queryset(self, request, queryset):
        if self.value() not in dict(REVIEW_STATUSES):
            return queryset
        return queryset.review_status(self.value(), timezone.localdate()).distinct()


class RecordReviewForm(forms.Form):
    date = forms.DateField(initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"}))
    by = forms.CharField(
        label="Reviewed by",
        max_length=200,
        help_text="A role or a name, as readers will see it: for example “Family Rights Group editor”.",
    )

    def clean_by(self):
        return checked_reviewer(self.cleaned_data["by"])


class RecordsReviews:
    """A ModelAdmin mixin for guides and questions: the "Record a review" action and the review filter."""

    @admin.action(description="Record a review of the selected %(verbose_name_plural)s")
    def record_review(self, request, queryset):
        form = RecordReviewForm(request.POST if "record" in request.POST else None)
        if form.is_valid():
            owner = self.model._meta.model_name
            for item in queryset:
                Review.objects.create(**{owner: item}, **form.cleaned_data)
            self.message_user(
                request, f"Recorded a review of {queryset.count()} {self.opts.verbose_name_plural}."
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Record a review",
            "form": form,
            "queryset": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/faqs/record_review.html", context)


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    form = ReviewForm
    list_display = ["__str__", "guide", "question"]
    list_select_related = ["guide", "question"]
    search_fields = ["by", "guide__title", "question__text"]
    date_hierarchy = "date"

    def has_add_permission(self, request):
        return False  # a review is recorded on what it reviews: its page, or the action on a list


@admin.register(EditorsNote)
class EditorsNoteAdmin(SimpleHistoryAdmin):
    form = EditorsNoteForm
    list_display = ["__str__", "section", "question"]
    list_select_related = ["section", "question"]
    search_fields = ["text"]

    def has_add_permission(self, request):
        return False  # added on the section or question it is about


@admin.register(ChangeNote)
class ChangeNoteAdmin(SimpleHistoryAdmin):
    form = ChangeNoteForm
    list_display = ["__str__", "question"]
    list_select_related = ["question"]
    search_fields = ["text"]

    def has_add_permission(self, request):
        return False  # added on the question it is about


@admin.register(SiteNotice)
class SiteNoticeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__"]

    def has_add_permission(self, request):
        return not SiteNotice.objects.exists()  # one at a time: delete it to take it off the site
