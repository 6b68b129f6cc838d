"""Every document's meaning, as vectors (faqs/search/meaning.py), for finding what answers a query in other
words than its own.

A document is read as a few passages: its title with its context ("What is an Occupation Order?" with
"Protecting yourself through the court"), or its title alone if it has none, then its text in passages of about
PASSAGE_WORDS words, each after its title: all of them, or the first few (`DocumentKind.passages`: a question's
opening says what it is about). A document is as close to a query as its closest passage.

A passage's vector is kept by a digest of its text and of the model (faqs/search/models.py): found in this
process's memory, then in the database, and only then computed and stored, so an edit costs the few passages it
changed, and every process and server shares the work.
"""

import hashlib

import numpy as np
from django.db import transaction

from faqs.search import meaning, network
from faqs.search.documents import kind_of
from faqs.search.excerpts import plain
from faqs.search.models import SearchVector

PASSAGE_WORDS = 40
READ_IN = 500  # digests per query when reading stored vectors: well under any database's limit on parameters
# On a site of more documents than this, a search compares every document's title in context with the query,
# and only this many of the closest whole, passage by passage: a site of 10,000 questions has up to 40,000.
CANDIDATES = 200
KEPT_IN_MEMORY = 200_000  # vectors this process remembers, at most (about 170 MB)
_known = {}  # {digest: vector as float16}, every vector this process has read or made


def forget():
    """Forget what this process remembers, as a new process would (tests, the benchmark)."""
    _known.clear()


def passages(row):
    """What a document, a row (id, title, context, keywords, body) of the table, is read as."""
    id, title, context, _, body = row
    return [f"{title}. {context}" if context else title] + [
        f"{title}. {passage}" for passage in split(body)[: kind_of(id).passages]
    ]


def split(markdown):
    """The text as passages of whole paragraphs, about PASSAGE_WORDS words each (a longer paragraph alone)."""
    found, current = [], []
    for paragraph in markdown.split("\n\n"):
        words = plain(paragraph).split()
        if current and len(current) + len(words) > PASSAGE_WORDS:
            found.append(" ".join(current))
            current = []
        current += words
    return found + ([" ".join(current)] if current else [])


def digest(text):
    return hashlib.blake2b(f"{network.FORMAT}\n{text}".encode(), digest_size=16).hexdigest()


class Vectors:
    """The vectors of every document: `matrix` holds every passage's, a document's passages side by side
    from `starts[i]` for `ids[i]`, its title in context first (`heads` holds those alone); `digests` {document
    id: (a hash of its row, its passages' digests)}."""

    def __init__(self, ids, matrix, starts, digests):
        self.ids, self.matrix, self.starts, self.digests = ids, matrix, starts, digests
        self.ends = np.append(starts[1:], len(matrix)).astype(np.int64)
        self.heads = matrix[starts] if len(ids) > CANDIDATES else matrix

    @classmethod
    def of(cls, rows, previous=None):
        """The vectors of `rows` [(id, title, context, keywords, body)] of the table of documents. Given
        `previous`, the vectors before the table changed, the passages of the rows that did not change are not
        read again: on a large site, splitting every text after each edit would cost more than the edit."""
        if len(_known) > KEPT_IN_MEMORY:
            _known.clear()  # rare (a very large site, or a long life of edits): what is in use is read again
        before = previous.digests if previous else {}
        ids, starts, digests, texts, order = [], [], {}, {}, []
        for row in rows:
            version = hash(row)
            kept = before.get(row[0])
            if kept and kept[0] == version and all(d in _known for d in kept[1]):
                found = kept[1]
            else:
                read = {digest(text): text for text in passages(row)}
                texts.update(read)
                found = tuple(read)
            ids.append(row[0])
            starts.append(len(order))
            digests[row[0]] = (version, found)
            order += found
        known(texts)
        matrix = np.array([_known[d] for d in order], dtype=np.float32).reshape(-1, network.WIDTH)
        return cls(np.array(ids, dtype=np.int64), matrix, np.array(starts, dtype=np.int64), digests)

    def closest(self, vector, limit, threshold):
        """[(document id, similarity, its closest passage)] of the `limit` documents closest to `vector`, best
        first, among those at least `threshold` close (cosine: 1 the same meaning, 0 unrelated). A document is as
        close as its closest passage (numbered as `passages` makes them: 0 is its title in context); past
        CANDIDATES documents, only those whose titles are closest are read whole."""
        if not len(self.ids):
            return []
        if len(self.ids) <= CANDIDATES:
            chosen, offsets = np.arange(len(self.ids)), self.starts
            similarities = self.matrix @ vector
        else:
            chosen = np.argpartition(-(self.heads @ vector), CANDIDATES)[:CANDIDATES]
            lengths = self.ends[chosen] - self.starts[chosen]
            offsets = np.cumsum(lengths) - lengths  # where each chosen document's passages begin among `rows`
            rows = np.repeat(self.starts[chosen] - offsets, lengths) + np.arange(lengths.sum())
            similarities = self.matrix[rows] @ vector
        scores = np.maximum.reduceat(similarities, offsets)
        ends = np.append(offsets[1:], len(similarities))
        best = np.argpartition(-scores, limit)[:limit] if len(scores) > limit else np.arange(len(scores))
        best = best[np.argsort(-scores[best], kind="stable")]
        return [
            (int(self.ids[chosen[n]]), float(scores[n]), int(np.argmax(similarities[offsets[n] : ends[n]])))
            for n in best
            if scores[n] >= threshold
        ]


def known(texts):
    """Remember the vectors of `texts` ({digest: text}): read from the database, or made now and stored."""
    missing = [d for d in texts if d not in _known]
    for start in range(0, len(missing), READ_IN):
        stored = SearchVector.objects.filter(digest__in=missing[start : start + READ_IN])
        _known.update(
            (d, np.frombuffer(bytes(v), dtype=np.float16)) for d, v in stored.values_list("digest", "vector")
        )
    if missing := [d for d in missing if d not in _known]:
        made = meaning.embed([texts[d] for d in missing]).astype(np.float16)
        _known.update(zip(missing, made, strict=True))
        with transaction.atomic():
            SearchVector.objects.bulk_create(
                [SearchVector(digest=d, vector=_known[d].tobytes()) for d in missing],
                ignore_conflicts=True,  # another process may have stored the same passage meanwhile
                batch_size=READ_IN,
            )


def forget_unused(rows):
    """Delete the stored vectors no document of `rows` reads (after the content changed), leaving the rest."""
    used = {digest(text) for row in rows for text in passages(row)}
    stored = set(SearchVector.objects.values_list("digest", flat=True))
    unused = list(stored - used)
    for start in range(0, len(unused), READ_IN):
        SearchVector.objects.filter(digest__in=unused[start : start + READ_IN]).delete()
    return len(unused)
