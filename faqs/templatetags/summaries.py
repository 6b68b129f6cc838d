"""`summary`: the start of a piece of rendered guidance as plain text, for a page's meta description."""

import html

from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator

register = template.Library()


@register.filter
def summary(rendered_html, words=30):
    """Its own words, markup and entities removed (the template escapes it once), cut at a word boundary."""
    return Truncator(html.unescape(strip_tags(rendered_html))).words(words)
