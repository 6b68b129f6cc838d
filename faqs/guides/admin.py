"""The editors' admin. Every model keeps its history (django-simple-history): who changed what and when, and
"Revert" to any earlier version. Audiences are a controlled list: editors may reword them, never add or remove.

A question's answer is previewed on the server: "Preview (as saved)" shows the saved answer as readers see it,
and "Preview the answer" renders what is in the form, unsaved, in a new tab - no script involved.
Drafts have no "View on site": the public site does not show them (to anyone), so the preview is the way to
see one.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin
from taggit.models import Tag

from faqs.admin_helpers import SlugFixedOnceSavedMixin, rendered
from faqs.editorial.admin import (
    ChangeNoteInline,
    EditorsNoteInline,
    RecordsReviews,
    ReviewInline,
    ReviewStatusFilter,
)
from faqs.guides.admin_forms import (
    GuideForm,
    QuestionForm,
    SectionForm,
    markdown_problems,
    normalise_newlines,
)
from faqs.guides.models import Audience, Guide, Question, Section, Topic
from faqs.markdown import render_markdown


@admin.register(Audience)
class AudienceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "description", "order"]
    fields = ["name", "slug", "description", "order"]
    readonly_fields = ["slug"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Topics are taggit's tags: shown once, as topics, with the number of questions for each.
admin.site.unregister(Tag)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "question_count"]
    search_fields = ["name"]
    ordering = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_count=Count("faqs_questiontopic_items"))

    @admin.display(description="questions", ordering="question_count")
    def question_count(self, tag):
        return tag.question_count


@admin.register(Guide)
class GuideAdmin(RecordsReviews, SlugFixedOnceSavedMixin, SimpleHistoryAdmin):
    form = GuideForm
    list_display = ["title", "slug", "order", "added", "next_review", "source"]
    list_filter = ["audiences", ReviewStatusFilter]
    search_fields = ["title", "original_title", "source", "introduction", "notes"]
    ordering = ["order", "title"]
    actions = ["record_review"]
    inlines = [ReviewInline]
    readonly_fields = ["next_review", "introduction_preview"]
    # The form's fields, with the next review date by the period and the preview under the introduction.
    fields = [
        *(name for name in GuideForm.Meta.fields if name not in ("introduction", "notes")),
        "next_review",
        "introduction",
        "introduction_preview",
        "notes",
    ]

    @admin.display(description="Introduction (as saved)")
    def introduction_preview(self, guide):
        return rendered(guide.introduction_html)


@admin.register(Section)
class SectionAdmin(SlugFixedOnceSavedMixin, SimpleHistoryAdmin):
    form = SectionForm
    list_display = ["title", "guide", "order", "slug"]
    list_filter = ["guide"]
    list_select_related = ["guide"]
    search_fields = ["title", "introduction"]
    ordering = ["guide__order", "order"]
    fields = ["guide", "title", "slug", "order", "introduction"]
    inlines = [EditorsNoteInline]

    def get_readonly_fields(self, request, obj=None):
        # Its questions belong to its guide too (their addresses): a section does not move between guides.
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "guide") if obj else fields


class AudienceFilter(admin.SimpleListFilter):
    title = "audience"
    parameter_name = "audience"

    def lookups(self, request, model_admin):
        return [(a.slug, a.name) for a in Audience.objects.all()]

    def queryset(self, request, queryset):
        return queryset.for_audience(self.value()) if self.value() else queryset


class TopicFilter(admin.SimpleListFilter):
    title = "topic"
    parameter_name = "topic"

    def lookups(self, request, model_admin):
        topics = Topic.objects.filter(faqs_questiontopic_items__isnull=False).distinct()
        return [(t.slug, t.name) for t in topics]

    def queryset(self, request, queryset):
        return queryset.filter(topics__slug=self.value()) if self.value() else queryset


@admin.register(Question)
class QuestionAdmin(RecordsReviews, SlugFixedOnceSavedMixin, SimpleHistoryAdmin):
    form = QuestionForm
    list_display = ["text", "section_title", "status", "next_review", "on_site"]
    list_filter = ["status", ReviewStatusFilter, AudienceFilter, "guide", TopicFilter]
    list_select_related = ["guide", "section"]
    search_fields = ["text", "answer", "slug", "editors_notes__text", "change_notes__text"]
    ordering = ["guide__order", "section__order", "order"]
    actions = ["publish", "make_draft", "record_review"]
    inlines = [EditorsNoteInline, ChangeNoteInline, ReviewInline]
    readonly_fields = ["answer_preview", "next_review"]
    history_list_display = ["status"]
    fieldsets = [
        (None, {"fields": ["section", "text", "slug", "status"]}),
        ("Answer", {"fields": ["answer", "answer_preview"]}),
        ("Who it is for", {"fields": ["audiences", "topics", "related"]}),
        (None, {"fields": ["added", "next_review", "order"]}),
    ]

    @admin.display(description="section", ordering="section__title")
    def section_title(self, question):
        return question.section.title  # not the "section" column: Django keeps those on one line

    def view_on_site(self, question):
        return question.get_absolute_url() if question.status == Question.Status.PUBLISHED else None

    @admin.display(description="on the site")
    def on_site(self, question):
        url = self.view_on_site(question)
        return format_html('<a href="{}">View on site</a>', url) if url else "Draft: not on the site"

    @admin.display(description="Preview (as saved)")
    def answer_preview(self, question):
        return rendered(question.answer_html)

    @admin.action(description="Publish the selected questions")
    def publish(self, request, queryset):
        self.set_status(request, queryset, Question.Status.PUBLISHED)

    @admin.action(description="Make the selected questions drafts (take them off the site)")
    def make_draft(self, request, queryset):
        self.set_status(request, queryset, Question.Status.DRAFT)

    def set_status(self, request, queryset, status):
        # One save per question, not queryset.update(): each change goes into the history.
        for question in queryset.exclude(status=status):
            question.status = status
            question.save()
        self.message_user(request, f"{queryset.count()} questions are now {status}.")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        topics = form.cleaned_data["topics"]
        if form.instance.topic_names() != topics:  # keep the order the editor wrote them in
            form.instance.topics.set(topics, clear=True)
        related = [question.key for question in form.cleaned_data["related"]]
        if set(form.instance.related_keys()) != set(related):  # unchanged, the files' order stays
            form.instance.set_related(related)

    def get_urls(self):
        preview = path(
            "preview/", self.admin_site.admin_view(self.preview_view), name="faqs_question_preview"
        )
        return [preview, *super().get_urls()]

    def preview_view(self, request):
        """The answer posted from the change form, rendered and sanitised exactly as saving would."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        answer = normalise_newlines(request.POST.get("answer", ""))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": request.POST.get("text") or "Preview",
            "answer_html": render_markdown(answer),
            "problems": markdown_problems(answer),
        }
        return TemplateResponse(request, "admin/faqs/question/preview.html", context)
