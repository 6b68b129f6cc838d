"""Synonyms and abbreviations, kept by editors in a plain text file (content/search-synonyms.txt).

The file's own header explains its format. It is read again whenever it changes, and a line that makes no sense
is skipped rather than breaking search.
"""

from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from faqs.search.text import key, words

# Readers write of an abuser as he, she or they: a phrase the file writes with one of them also matches the others
# ("get her out" as "get him out", "back with them" as "back with him").
SAME_PRONOUN = {"she": "he", "they": "he", "her": "him", "them": "him", "their": "his", "theirs": "his"}


def fold(word):
    """A word as the rules compare it: `key`, with the pronouns above one pronoun."""
    word = key(word)
    return SAME_PRONOUN.get(word, word)


def synonyms_path():
    return Path(
        getattr(settings, "SEARCH_SYNONYMS_FILE", settings.BASE_DIR / "content" / "search-synonyms.txt")
    )


class Rules(dict):
    """{key phrase: every phrase it also finds}, with what every search asks of them worked out once, when the
    file is read: each search would otherwise go through every rule twice."""

    def __init__(self, rules=()):
        super().__init__(rules)
        self.longest = max(map(len, self), default=0)  # words in the longest key phrase
        self.words = frozenset(word for phrase in self for word in phrase)  # every word of a key phrase


def parse_synonyms(text):
    """The file's Rules. A phrase is a tuple of words; a key phrase is its `key_phrase` form."""
    rules = defaultdict(set)
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        left, _, right = line.partition("=>")
        sources = phrases(left)
        targets = phrases(right) if right.strip() else sources
        for phrase in sources:
            rules[key_phrase(phrase)] |= {phrase} | targets
    return Rules({k: frozenset(v) for k, v in rules.items() if len(v) > 1})


def phrases(terms):
    return {tuple(words(term)) for term in terms.split(",") if words(term)}


def key_phrase(phrase):
    """Possessive "s" aside, plurals and pronouns folded: "Clare's Law", "clares law" and "clare law" are one
    key, and so are "get her out" and "get him out"."""
    return tuple(fold(word) for word in phrase if word != "s")


@lru_cache(maxsize=4)
def _load(path, modified):
    return parse_synonyms(Path(path).read_text(encoding="utf-8"))


def load_synonyms():
    path = synonyms_path()
    try:
        return _load(str(path), path.stat().st_mtime_ns)
    except OSError:
        return Rules()


def synonym_phrases():
    """The synonyms file's phrases of more than one word: the index finds them in the documents' text."""
    return {phrase for phrases in load_synonyms().values() for phrase in phrases if len(phrase) > 1}


def group(tokens, rules, longest=None):
    """Split words (without possessive "s") into (words, alternatives) pieces, taking the longest synonym
    phrase of `rules` (Rules), of at most `longest` words if given, at each point. Words that start no synonym
    phrase come back alone with `alternatives` None."""
    keys = [fold(t) for t in tokens]
    pieces, i = [], 0
    while i < len(tokens):
        for length in range(min(longest or rules.longest, len(tokens) - i), 0, -1):
            alternatives = rules.get(tuple(keys[i : i + length]))
            if alternatives:
                pieces.append((tuple(tokens[i : i + length]), alternatives))
                i += length
                break
        else:
            pieces.append(((tokens[i],), None))
            i += 1
    return pieces
