"""The helpline directory: services with confirmed numbers and opening hours, grouped by need."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from faqs.guides.models import Audience
from faqs.helplines.opening_hours import HoursError, describe_hours, opening_status, parse_hours
from faqs.helplines.phone_numbers import phone_problem
from faqs.markdown import render_markdown


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

    def get_absolute_url(self):
        """Its entry in the directory (templates/helplines/directory.html gives each helpline its slug as id)."""
        return reverse("faqs:helplines") + f"#{self.slug}"

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

    def audience_slugs(self):
        """Its audiences in the controlled list's order (how its file writes them)."""
        return [audience.slug for audience in self.audiences.all()]

    def set_audiences(self, slugs):
        self.audiences.set(Audience.objects.in_order_of(slugs))

    def hours_text(self):
        return describe_hours(self.hours, closed_on_bank_holidays=self.closed_on_bank_holidays)
