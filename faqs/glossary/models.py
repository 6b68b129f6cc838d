"""The glossary: terms the guidance uses and explains, each explained by a quote of the guidance itself.

We never write a definition. A term's explanation is words copied from the place on this site that explains it
(`source`), and the loader and the admin refuse a quote that place does not say (faqs/glossary/places.py).
"""

from functools import reduce
from operator import and_

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from faqs.markdown import render_markdown


class GlossaryTermQuerySet(models.QuerySet):
    def alphabetical(self):
        return self.order_by(Lower("name"), "slug")

    def matching(self, words):
        """Terms whose name, other forms or quote contain every one of `words` (for search)."""
        words = [word for word in words if word.strip()]
        if not words:
            return self.none()
        each = [
            models.Q(name__icontains=w) | models.Q(also__icontains=w) | models.Q(quote__icontains=w)
            for w in words
        ]
        return self.filter(reduce(and_, each))

    def forms_by_slug(self):
        """((slug, source, (name, other forms...)), ...) in one query: what linking terms in a page needs."""
        rows = self.order_by("slug").values_list("slug", "source", "name", "also")
        return tuple((slug, source, (name, *split_forms(also))) for slug, source, name, also in rows)


def split_forms(also):
    return [form.strip() for form in also.split(",") if form.strip()]


class GlossaryTerm(models.Model):
    name = models.CharField(max_length=200, help_text="The term as the guidance writes it.")
    slug = models.SlugField(max_length=100, unique=True, help_text="Its id on the glossary page.")
    also = models.CharField(
        "other forms",
        max_length=300,
        blank=True,
        help_text="Other ways the guidance writes it, comma-separated: plurals, abbreviations.",
    )
    source = models.CharField(
        max_length=300,
        help_text="Where the guidance explains it: a question's address (/guides/mothers/clares-law/) or a "
        "section's (/guides/mothers/#getting-help-early).",
    )
    quote = models.TextField(help_text="Markdown: the guidance's own words, copied exactly from the source.")
    quote_html = models.TextField(blank=True, editable=False)
    order = models.IntegerField(default=0)
    loaded_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["quote_html", "loaded_fingerprint"])

    objects = GlossaryTermQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.quote_html = render_markdown(self.quote)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{reverse('faqs:glossary')}#{self.slug}"

    def forms(self):
        """The term and every other form of it, as written."""
        return [self.name, *split_forms(self.also)]
