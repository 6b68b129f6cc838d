"""Correcting misspelt words against the words the guidance itself uses ("molestaion" -> "molestation").

Suggestions come from surface words in the published content (never stems like 'babi'), so "did you mean"
always shows a real word. Abbreviations are too short to correct safely: the synonyms file handles those.
"""

import difflib
import re
from collections import Counter

from faqs.search import cache
from faqs.search.synonyms import load_synonyms
from faqs.search.text import is_stop_word, key

MIN_LENGTH = 5
# The most edits a misspelling may be from a word that sounds the same (`sound`).
SOUNDS_ALIKE = 2
# How letters sound, in order: "ph" as "f", a soft "c" as "s", a hard one as "k", and so on.
SPOKEN = (
    ("ph", "f"), ("ck", "k"), ("c(?=[eiy])", "s"), ("c", "k"), ("q", "k"), ("x", "ks"), ("z", "s"), ("gh", "g"),
)  # fmt: skip


def forget_vocabulary():
    cache.forget()


def vocabulary(backend):
    """{word: how common it is} for the words of the documents in the search index (whatever is published and
    findable). `backend` is the index as one search sees it (faqs.search.OneSearch)."""
    return backend.derived("vocabulary", lambda: count_words(backend.index()))


def count_words(index):
    """Every word the index has met, counted by the documents its stem is in: read from the index in memory
    (faqs/search/index.py), which has split and stemmed every text already."""
    counts = Counter()
    for word, (stem, _) in index.words.items():
        if word.isalpha() and len(word) >= 3 and (found := len(index.postings.get(stem, ()))):
            counts[word] = found
    for phrases in load_synonyms().values():
        counts.update(w for phrase in phrases for w in phrase if w.isalpha())
    return counts


def could_be_misspelt(word):
    """Long enough to correct safely, a word, and not a stop word."""
    return len(word) >= MIN_LENGTH and word.isalpha() and not is_stop_word(word)


def suggest(word, known):
    """The closest known word within a small edit distance; on a tie, the one as long as the word typed, then the
    commonest; None if nothing is close.
    Only words with the same first letter: people rarely mistype it, and without the rule a word the guidance
    never uses becomes another word ("tonight" -> "night"). A word that sounds the same (`sound`) comes first
    and may be SOUNDS_ALIKE edits off even when the word is short: people spell a name they have only heard
    ("clairs" -> "clares", not "claims")."""
    allowed = 1 if len(word) <= 6 else 2
    candidates = [w for w in known if abs(len(w) - len(word)) <= SOUNDS_ALIKE and w[0] == word[0]]
    close = difflib.get_close_matches(word, candidates, n=6, cutoff=0.7)
    heard = sound(word)
    scored = [(sound(c) != heard, edit_distance(word, c), len(c) != len(word), -known[c], c) for c in close]
    near = [s for s in scored if s[1] <= (allowed if s[0] else SOUNDS_ALIKE)]
    return min(near)[-1] if near else None


def sound(word):
    """What a word sounds like, roughly: its consonants as spoken, doubled ones once, a plural or possessive "s"
    aside ("clairs", "clare" and "clears" -> "klr"). Enough to tell a misheard spelling from another word; not a
    phonetic algorithm."""
    word = key(word)
    for written, spoken in SPOKEN:
        word = re.sub(written, spoken, word)
    return word[0] + re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyhw]", "", word[1:]))


def edit_distance(a, b):
    """Levenshtein distance counting a swap of two neighbouring letters as one edit ("molestaion")."""
    previous2, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]
