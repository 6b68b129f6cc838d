"""Excerpts with the matched words marked, made safe for HTML.

Matched words are found here, in Python, from the stored text of the documents a page shows: a word matches
when it has the stem of one of the query's words, by the stemmer the index uses (faqs/search/index.py).

Matches are marked with two private-use characters (readers' input never contains them: `clean_query` removes
them). The marked text is escaped first; only then do the markers become <mark> elements, so nothing from the
content or the query is ever put into the page unescaped.
"""

import re
from bisect import bisect_left

from django.utils.html import escape
from django.utils.safestring import mark_safe

from faqs.search.text import TOKEN, is_stop_word, stem

START, STOP = "\ue000", "\ue001"
MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
MARKERS = re.compile(f"[{START}{STOP}]")
# A passage is about this many characters (the 32 words or so FTS5's snippet() gave), starting
# this many before its first match, so that it does not begin on the marked word.
PASSAGE_CHARACTERS = 200
LEAD = 30

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


class Matches:
    """Finds the words of a text that match a query: those with the stem of one of its words or their synonyms'
    (not stop words, which the databases do not look for).

    A text is not split into words in Python, which is slow: every form of a word begins with its stem's first
    letters, so only the words that begin with those (found by `str.find`) are stemmed and compared. The last
    of three letters is left out when it is an "i" or an "e", which stemming may have put there ("pay" is
    "pai")."""

    def __init__(self, concepts):
        words = {w for c in concepts for w in (*c.typed, *(w for phrase in c.synonyms for w in phrase))}
        self.stems = frozenset(s for w in words if not is_stop_word(w) and (s := stem(w)))
        starts = {s[:2] if len(s) >= 3 and s[2] in "ie" else s[:3] for s in self.stems}
        # A start that begins with another finds nothing the other does not.
        self.starts = [a for a in starts if not any(a != b and a.startswith(b) for b in starts)]

    def spans(self, text):
        """[(start, end, stem)] of every match in `text`, in order."""
        lower = text.lower()
        if len(lower) != len(text):  # a few characters grow when lower-cased; positions must stay true
            lower = text
        found = {}
        for start in self.starts:
            at = lower.find(start)
            while at >= 0:
                word = TOKEN.match(lower, at) if at == 0 or not lower[at - 1].isalnum() else None
                if word and (word_stem := stem(word.group())) in self.stems:
                    found[at] = (at, word.end(), word_stem)
                at = lower.find(start, at + 1)
        return [found[at] for at in sorted(found)]


def highlighted(text, matches):
    """All of `text`, every matched word between START and STOP."""
    return with_markers(text, matches.spans(text), 0, len(text))


def passage(text, matches):
    """About PASSAGE_CHARACTERS of `text`, cut between words, where it holds the most different matched words
    (the first such passage), matches between START and STOP, with an ellipsis where it cuts the text; the
    start of `text` if nothing in it matches."""
    spans = matches.spans(text)
    begin = word_start(text, best_start(spans))
    end = word_end(text, begin + PASSAGE_CHARACTERS)
    spans = [span for span in spans if begin <= span[0] and span[1] <= end]
    marked = with_markers(text, spans, begin, end).strip()
    return ("… " if begin else "") + marked + (" …" if end < len(text) else "")


def best_start(spans):
    """Where a passage starts: a little before a match, most different matches first, then most matches."""
    starts = [span[0] for span in spans]
    best, chosen = (0, 0), 0
    for at in starts:
        start = max(0, at - LEAD)
        inside = spans[bisect_left(starts, start) : bisect_left(starts, start + PASSAGE_CHARACTERS)]
        score = (len({span[2] for span in inside}), len(inside))
        if score > best:
            best, chosen = score, start
    return chosen


def word_start(text, at):
    """`at`, moved back to the start of the word it falls in."""
    while at > 0 and not text[at - 1].isspace():
        at -= 1
    return at


def word_end(text, at):
    """`at`, moved back to the end of the word before it (where a passage is cut); the end of `text` past it."""
    if at >= len(text):
        return len(text)
    cut = at
    while cut > 0 and not text[cut].isspace():
        cut -= 1
    return cut if cut > at - PASSAGE_CHARACTERS // 2 else at


def with_markers(text, spans, begin, end):
    """text[begin:end] with START and STOP around each (start, end) of `spans`, which lie inside it, in order."""
    pieces, at = [], begin
    for start, stop, _ in spans:
        pieces += [text[at:start], START, text[start:stop], STOP]
        at = stop
    pieces.append(text[at:end])
    return "".join(pieces)
