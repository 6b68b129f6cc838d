"""The guidance: guides (one FAQ document each) made of sections of questions, tagged by audience and topic."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import Tag, TagBase, TaggedItemBase

from faqs.editorial.records import Annotated, Reviewed, ReviewQuerySet, listed, replace
from faqs.markdown import render_markdown

ADDED_HELP = "When this text was added to this site (not when it was written or checked)."


class AudienceQuerySet(models.QuerySet):
    def in_order_of(self, slugs):
        """The audiences with these slugs, in the order given."""
        found = self.in_bulk(slugs, field_name="slug")
        return [found[slug] for slug in slugs]


class Audience(TagBase):
    """A controlled vocabulary: editors choose from this list, they never type a new audience."""

    description = models.CharField(max_length=200, help_text="Who this is, as a reader would put it.")
    order = models.PositiveSmallIntegerField(default=0)

    objects = AudienceQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def get_absolute_url(self):
        return reverse("faqs:audience", args=[self.slug])


class QuestionAudience(TaggedItemBase):
    content_object = models.ForeignKey("Question", on_delete=models.CASCADE)
    tag = models.ForeignKey(Audience, on_delete=models.CASCADE, related_name="tagged_questions")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_question_audience")
        ]


class QuestionTopic(TaggedItemBase):
    content_object = models.ForeignKey("Question", on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_question_topic")
        ]


class Topic(Tag):
    """Taggit's tags, which are the topics questions are tagged with: named so for editors in the admin."""

    class Meta:
        proxy = True
        ordering = ["name"]


class GuideQuerySet(ReviewQuerySet):
    def with_published_questions(self, *fields):
        """Each guide's sections in order, each holding its published questions in order; `fields` limits what
        is read of a question (a contents list needs less than the whole guide printed)."""
        published = Question.objects.published().select_related("guide")
        if fields:
            published = published.only(*fields, "section_id", "guide__slug")
        sections = Section.objects.prefetch_related(
            models.Prefetch("questions", queryset=published), "editors_notes"
        )
        return self.prefetch_related(models.Prefetch("sections", queryset=sections), "audiences")


class Guide(Reviewed, models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    original_title = models.CharField(max_length=300, help_text="The title of the document it comes from.")
    source = models.CharField(max_length=200, help_text="The organisation the guidance comes from.")
    source_url = models.URLField(blank=True)
    jurisdiction = models.CharField(max_length=100, default="England and Wales")
    introduction = models.TextField(blank=True, help_text="Markdown.")
    introduction_html = models.TextField(blank=True, editable=False)
    notes = models.TextField(blank=True, help_text="Markdown: notes about the whole guide, shown at its end.")
    notes_html = models.TextField(blank=True, editable=False)
    audiences = models.ManyToManyField(Audience, related_name="guides")
    order = models.IntegerField(default=0)
    added = models.DateField(default=timezone.localdate, help_text=ADDED_HELP)
    review_every = models.PositiveSmallIntegerField(
        "review every (months)", default=12, help_text="How often its guide and questions are due for review."
    )
    next_review = models.DateField(null=True, editable=False)
    # What `load_content` last wrote, as for a question: a guide edited in the admin since is not overwritten.
    loaded_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords(
        excluded_fields=["introduction_html", "notes_html", "next_review", "loaded_fingerprint"]
    )

    objects = GuideQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.introduction_html = render_markdown(self.introduction)
        self.notes_html = render_markdown(self.notes)
        self.next_review = self.due_for_review()
        super().save(*args, **kwargs)
        self.questions.all().refresh_next_review()  # their period is the guide's

    def get_absolute_url(self):
        return reverse("faqs:guide", args=[self.slug])

    def get_print_url(self):
        return reverse("faqs:guide_print", args=[self.slug])

    def review_period(self):
        return self.review_every

    def audience_slugs(self):
        """Its audiences in the order they were given (the order its file writes them)."""
        links = Guide.audiences.through.objects.filter(guide=self).order_by("pk")
        return list(links.values_list("audience__slug", flat=True))

    def set_audiences(self, slugs):
        self.audiences.clear()
        for audience in Audience.objects.in_order_of(slugs):  # one by one: the order added is the order kept
            self.audiences.add(audience)


class Section(Annotated, models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100)
    introduction = models.TextField(blank=True, help_text="Markdown.")
    introduction_html = models.TextField(blank=True, editable=False)
    order = models.IntegerField(default=0)
    loaded_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["introduction_html", "loaded_fingerprint"])

    class Meta:
        ordering = ["guide__order", "order"]
        constraints = [models.UniqueConstraint(fields=["guide", "slug"], name="unique_section_slug")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.introduction_html = render_markdown(self.introduction)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.guide.get_absolute_url()}#{self.slug}"


class QuestionQuerySet(ReviewQuerySet):
    def published(self):
        return self.filter(status=Question.Status.PUBLISHED)

    def for_audience(self, audience):
        """Questions for an audience, given as an `Audience` or its slug."""
        slug = getattr(audience, "slug", audience)
        return self.filter(audiences__slug=slug)

    def in_given_order(self, ids):
        """Just the questions with these ids, in the order of `ids`: a handout keeps the order its maker chose."""
        position = models.Case(*(models.When(pk=pk, then=i) for i, pk in enumerate(ids)), default=len(ids))
        return self.filter(pk__in=ids).order_by(position) if ids else self.none()

    def guides_for_audience_first(self, audience):
        """Reading order, but the guides written for `audience` before the ones it shares questions with."""
        written_for = Guide.audiences.through.objects.filter(
            guide=models.OuterRef("guide"), audience=audience
        )
        return self.annotate(written_for=models.Exists(written_for)).order_by(
            "-written_for", "guide__order", "section__order", "order"
        )


class Question(Reviewed, Annotated, models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        DRAFT = "draft", "Draft"

    # The guide is the section's guide, kept here too so a slug is unique within its guide (the URL).
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="questions", editable=False)
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField("question", max_length=400)
    slug = models.SlugField(
        max_length=100, help_text="The question's address. Never change it once published."
    )
    answer = models.TextField(help_text="Markdown.")
    answer_html = models.TextField(editable=False)
    order = models.IntegerField(default=0)
    added = models.DateField(default=timezone.localdate, help_text=ADDED_HELP)
    next_review = models.DateField(null=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    audiences = TaggableManager(
        through=QuestionAudience, related_name="questions", verbose_name="audiences", help_text=""
    )
    topics = TaggableManager(through=QuestionTopic, related_name="questions", blank=True, help_text="")
    # Chosen by editors, up to three, from any guide; kept in the order chosen.
    related = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="related_from")
    updated_at = models.DateTimeField(auto_now=True)
    # Fingerprint of the question as `load_content` last wrote it: a different fingerprint now means an editor
    # changed it in the admin since, and the loader must not silently overwrite that.
    loaded_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords(
        excluded_fields=["answer_html", "updated_at", "next_review", "loaded_fingerprint"]
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["guide__order", "section__order", "order"]
        constraints = [models.UniqueConstraint(fields=["guide", "slug"], name="unique_question_slug")]

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        self.guide_id = self.section.guide_id
        self.answer_html = render_markdown(self.answer)
        self.next_review = self.due_for_review()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("faqs:question", args=[self.guide.slug, self.slug])

    def audience_slugs(self):
        """Its audiences in the order they were given (the order its file writes them)."""
        return list(self.questionaudience_set.order_by("pk").values_list("tag__slug", flat=True))

    def topic_names(self):
        """Its topics in the order they were given."""
        return list(self.questiontopic_set.order_by("pk").values_list("tag__name", flat=True))

    def set_audiences(self, slugs):
        self.audiences.set(Audience.objects.in_order_of(slugs), clear=True)

    def review_period(self):
        return self.section.guide.review_every

    @property
    def key(self):
        """How the content files name it: `guide/slug`."""
        return f"{self.guide.slug}/{self.slug}"

    def related_keys(self):
        links = Question.related.through.objects.filter(from_question=self).order_by("pk")
        return [f"{g}/{s}" for g, s in links.values_list("to_question__guide__slug", "to_question__slug")]

    def set_related(self, keys):
        """Relate these questions in this order; a key naming no question yet is left out (the loader sets
        the list again once every question exists)."""
        self.related.clear()
        for key in keys:
            guide, _, slug = key.partition("/")
            found = Question.objects.filter(guide__slug=guide, slug=slug).first()
            if found:
                self.related.add(found)

    def published_related(self):
        """The related questions readers can see, in the editors' order."""
        links = Question.related.through.objects.filter(from_question=self, to_question__status="published")
        return [link.to_question for link in links.select_related("to_question__guide").order_by("pk")]

    def change_note_list(self):
        return listed(self.change_notes, "date", "text")

    def set_change_notes(self, items):
        replace(self.change_notes, items, "date", "text")

    def set_topics(self, names):
        self.topics.set(list(names), clear=True)
