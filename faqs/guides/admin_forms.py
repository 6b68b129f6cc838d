"""The admin's forms: what an editor saves must load again from the markdown that `export_content` writes.

So text is checked against the content format's rules here, at the moment an editor can fix it, rather than
when the files are next loaded: slugs in the format's shape, no headings that would start a new section or
question, code blocks closed, links only to pages this site has. Audiences come from the controlled list.
"""

from django import forms
from django.core.exceptions import ValidationError

from faqs.content.fields import RELATED_LIMIT, words
from faqs.content.format import SLUG, structure_problems
from faqs.content.links import Pages, link_problems
from faqs.guides.models import Audience, Guide, Question, Section


def normalise_newlines(text):
    """Browsers send a textarea's lines ending in \\r\\n; the content files (and fingerprints) use \\n."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def markdown_problems(text):
    """What in `text` would break the content format when it is exported and loaded again."""
    return structure_problems(text, deepest=3) + link_problems(text, Pages.in_database())


class MarkdownField(forms.CharField):
    widget = forms.Textarea

    def to_python(self, value):
        return normalise_newlines(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        problems = markdown_problems(value)
        if problems:
            raise ValidationError(problems)


def check_slug(slug):
    if not SLUG.match(slug):
        raise ValidationError("Use lowercase letters, digits and hyphens only, for example 'my-question'.")
    return slug


class AudienceChoiceField(forms.ModelMultipleChoiceField):
    """The controlled list as checkboxes: editors choose audiences, they never type one."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=Audience.objects.all(), **kwargs)

    def label_from_instance(self, audience):
        return audience.description or audience.name


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, section):
        return f"{section.guide.title}: {section.title}"


class GuideForm(forms.ModelForm):
    introduction = MarkdownField(required=False, help_text="Markdown, shown at the top of the guide.")
    notes = MarkdownField(
        required=False, help_text="Markdown: notes about the whole guide, shown at its end."
    )
    audiences = AudienceChoiceField(help_text="Every question is for these unless it names its own.")

    class Meta:
        model = Guide
        fields = [
            "title",
            "slug",
            "original_title",
            "source",
            "source_url",
            "jurisdiction",
            "order",
            "audiences",
            "added",
            "review_every",
            "introduction",
            "notes",
        ]

    def clean_slug(self):
        return check_slug(self.cleaned_data["slug"])


class SectionForm(forms.ModelForm):
    introduction = MarkdownField(required=False, help_text="Markdown (optional).")

    class Meta:
        model = Section
        fields = ["guide", "title", "slug", "order", "introduction"]

    def clean_slug(self):
        return check_slug(self.cleaned_data["slug"])


class RelatedChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, question):
        return f"{question.guide.title}: {question.text}"


class QuestionForm(forms.ModelForm):
    section = SectionChoiceField(queryset=Section.objects.select_related("guide"))
    answer = MarkdownField(
        help_text="Markdown. Subheadings start with ####. Link to this site's pages by their address, "
        "for example /helplines/#domestic-abuse-support."
    )
    audiences = AudienceChoiceField()
    topics = forms.CharField(
        required=False, help_text="Comma-separated, in plain words: child protection, court orders."
    )
    related = RelatedChoiceField(
        queryset=Question.objects.select_related("guide"),
        required=False,
        help_text=f"Up to {RELATED_LIMIT} questions from any guide, shown on this question's page.",
    )

    class Meta:
        model = Question
        fields = [
            "section",
            "text",
            "slug",
            "status",
            "answer",
            "audiences",
            "topics",
            "added",
            "order",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["topics"] = ", ".join(self.instance.topic_names())
            self.initial["related"] = list(self.instance.related.values_list("pk", flat=True))

    def clean_slug(self):
        return check_slug(self.cleaned_data["slug"])

    def clean_topics(self):
        return words(self.cleaned_data["topics"])

    def clean_related(self):
        related = self.cleaned_data["related"]
        if len(related) > RELATED_LIMIT:
            raise ValidationError(f"Choose at most {RELATED_LIMIT} related questions.")
        if self.instance.pk and self.instance in related:
            raise ValidationError("A question cannot be related to itself.")
        return related

    def clean(self):
        cleaned = super().clean()
        section, slug = cleaned.get("section"), cleaned.get("slug")
        # The database constraint is on (guide, slug) and the guide follows the section, so the model form
        # cannot check it: check it here rather than fail on save.
        if section and slug:
            taken = Question.objects.filter(guide=section.guide_id, slug=slug).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("slug", f"Another question in “{section.guide}” already has this address.")
        return cleaned
