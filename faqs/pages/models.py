"""The help pages ("Cover your tracks", "About the exit button"): text editors keep in content/pages/, a page
of sections, each section with its own anchor so other pages and search results can link straight to it."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from faqs.markdown import render_markdown

# `###` in a page section is its first subheading: an h3 under the section's h2.
SUBHEADINGS = {"h1": "h3", "h2": "h3", "h3": "h3", "h4": "h4", "h5": "h5", "h6": "h5"}


# Pages about the site itself rather than help for readers: search counts them for less.
ABOUT_THE_SITE = ("privacy", "accessibility")


class Page(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="The page's address, /<slug>/. Never change it once published."
    )
    introduction = models.TextField(blank=True, help_text="Markdown: the text before the first section.")
    introduction_html = models.TextField(blank=True, editable=False)
    contents = models.BooleanField(default=False, help_text="List the sections at the top of the page.")
    loaded_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["introduction_html", "loaded_fingerprint"])

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.introduction_html = render_markdown(self.introduction)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(f"faqs:{self.slug.replace('-', '_')}")


class PageSection(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100, help_text="The section's anchor: /<page>/#<slug>.")
    text = models.TextField(help_text="Markdown. ### starts a subheading.")
    text_html = models.TextField(blank=True, editable=False)
    order = models.IntegerField(default=0)
    loaded_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["text_html", "loaded_fingerprint"])

    class Meta:
        ordering = ["page", "order"]
        constraints = [models.UniqueConstraint(fields=["page", "slug"], name="unique_page_section_slug")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.text_html = render_markdown(self.text, headings=SUBHEADINGS)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.page.get_absolute_url()}#{self.slug}"
