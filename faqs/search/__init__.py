"""Search over everything a reader can reach, on SQLite (FTS5) or PostgreSQL (full-text), whichever is in use.

    results = search("non molestaion order", audience="mothers")
    results.suggestion          # "non molestation order"
    results.audience_counts     # [(Audience, 12), ...] over all matches, whatever the audience filter
    results[0:20]               # [Result(kind, url, title_html, context, excerpt_html, audiences), ...]

What goes in the index is declared in faqs/search/documents.py. Nothing here logs or stores what was searched for.
"""

import math
from dataclasses import dataclass

from django.db import connection

from faqs.guides.models import Audience
from faqs.search import postgres_backend, spelling, sqlite_backend
from faqs.search.documents import EVERYONE, kind_of, object_id
from faqs.search.excerpts import marked_html
from faqs.search.query import parse

BACKENDS = {"sqlite": sqlite_backend, "postgresql": postgres_backend}
# A synonym is a good sign but not as good as the reader's own words: it scores this share of a typed match.
SYNONYM_SHARE = 0.5
# The database's own ranking picks this many candidates; only they are scored in full. Past it, readers are told
# the results stop (nobody reads 10 pages of results; they change the words).
SHORTLIST = 100


def backend():
    return BACKENDS[connection.vendor]


def rebuild_index():
    """Rebuild the whole index from the content. The triggers keep it in step; this is for repairs."""
    backend().rebuild()
    spelling.forget_vocabulary()


def search(query, *, audience=None):
    """`query` is what a reader typed, already cleaned by `clean_query` (the search form does it)."""
    chosen = backend()
    parsed = parse(query, chosen)
    return SearchResults(query, parsed, audience, chosen)


def audience_filter(audience):
    """(SQL, params) that keeps the documents for `audience` (help pages are for everyone)."""

    def where(column):
        if not audience:
            return "", []
        return f" AND ({column} = %s OR (' ' || {column} || ' ') LIKE %s)", [EVERYONE, f"% {audience} %"]

    return where


def rank(concepts, chosen, audience):
    """Document ids best first. Each concept weighs its inverse document frequency: rare words decide more
    than common ones, and a concept nothing matches (a stray word) is left out."""
    if not concepts:
        return []
    size = max(chosen.signature()[0], 1)
    weighted = []
    for concept in concepts:
        matches = chosen.count(concept)
        if matches:
            weighted.append((concept, math.log(1 + (size - matches + 0.5) / (matches + 0.5))))
    if not weighted:
        return []
    candidates = chosen.shortlist([c for c, _ in weighted], SHORTLIST, audience_filter(audience))
    if not candidates:
        return []
    total = sum(weight for _, weight in weighted)
    rows = chosen.hits(weighted, SYNONYM_SHARE, candidates)
    scored = sorted((-score * covered / total, id) for id, score, covered, _ in rows)
    return [id for _, id in scored]


@dataclass
class Result:
    kind: object  # a DocumentKind: what the result is
    object: object  # the question, section, helpline, page section...
    url: str
    title_html: str
    context: str
    excerpt_html: str
    audiences: list  # [Audience], empty when it is for everyone


class SearchResults:
    """A ranked list of matches that loads objects and excerpts only for the slice a page shows."""

    def __init__(self, query, parsed, audience, chosen):
        self.query = query
        self.suggestion = parsed.suggestion
        self.concepts = parsed.concepts
        self.audience = audience
        self.audiences = list(Audience.objects.all())
        counts = chosen.audience_counts(self.concepts) if self.concepts else []
        self.total = sum(n for _, n in counts)
        self.audience_counts = [
            (a, n)
            for a in self.audiences
            if (n := sum(n for slugs, n in counts if slugs == EVERYONE or a.slug in slugs.split()))
        ]
        self.ids = rank(self.concepts, chosen, audience) if self.total else []
        self.matching = (
            next((n for a, n in self.audience_counts if a.slug == audience), 0) if audience else self.total
        )
        self._backend = chosen

    @property
    def shortened(self):
        """Whether more documents match than are listed."""
        return self.matching > len(self.ids)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1][0]
        ids = self.ids[index]
        if not ids:
            return []
        objects = self._objects(ids)
        marked = self._backend.excerpts(self.concepts, ids)
        names = {a.slug: a for a in self.audiences}
        results = []
        for id in ids:
            if id not in marked or id not in objects:
                continue
            title, context, audiences, excerpt = marked[id]
            kind, instance = kind_of(id), objects[id]
            results.append(
                Result(
                    kind, instance, kind.url(instance), marked_html(title), context,
                    marked_html(excerpt, markdown=True),
                    [names[s] for s in audiences.split() if s in names],
                )
            )  # fmt: skip
        return results

    @staticmethod
    def _objects(ids):
        """{document id: its object}, one query per kind on the page."""
        by_kind = {}
        for id in ids:
            by_kind.setdefault(kind_of(id), []).append(id)
        found = {}
        for kind, kind_ids in by_kind.items():
            objects = kind.model.objects.select_related(*kind.related) if kind.related else kind.model.objects
            instances = objects.in_bulk([object_id(i) for i in kind_ids])
            found |= {i: instances[object_id(i)] for i in kind_ids if object_id(i) in instances}
        return found
