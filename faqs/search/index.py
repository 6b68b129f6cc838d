"""The search index every search reads: posting lists in memory, built from the rows of the `faqs_search` table
(which the triggers keep in step with the content) and kept until that table changes, like everything else search
derives from it (faqs/search/cache.py).

Why in memory: exact audience counts need every match of every concept, and the databases' own full-text
indexes (FTS5, a GIN index) took 20 to 100 ms to hand them over on a site of 10,000 questions, and as long again
to rank them. Here a concept's matches are a union of posting lists, and ranking reads only the candidates. Both
databases now search alike: one tokenizer (as FTS5's unicode61, diacritics folded), one stemmer (Porter's, as
FTS5's: faqs/search/text.py), one ranking (FTS5's bm25, written out in `Index.bm25`).

Phrases ("non molestation order") are found in each document's words, kept as a string with one character per
stem, so that `str.count` finds a phrase's occurrences. Every phrase of the synonyms file is looked up when the
index is built; any other phrase is looked up when it is first asked for and kept with the index.
"""

import math
from collections import Counter

import numpy as np

from faqs.search.text import TOKEN, stem

# How much a word counts in each field, as FTS5's bm25 was given them: title, context, keywords, body.
WEIGHTS = (8, 3, 3, 1)
# bm25's constants, FTS5's: how quickly more occurrences stop counting, and how much a long text is discounted.
K1, B = 1.2, 0.75
# Stems become characters from here on: past the ASCII a reader could type, clear of the surrogates.
FIRST_CODE = 0x100
SEPARATOR = "\x01"
SURROGATES = range(0xD800, 0xE000)


class Words(dict):
    """{word: (its stem, the stem's character)}, filled as words are met: a text's words are each looked up once."""

    def __init__(self, code):
        super().__init__()
        self.code = code

    def __missing__(self, word):
        stem_ = indexed(word)
        self[word] = found = (stem_, self.code(stem_))
        return found


def indexed(word):
    """A word as the index holds it: stemmed, but not when shorter than 3 letters (as FTS5's porter tokenizer:
    Porter makes "s" nothing and "as" "a")."""
    return stem(word) if len(word) >= 3 else word


def saturated(idf, occurrences, norm):
    """bm25's score of a phrase in a document (numbers, or arrays of them): more occurrences count for less and
    less, a long text's for less than a short one's (`norm`)."""
    return idf * occurrences * (K1 + 1) / (occurrences + norm)


def one_set(views, combine):
    """`views` (keys of postings) combined by `combine` into one set; the only one as it is."""
    if len(views) == 1:
        return views[0]
    return combine(set(views[0]), *views[1:]) if views else set()


class Index:
    """Posting lists of the rows [(id, title, context, keywords, body)] of the table; `Index.of` makes one."""

    def __init__(self):
        self.postings = {}  # {stem: {document id: its occurrences, each weighted by its field}}
        self.shared = set()  # stems whose postings are still the previous index's (see `own`)
        self.codes = {}  # {stem: the character that stands for it in `self.texts`}
        self.words = Words(self.code)  # {word: (its stem, its stem's character)}
        self.texts = {}  # {document id: its fields as strings of stem characters, SEPARATOR between them}
        self.phrases = {}  # {tuple of stems: postings, as for one stem}
        self.lengths = {}  # {document id: its length in words}
        self.versions = {}  # {document id: a hash of its fields, to tell which changed}
        self._every = None  # (every document id, sorted; their `norms`) as arrays, made when first needed
        self._scores = {}  # {phrase: (where its documents are in `_every`, their bm25 scores)}, as asked for

    @classmethod
    def of(cls, rows, phrases=(), previous=None):
        """The index of `rows`, with `phrases` (tuples of words) looked up. Given `previous`, the index before
        the table changed, only the documents that changed are read again: indexing 10,000 questions takes
        seconds, and an edit, or the cache's periodic check (faqs/search/cache.py), should not cost that. The
        previous index is left as it was, for any search still reading it."""
        current = {id: tuple(texts) for id, *texts in rows}
        versions = {id: hash(texts) for id, texts in current.items()}
        index = previous.copy() if previous else cls()
        changed = {
            id for id in index.versions.keys() | versions.keys() if index.versions.get(id) != versions.get(id)
        }
        index.remove([id for id in changed if id in index.versions])
        for id in changed & versions.keys():
            index.add(id, current[id])
        index.versions = versions
        index.size = len(index.lengths)
        average = sum(index.lengths.values()) / index.size if index.size else 1
        index.norms = {id: K1 * (1 - B + B * length / (average or 1)) for id, length in index.lengths.items()}
        if previous:
            index.look_again(changed)
        for words in phrases:
            index.phrase(words)
        return index

    def copy(self):
        new = Index()
        new.postings, new.shared = dict(self.postings), set(self.postings)
        new.codes = dict(self.codes)
        new.words.update(self.words)
        new.texts, new.phrases, new.lengths = dict(self.texts), dict(self.phrases), dict(self.lengths)
        new.versions = self.versions
        return new

    def own(self, stem_):
        """The postings of `stem_`, this index's own to change: copied from the previous index's at first."""
        if stem_ in self.shared:
            self.shared.discard(stem_)
            self.postings[stem_] = dict(self.postings[stem_])
        return self.postings.setdefault(stem_, {})

    def add(self, id, texts):
        fields, length, words = [], 0, self.words
        for weight, text in zip(WEIGHTS, texts, strict=True):
            found = TOKEN.findall(text.lower())
            fields.append("".join([words[w][1] for w in found]))
            for w, n in Counter(found).items():
                postings = self.own(words[w][0])
                postings[id] = postings.get(id, 0) + weight * n
            length += len(found)
        self.texts[id] = SEPARATOR.join(fields)
        self.lengths[id] = length

    def remove(self, ids):
        stems = {code: stem_ for stem_, code in self.codes.items()}
        for id in ids:
            for code in set(self.texts.pop(id)) - {SEPARATOR}:
                del self.own(stems[code])[id]
            del self.lengths[id]

    def look_again(self, changed):
        """Look for every phrase found so far in the documents that `changed` (added, edited or removed)."""
        present = [id for id in changed if id in self.texts]
        for stems, found in self.phrases.items():
            again = self.occurrences(stems, present)
            if again or not changed.isdisjoint(found):
                self.phrases[stems] = {**{id: n for id, n in found.items() if id not in changed}, **again}

    def code(self, stem_):
        code = self.codes.get(stem_)
        if code is None:
            number = FIRST_CODE + len(self.codes)
            code = self.codes[stem_] = chr(number + len(SURROGATES) if number >= SURROGATES.start else number)
        return code

    def phrase(self, words):
        """{document id: weighted occurrences} of `words` (a tuple of words, as typed or from the synonyms file)."""
        stems = tuple(map(indexed, words))
        if len(stems) == 1:
            return self.postings.get(stems[0], {})
        if stems not in self.phrases:
            self.phrases[stems] = self.occurrences(stems)
        return self.phrases[stems]

    def occurrences(self, stems, ids=None):
        """{document id: weighted occurrences} of a phrase, among `ids` (None: every document)."""
        if any(s not in self.codes for s in stems):
            return {}
        needle = "".join(self.codes[s] for s in stems)
        if ids is None:
            lists = sorted((self.postings[s].keys() for s in set(stems)), key=len)
            ids = set(lists[0]).intersection(*lists[1:])
        found = {}
        for id in ids:
            if needle in (text := self.texts[id]):
                fields = text.split(SEPARATOR)
                found[id] = sum(w * field.count(needle) for w, field in zip(WEIGHTS, fields, strict=True))
        return found

    # --- What a search asks ---------------------------------------------------------------------------------

    def typed_phrases(self, concept):
        """What the reader's words of `concept` are looked up as: one phrase, or each word on its own."""
        return [concept.typed] if concept.phrase else [(w,) for w in concept.typed]

    def matching(self, concept):
        """(ids matching the words as typed, ids matching a synonym), to be read, not changed: where one phrase
        is all there is, its postings' own keys, as copying a common word's thousands would cost more than the
        rest of a search."""
        typed = sorted((self.phrase(p).keys() for p in self.typed_phrases(concept)), key=len)
        synonyms = [self.phrase(p).keys() for p in concept.synonyms]
        return one_set(typed, set.intersection), one_set(synonyms, set.union)

    def count(self, concept):
        typed, synonym = self.matching(concept)
        return len(typed | synonym)

    def idf(self, postings):
        """How much a phrase found in the documents of `postings` counts: the rarer, the more (FTS5's)."""
        idf = math.log((self.size - len(postings) + 0.5) / (len(postings) + 0.5))
        return idf if idf > 0 else 1e-6  # as FTS5: a phrase in most documents still counts, a little

    def bm25(self, words, ids):
        """{id: bm25 score} of one phrase for `ids`, FTS5's formula: rare phrases and short texts score higher."""
        postings = self.phrase(words)
        idf = self.idf(postings)
        if len(postings) < len(ids):
            pairs = ((id, f) for id, f in postings.items() if id in ids)
        else:
            pairs = ((id, postings[id]) for id in ids if id in postings)
        return {id: saturated(idf, f, self.norms[id]) for id, f in pairs}

    def summed(self, phrases, ids, share=1.0):
        """{id: the sum of `phrases`' bm25 scores, times `share`} for the `ids` that hold any of them."""
        total = {}
        for words in phrases:
            for id, score in self.bm25(words, ids).items():
                total[id] = total.get(id, 0.0) + score * share
        return total

    def hits(self, weighted, matches, synonym_share):
        """[(id, score, covered weight)] for every document that matches any concept. A concept scores its best
        match: the words as typed, or its synonyms at `synonym_share`; `weight` measures how much of the query
        a document covers."""
        scores, covered = {}, {}
        for concept, weight in weighted:
            typed, synonym = matches[concept]
            best = self.summed(self.typed_phrases(concept), typed)
            for id, score in self.summed(concept.synonyms, synonym, synonym_share).items():
                best[id] = max(best.get(id, 0.0), score)
            for id, score in best.items():
                scores[id] = scores.get(id, 0.0) + score
                covered[id] = covered.get(id, 0.0) + weight
        return [(id, scores[id], covered[id]) for id in scores]

    def shortlist(self, concepts, found, limit, allowed=None):
        """[(id, score)] of the `limit` documents bm25 ranks best for any of `concepts`, among the ids `found`
        ({concept: the ids it matches}) and `allowed` (all when None), best first: every phrase of every concept
        adds its score, as in FTS5's bm25 of an OR query. Only a query of common words comes here, matching
        thousands of documents, so the scores are summed in arrays rather than one document at a time."""
        ids = set().union(*(found[c] for c in concepts))
        if allowed is not None:
            ids &= allowed
        if not ids:
            return []
        every, _ = self.every()
        total = np.zeros(len(every))
        for words in (p for c in concepts for p in (*self.typed_phrases(c), *c.synonyms)):
            at, scores = self.scores(words)
            total[at] += scores  # a phrase holds each document once
        at = np.searchsorted(every, np.fromiter(ids, np.int64, len(ids)))
        if len(at) > limit:  # the best `limit`, and any tied with the last of them
            at = at[total[at] >= -np.partition(-total[at], limit - 1)[limit - 1]]
        best = np.lexsort((every[at], -total[at]))[:limit]  # ties: the lower id first, as everywhere
        return [(int(id), float(score)) for id, score in zip(every[at[best]], total[at[best]], strict=True)]

    def every(self):
        """(every document id, sorted; their length norms), as arrays."""
        if self._every is None:
            ids = np.array(sorted(self.norms), dtype=np.int64)
            self._every = (ids, np.array([self.norms[id] for id in ids.tolist()]))
        return self._every

    def scores(self, words):
        """(where the documents holding `words` are in `every()`, their bm25 scores), kept with the index."""
        found = self._scores.get(words)
        if found is None:
            postings = self.phrase(words)
            every, norms = self.every()
            at = np.searchsorted(every, np.fromiter(postings, np.int64, len(postings)))
            f = np.fromiter(postings.values(), np.float64, len(postings))
            found = self._scores[words] = (at, saturated(self.idf(postings), f, norms[at]))
        return found
