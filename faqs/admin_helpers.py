"""What every area's admin shares."""

from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def rendered(html):
    """Markdown the model has already rendered and sanitised (faqs.markdown), shown as readers see it."""
    return format_html('<div class="markdown-preview">{}</div>', mark_safe(html)) if html else "-"


class SlugFixedOnceSavedMixin:
    """Addresses are printed and shared: once saved, a slug cannot be changed here."""

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "slug") if obj else fields


def when(moment):
    """A moment as editors read it: London time, to the minute."""
    return formats.date_format(timezone.localtime(moment), "j F Y, H:i") if moment else "-"
