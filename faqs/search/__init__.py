"""Search over the published questions, on SQLite (FTS5) or PostgreSQL (full-text), whichever is in use.

    results = search("non molestaion order", audience="mothers")
    results.suggestion          # "non molestation order"
    results.audience_counts     # [(Audience, 12), ...] over all matches, whatever the audience filter
    results[0:20]               # [Result(question, title_html, excerpt_html), ...] in rank order

Nothing here logs or stores what was searched for.
"""

import math
from dataclasses import dataclass

from django.db import connection

from faqs.guides.models import Audience, Question
from faqs.search import postgres_backend, spelling, sqlite_backend
from faqs.search.excerpts import marked_html
from faqs.search.query import parse

BACKENDS = {"sqlite": sqlite_backend, "postgresql": postgres_backend}
# A synonym is a good sign but not as good as the reader's own words: it scores this share of a typed match.
SYNONYM_SHARE = 0.5


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
    hits = rank(parsed.concepts, chosen)
    return SearchResults(query, parsed, hits, audience, chosen)


def rank(concepts, chosen):
    """[(question id, audience slugs)] best first. Each concept weighs its inverse document frequency: rare
    words decide more than common ones, and a concept nothing matches (a stray word) is left out."""
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
    total = sum(weight for _, weight in weighted)
    rows = chosen.hits(weighted, SYNONYM_SHARE)
    scored = [(score * covered / total, id, audiences) for id, score, covered, audiences in rows]
    scored.sort(key=lambda row: (-row[0], row[1]))
    return [(id, frozenset(audiences.split())) for _, id, audiences in scored]


@dataclass
class Result:
    question: Question
    title_html: str
    excerpt_html: str


class SearchResults:
    """A ranked list of matches that loads questions and excerpts only for the slice a page shows."""

    def __init__(self, query, parsed, hits, audience, chosen):
        self.query = query
        self.suggestion = parsed.suggestion
        self.concepts = parsed.concepts
        self.audience = audience
        self.total = len(hits)
        self.audiences = list(Audience.objects.all())
        self.audience_counts = [
            (a, n) for a in self.audiences if (n := sum(a.slug in audiences for _, audiences in hits))
        ]
        self.ids = [id for id, audiences in hits if not audience or audience in audiences]
        self._backend = chosen

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1][0]
        ids = self.ids[index]
        if not ids:
            return []
        questions = Question.objects.published().select_related("guide").prefetch_related("audiences")
        questions = questions.in_bulk(ids)
        marked = self._backend.excerpts(self.concepts, ids)
        return [
            Result(
                questions[id],
                marked_html(marked[id][0]),
                marked_html(marked[id][1], markdown=True),
            )
            for id in ids
            if id in questions and id in marked
        ]
