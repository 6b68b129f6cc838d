"""The guidance: guides (one FAQ document each) made of sections of questions, tagged by audience and topic."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import Tag, TagBase, TaggedItemBase

from faqs.markdown import render_markdown
from faqs.opening_hours import HoursError, describe_hours, opening_status, parse_hours
from faqs.phone_numbers import phone_problem


class Audience(TagBase):
    """A controlled vocabulary: editors choose from this list, they never type a new audience."""

    description = models.CharField(max_length=200, help_text="Who this is, as a reader would put it.")
    order = models.PositiveSmallIntegerField(default=0)

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

    def in_reading_order(self):
        return self.order_by("guide__order", "section__order", "order")

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


class HelplineQuerySet(models.QuerySet):
    def for_audience(self, audience):
        """Helplines for an audience, given as an `Audience` or its slug."""
        return self.filter(audiences__slug=getattr(audience, "slug", audience))

    def in_directory_order(self):
        """Grouped as the directory lists them (emergency first), then in each group's own order."""
        groups = [models.When(group=value, then=index) for index, value in enumerate(Helpline.Group.values)]
        return self.order_by(models.Case(*groups, default=len(groups)), "order", "name")


class Helpline(models.Model):
    """A service in the helpline directory. Publish only numbers and hours confirmed by a named source."""

    class Group(models.TextChoices):
        EMERGENCY = "emergency", "Emergency"
        LEGAL = "legal-and-social-care-advice", "Legal and social care advice"
        DOMESTIC_ABUSE = "domestic-abuse-support", "Domestic abuse support"
        CHILD = "worried-about-a-child", "Worried about a child"
        PROFESSIONALS = "for-professionals", "For professionals"
        IMMIGRATION = "immigration", "Immigration"
        HOUSING_AND_MONEY = "housing-and-money", "Housing and money"
        STOPPING_ABUSE = "stopping-abuse", "For people who want to stop being abusive"
        EMOTIONAL = "emotional-support", "Emotional support"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    group = models.CharField(max_length=40, choices=Group.choices)
    description = models.TextField(help_text="Markdown: what it is for and who can call, in our own words.")
    description_html = models.TextField(blank=True, editable=False)
    phone = models.CharField(
        max_length=40, blank=True, help_text="Only a confirmed number. Leave blank if not."
    )
    textphone = models.CharField(max_length=40, blank=True)
    text_number = models.CharField("text (SMS)", max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    other_contact = models.CharField(max_length=300, blank=True, help_text="Chat, forms, BSL and so on.")
    always_open = models.BooleanField(default=False)
    # [{"days": "mon-fri", "opens": "09:30", "closes": "15:00"}, ...] in Europe/London time. Empty when hours
    # are not confirmed: the page then says to check their website.
    hours = models.JSONField(default=list, blank=True)
    closed_on_bank_holidays = models.BooleanField(default=False)
    hours_note = models.CharField(max_length=200, blank=True)
    free_to_call = models.CharField(max_length=100, blank=True, help_text='For example "Free" or blank.')
    area = models.CharField(max_length=100, blank=True)
    audiences = models.ManyToManyField(Audience, related_name="helplines", blank=True)
    source = models.CharField(max_length=300)
    last_checked = models.DateField()
    order = models.IntegerField(default=0)
    # As on questions: what `load_content` last wrote, so an edit made in the admin since is never overwritten.
    loaded_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["description_html", "loaded_fingerprint"])

    objects = HelplineQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.description_html = render_markdown(self.description)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {
            name: phone_problem(getattr(self, name), sms=name == "text_number")
            for name in ("phone", "textphone", "text_number")
            if getattr(self, name)
        }
        try:
            parse_hours(self.hours)
        except HoursError as error:
            errors["hours"] = str(error)
        errors = {name: problem for name, problem in errors.items() if problem}
        if errors:
            raise ValidationError(errors)

    def opening_status(self, now):
        """Open or closed at `now`, from the hours; None when the hours are not known."""
        return opening_status(
            now,
            self.hours,
            always_open=self.always_open,
            closed_on_bank_holidays=self.closed_on_bank_holidays,
        )

    def hours_text(self):
        return describe_hours(self.hours, closed_on_bank_holidays=self.closed_on_bank_holidays)
