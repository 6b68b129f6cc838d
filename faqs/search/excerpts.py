"""Excerpts with the matched words marked, made safe for HTML.

The databases mark matches with two private-use characters (readers' input never contains them: `clean_query`
removes them). The marked text is escaped first; only then do the markers become <mark> elements, so nothing
from the content or the query is ever put into the page unescaped.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

START, STOP = "\ue000", "\ue001"
MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
MARKERS = re.compile(f"[{START}{STOP}]")

# Markdown that reads badly out of context: link targets (whole, or cut off at either end of the passage),
# emphasis and heading marks, list bullets.
LINK_TARGET = re.compile(r"\]\([^)\s]*\)|\]\([^)\s]*$|^[^\s(]*/[^\s(]*\)")
SYMBOLS = re.compile(r"[*\[\]`|]+|(?<!\w)_+|_+(?!\w)|^[ \t]*(?:#+|>|[-+]|\d+\.)(?=\s)", re.MULTILINE)


def plain(markdown):
    return " ".join(SYMBOLS.sub(" ", LINK_TARGET.sub("", markdown)).split())


def marked_html(text, *, markdown=False):
    """`text` with START/STOP markers, as safe HTML with <mark> elements."""
    text = plain(text) if markdown else " ".join(text.split())
    html = MARKED.sub(r"<mark>\1</mark>", escape(text))
    return mark_safe(MARKERS.sub("", html))
