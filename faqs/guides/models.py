"""The guidance: guides (one FAQ document each) made of sections of questions, tagged by audience and topic."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import Tag, TagBase, TaggedItemBase

from faqs.markdown import render_markdown


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


class GuideQuerySet(models.QuerySet):
    def with_published_questions(self, *fields):
        """Each guide's sections in order, each holding its published questions in order; `fields` limits what
        is read of a question (a contents list needs less than the whole guide printed)."""
        published = Question.objects.published().select_related("guide")
        if fields:
            published = published.only(*fields, "section_id", "guide__slug")
        sections = Section.objects.prefetch_related(models.Prefetch("questions", queryset=published))
        return self.prefetch_related(models.Prefetch("sections", queryset=sections), "audiences")


class Guide(models.Model):
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
    last_reviewed = models.DateField()
    # What `load_content` last wrote, as for a question: a guide edited in the admin since is not overwritten.
    loaded_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["introduction_html", "notes_html", "loaded_fingerprint"])

    objects = GuideQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.introduction_html = render_markdown(self.introduction)
        self.notes_html = render_markdown(self.notes)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("faqs:guide", args=[self.slug])

    def get_print_url(self):
        return reverse("faqs:guide_print", args=[self.slug])

    def audience_slugs(self):
        """Its audiences in the order they were given (the order its file writes them)."""
        links = Guide.audiences.through.objects.filter(guide=self).order_by("pk")
        return list(links.values_list("audience__slug", flat=True))

    def set_audiences(self, slugs):
        self.audiences.clear()
        for audience in Audience.objects.in_order_of(slugs):  # one by one: the order added is the order kept
            self.audiences.add(audience)


class Section(models.Model):
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


class QuestionQuerySet(models.QuerySet):
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


class Question(models.Model):
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
    last_reviewed = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    audiences = TaggableManager(
        through=QuestionAudience, related_name="questions", verbose_name="audiences", help_text=""
    )
    topics = TaggableManager(through=QuestionTopic, related_name="questions", blank=True, help_text="")
    updated_at = models.DateTimeField(auto_now=True)
    # Fingerprint of the question as `load_content` last wrote it: a different fingerprint now means an editor
    # changed it in the admin since, and the loader must not silently overwrite that.
    loaded_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["answer_html", "updated_at", "loaded_fingerprint"])

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["guide__order", "section__order", "order"]
        constraints = [models.UniqueConstraint(fields=["guide", "slug"], name="unique_question_slug")]

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        self.guide_id = self.section.guide_id
        self.answer_html = render_markdown(self.answer)
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

    def set_topics(self, names):
        self.topics.set(list(names), clear=True)
