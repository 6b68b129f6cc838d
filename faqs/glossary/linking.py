"""Linking a page's first use of each glossary term to its entry, at render time (nothing stored).

Works on the sanitised HTML that faqs.markdown makes: text inside links, headings and code is left alone, and
each term is linked once, where it is first used. One pattern is compiled per state of the glossary and kept.
"""

import html
import re
from functools import lru_cache

from django.urls import reverse

# The same word may be typed with a straight or a curly apostrophe, or come out of the sanitiser escaped.
CURLY_APOSTROPHE = "\u2019"
APOSTROPHE = r"(?:'|\u2019|&\#x27;|&\#39;)"
# "pre-proceedings" and "pre proceedings" are one form, and words may be split across lines.
GAP = r"[\s\-\u2010]+"
LEFT_ALONE = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre"}
TAG = re.compile(r"(<[^>]*>)")
TAG_NAME = re.compile(r"<(/?)([a-zA-Z0-9]+)")
PARTS = re.compile(rf"({GAP}|['{CURLY_APOSTROPHE}])")


def form_regex(form):
    return "".join(
        GAP if re.fullmatch(GAP, part) else APOSTROPHE if part in ("'", CURLY_APOSTROPHE) else re.escape(part)
        for part in PARTS.split(form.strip())
        if part
    )


def terms_pattern(forms):
    """One pattern matching any of `forms` as whole words, longest first, whatever the capitals."""
    ordered = sorted({form.strip() for form in forms if form.strip()}, key=len, reverse=True)
    return re.compile(r"(?<![\w\-])(?:" + "|".join(form_regex(f) for f in ordered) + r")(?![\w\-])", re.I)


def form_key(text):
    """What two ways of writing one form have in common."""
    text = html.unescape(text).replace(CURLY_APOSTROPHE, "'")
    return " ".join(re.split(GAP, text.lower().strip()))


@lru_cache(maxsize=8)
def compiled(terms):
    """(pattern, {form key: slug}) for `terms` as `GlossaryTermQuerySet.forms_by_slug` gives them."""
    slugs = {form_key(form): slug for slug, _source, forms in terms for form in forms}
    return terms_pattern([form for _slug, _source, forms in terms for form in forms]), slugs


def link_terms(answer_html, terms):
    """`answer_html` with the first use of each of `terms` linked to its glossary entry."""
    if not terms:
        return answer_html
    pattern, slugs = compiled(terms)
    glossary, linked, inside, pieces = reverse("faqs:glossary"), set(), 0, []

    def link(match):
        slug = slugs.get(form_key(match.group(0)))
        if slug is None or slug in linked:
            return match.group(0)
        linked.add(slug)
        return f'<a href="{glossary}#{slug}">{match.group(0)}</a>'

    for piece in TAG.split(answer_html):
        tag = TAG_NAME.match(piece) if piece.startswith("<") else None
        if tag and tag.group(2).lower() in LEFT_ALONE:
            inside += -1 if tag.group(1) else 1
        pieces.append(piece if tag or piece.startswith("<") or inside > 0 else pattern.sub(link, piece))
    return "".join(pieces)
