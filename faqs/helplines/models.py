"""The helpline directory: services with confirmed numbers and opening hours, grouped by need."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from faqs.guides.models import Audience
from faqs.helplines.opening_hours import HoursError, describe_hours, opening_status, parse_hours
from faqs.helplines.phone_numbers import phone_problem
from faqs.markdown import render_markdown

# The key services the printed helplines box lists after the emergency numbers, by slug: the one place to change
# which services every printout names. A slug not in content/helplines.md, or without a confirmed number, is
# simply left out.
PRINT_BOX_SLUGS = (
    "national-domestic-abuse-helpline",
    "live-fear-free",
    "family-rights-group-advice-line",
    "nspcc-helpline",
)


class HelplineQuerySet(models.QuerySet):
    def for_audience(self, audience):
        """Helplines for an audience, given as an `Audience` or its slug."""
        return self.filter(audiences__slug=getattr(audience, "slug", audience))

    def in_directory_order(self):
        """Grouped as the directory lists them (emergency first), then in each group's own order."""
        groups = [models.When(group=value, then=index) for index, value in enumerate(Helpline.Group.values)]
        return self.order_by(models.Case(*groups, default=len(groups)), "order", "name")

    def for_print_box(self):
        """The small box on every printout: the emergency group and the key services, confirmed numbers only
        (an empty phone is a number we have not confirmed)."""
        chosen = models.Q(group=Helpline.Group.EMERGENCY) | models.Q(slug__in=PRINT_BOX_SLUGS)
        return self.filter(chosen).exclude(phone="").in_directory_order()

    def with_change_waiting(self):
        """Each with `change_waiting`: whether new contact details wait for approval."""
        waiting = HelplineChange.objects.pending().filter(helpline=models.OuterRef("pk"))
        return self.annotate(change_waiting=models.Exists(waiting))


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


class HelplineChangeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=HelplineChange.Status.PENDING)


class HelplineChange(models.Model):
    """New contact details for a helpline, held until a second editor approves them (faqs/helplines/approvals.py).

    Rows are never deleted: together they are the record of who proposed what, when, and who decided.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SUPERSEDED = "superseded", "Replaced by a later proposal"

    helpline = models.ForeignKey(Helpline, on_delete=models.CASCADE, related_name="changes")
    values = models.JSONField(help_text="The proposed contact details.")
    confirmed_before = models.JSONField(help_text="The confirmed details when it was proposed.")
    source = models.CharField(max_length=100, help_text='"the admin" or the content file it came from.')
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = HelplineChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        permissions = [("approve_helplinechange", "Can approve or reject a helpline contact change")]
        constraints = [
            models.UniqueConstraint(
                fields=["helpline"],
                condition=models.Q(status="pending"),
                name="one_pending_change_per_helpline",
            )
        ]

    def __str__(self):
        return f"New contact details for {self.helpline}"

    def proposer_name(self):
        return self.proposed_by.get_username() if self.proposed_by else f"the content files ({self.source})"

    def differences(self):
        """(field label, confirmed, proposed) for each detail this change would alter."""
        return [
            (Helpline._meta.get_field(name).verbose_name, self.confirmed_before.get(name, ""), value)
            for name, value in self.values.items()
            if value != self.confirmed_before.get(name, "")
        ]
