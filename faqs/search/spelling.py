"""Correcting misspelt words against the words the guidance itself uses ("molestaion" -> "molestation").

Suggestions come from surface words in the published content (never stems like 'babi'), so "did you mean"
always shows a real word. Only what is misspelt is corrected: a word of English the guidance does not use is left
for search by meaning to read. Abbreviations are too short to correct safely: the synonyms file handles those.
"""

import difflib
import re
from collections import Counter

from faqs.search import cache, meaning
from faqs.search.synonyms import load_synonyms
from faqs.search.text import is_stop_word, key

MIN_LENGTH = 4  # shorter words are never corrected: mostly abbreviations, which the synonyms file handles
# A word shorter than this is corrected only for a vowel left out, put in or swapped ("erly" -> "early").
SHORT = 5
# The most edits a misspelling may be from a word with the same consonants in the same order (`consonants`).
VOWELS_ONLY = 2
VOWELS = re.compile("[aeiou]")
OTHER = 2  # `likeness` of words that are neither the same word nor have the same consonants


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
    """Long enough to correct safely, a word, not a stop word, and not a word of English the guidance happens
    not to use ("pushing" is not "putting", nor "meaning" "making"): search by meaning understands it as typed."""
    english = meaning.english_words() or ()
    return len(word) >= MIN_LENGTH and word.isalpha() and not is_stop_word(word) and word not in english


def suggest(word, known):
    """The closest known word within a small edit distance, the commonest on a tie; None if nothing is close.
    Only words with the same first letter: people rarely mistype it, and without the rule a word the guidance
    never uses becomes another word ("tonight" -> "night"). The same word but for a plural comes first ("plays"
    -> "play", not "plans"), then one with the same consonants, which may be VOWELS_ONLY edits off even when the
    word is short: people get the vowels of a word they have only heard wrong ("clairs" -> "clares", not
    "claims")."""
    allowed = 1 if len(word) <= 6 else 2
    candidates = [w for w in known if abs(len(w) - len(word)) <= VOWELS_ONLY and w[0] == word[0]]
    close = difflib.get_close_matches(word, candidates, n=6, cutoff=0.7)
    scored = [(likeness(word, c), edit_distance(word, c), -known[c], c) for c in close]
    if len(word) < SHORT:
        scored = [s for s in scored if s[0] < OTHER and s[1] == 1]
    near = [s for s in scored if s[1] <= (VOWELS_ONLY if s[0] < OTHER else allowed)]
    return min(near)[-1] if near else None


def likeness(word, known_word):
    """How alike two words are besides their edit distance, most alike first: the same word but for a plural
    "s" ("plays", "play"), the same consonants ("clairs", "clares"), OTHER."""
    if key(word) == key(known_word):
        return 0
    return 1 if consonants(word) == consonants(known_word) else OTHER


def consonants(word):
    """The word without its vowels ("clairs" and "clares" -> "clrs")."""
    return VOWELS.sub("", word)


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
