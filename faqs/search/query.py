"""From what a reader typed to the concepts a search looks for.

A concept is one idea in the query: the words as typed (all of them, in any order) and, if the synonyms file
knows them, every other way of saying it ("nmo" -> "non molestation order", "clare's law" -> "domestic violence
disclosure scheme"). Results are ranked by how much of the query they cover, so a question needs every concept
to come first but not to be found at all: one stray word never empties the results.
"""

from dataclasses import dataclass

from faqs.search import spelling
from faqs.search.synonyms import fold, group, load_synonyms
from faqs.search.text import is_stop_word, words

MAX_CONCEPTS = 10


@dataclass(frozen=True)
class Concept:
    typed: tuple  # the reader's words, all of which must appear
    synonyms: tuple = ()  # phrases (tuples of words) from the synonyms file, any of which will do
    phrase: bool = False  # whether `typed` must appear as a phrase, in that order


@dataclass
class ParsedQuery:
    concepts: list
    suggestion: str | None = None  # the query with misspellings corrected, when any were


def parse(text, backend):
    """The concepts in `text` (already cleaned). Words the index has never seen are corrected against the
    content's vocabulary; `backend` answers how many questions a concept matches."""
    tokens = [w for w in words(text) if w != "s"]
    rules = load_synonyms()
    tokens, corrected = correct(tokens, rules, backend)
    concepts = []
    for typed, alternatives in group(tokens, rules):
        for concept in concepts_of(typed, alternatives, rules, backend):
            if concept not in concepts:
                concepts.append(concept)
    return ParsedQuery(concepts[:MAX_CONCEPTS], " ".join(tokens) if corrected else None)


def concepts_of(typed, alternatives, rules, backend):
    """The concepts of one piece of the query: `typed`, with the synonyms file's `alternatives` for it if any."""
    meaningful = tuple(w for w in typed if not is_stop_word(w))
    if not meaningful and not alternatives:
        return []
    concept = Concept(meaningful or typed, tuple(sorted(alternatives or ())))
    if alternatives and len(meaningful) < len(typed) > 1:
        # A phrase from the synonyms file means something only as a whole: "get him out of the house" is
        # about an occupation order, and its one meaningful word, "house", alone is about housing.
        concept = Concept(typed, concept.synonyms, phrase=True)
    if alternatives and len(typed) > 1 and not backend.count(concept):
        # A phrase of the file that the site says in none of its forms ("cin plan"): its words are looked for as
        # the file's shorter phrases or one by one ("cin", "plan"), rather than the query finding nothing.
        pieces = group(list(typed), rules, longest=len(typed) - 1)
        return [c for piece in pieces for c in concepts_of(*piece, rules, backend)]
    return [concept]


def correct(tokens, rules, backend):
    """Replace words no question contains with the closest word the content uses, if one is close enough."""
    known = None
    result, corrected = [], False
    for token in tokens:
        if fold(token) not in rules.words and spelling.could_be_misspelt(token):
            if known is None:
                known = spelling.vocabulary(backend)
            if token not in known and not backend.count(Concept((token,))):
                suggestion = spelling.suggest(token, known)
                if suggestion:
                    token, corrected = suggestion, True
        result.append(token)
    return result, corrected
