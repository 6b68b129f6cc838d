"""Search over everything a reader can reach, the same on SQLite and PostgreSQL: the database keeps a table of
documents in step with the content (faqs/search/table.py), and searches read posting lists built from it and
kept in memory (faqs/search/index.py), and the documents' vectors of meaning (faqs/search/vectors.py). A result
is found by its words, by its meaning, or both; the two rankings are merged (faqs/search/ranking.py), so a
document both rank high comes first, and one that says what was asked in other words is found at all.

    results = search("non molestaion order", audience="mothers")
    results.suggestion          # "non molestation order"
    results.audience_counts     # [(Audience, 12), ...] over all matches, whatever the audience filter
    results[0:20]               # [Result(kind, url, title_html, context, excerpt_html, audiences), ...]

What goes in the index is declared in faqs/search/documents.py. Nothing here logs or stores what was searched for.
"""

import logging
from dataclasses import dataclass

import numpy as np
from django.db import connection

from faqs.guides.models import Audience, Question
from faqs.search import cache, postgres_backend, query_map, spelling, sqlite_backend, table
from faqs.search.documents import BY_NAME, EVERYONE, document_id, for_words, kind_of, object_id
from faqs.search.excerpts import Matches, highlighted, marked_html, passage
from faqs.search.index import Index
from faqs.search.query import parse
from faqs.search.ranking import (
    OVERVIEW_WHEN,
    Readings,
    closest,
    kind_weights,
    matched,
    merged,
    rank,
    with_other_kind,
    with_overview,
)
from faqs.search.synonyms import synonym_phrases
from faqs.search.vectors import Vectors, forget_unused, split

BACKENDS = {"sqlite": sqlite_backend, "postgresql": postgres_backend}
# What the results page reads of an object besides its address (every kind's `url` is made of its slug and its
# related objects' slugs): the rest, answers and their HTML above all, is left unread.
SHOWN = {"question": ("text",)}
NOTHING = Matches(())  # no word to mark
# What `prepare` searches for: the site's own words, not a reader's.
PREPARING = "domestic abuse"

logger = logging.getLogger(__name__)


def backend():
    return BACKENDS[connection.vendor]


def rebuild_index():
    """Rebuild the whole index from the content. The triggers keep it in step; this is for repairs."""
    backend().rebuild()
    spelling.forget_vocabulary()
    update_vectors()


def update_vectors():
    """Make the vectors of every document that has none yet, and delete those no document reads any more: after
    the content changed in bulk (load_content), so that no reader's search waits for them. Returns how many
    were deleted."""
    chosen = OneSearch(table)
    chosen.vectors()
    return forget_unused(chosen.rows())


def prepare():
    """Build what every search reads before a reader's first search (the index, the vectors, the examples' places,
    the audiences, the spelling vocabulary, the model run once), as the app server's processes start
    (guidance_site/wsgi.py): at 10,000 questions a first search would otherwise wait seconds. Nothing here is a
    reason not to serve the rest of the site (a database not yet migrated, say): the first search tries again."""
    try:
        chosen = OneSearch(table)  # one read of the table for the index and the vectors
        spelling.vocabulary(chosen)
        chosen.vectors()
        query_map.places(chosen)
        search(PREPARING)[0:20]
    except Exception:
        logger.warning("Search was not prepared: the first search will try again", exc_info=True)


def search(query, *, audience=None, by_meaning=True):
    """`query` is what a reader typed, already cleaned by `clean_query` (the search form does it). Without
    `by_meaning`, only the index of words answers (tests of that index)."""
    chosen = OneSearch(table)
    parsed = parse(query, chosen)
    return SearchResults(query, parsed, audience, chosen, by_meaning=by_meaning)


class OneSearch:
    """The table of documents as one search sees it. Parsing, the caches and `rank` each want its signature: it
    is read once, which saves round trips and keeps them all agreeing on one state of the index."""

    def __init__(self, module):
        self._module = module
        self._signature = self._rows = None

    def signature(self):
        if self._signature is None:
            self._signature = self._module.signature()
        return self._signature

    def rows(self):
        """Every document's fields, read once however many of the caches need building from them: after an edit
        on a large site, the index and the vectors both do, and reading 10,000 rows takes tens of ms."""
        if self._rows is None:
            self._rows = self._module.rows()
        return self._rows

    def derived(self, name, build):
        """What `build` makes from the index, kept until the index changes (faqs/search/cache.py)."""
        return cache.cached(name, (connection.vendor, *self.signature()), build)

    def index(self):
        """The postings every search reads (faqs/search/index.py), with the synonyms file's phrases found."""

        def build():
            return Index.of(map(for_words, self.rows()), synonym_phrases(), cache.previous("index"))

        return self.derived("index", build)

    def vectors(self):
        """Every document's vectors of meaning (faqs/search/vectors.py)."""
        return self.derived("vectors", lambda: Vectors.of(self.rows(), cache.previous("vectors")))

    def count(self, concept):
        """How many documents `concept` matches (spelling asks before correcting a word)."""
        return self.index().count(concept)

    def __getattr__(self, name):
        return getattr(self._module, name)


def audiences_of(chosen):
    """{audience slug: the ids of the documents for it}, read again only when the index changes: exact counts
    for every audience without reading each match's row. Documents for everyone are in every set."""
    return chosen.derived("audiences", lambda: documents_for(chosen))


def counted(ids, chosen):
    """{audience slug: how many of the documents `ids` are for it}. A query of common words matches thousands
    of documents on a large site: they are counted in arrays, over the index's documents (`Index.every`), each
    audience's marked once for the state of the index."""
    every, _ = chosen.index().every()

    def marked():
        return {slug: np.isin(every, list(found)) for slug, found in audiences_of(chosen).items()}

    at = np.searchsorted(every, np.fromiter(ids, np.int64, len(ids)))
    return {slug: int(mask[at].sum()) for slug, mask in chosen.derived("audience-marks", marked).items()}


def documents_for(chosen):
    found, everyone = {}, set()
    for id, audiences in chosen.audiences().items():
        if audiences == EVERYONE:
            everyone.add(id)
        for slug in audiences.split():
            found.setdefault(slug, set()).add(id)
    return {slug: frozenset(ids | everyone) for slug, ids in found.items()}


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

    def __init__(self, query, parsed, audience, chosen, *, by_meaning=True):
        self.query = query
        self.suggestion = parsed.suggestion
        self.concepts = parsed.concepts
        self.audience = audience
        # Every write to the audiences bumps the index's generation (their triggers refresh the documents).
        self.audiences = chosen.derived("audience-list", lambda: list(Audience.objects.all()))
        index = chosen.index()
        matches = {concept: index.matching(concept) for concept in self.concepts}
        self._by_words = matched(matches)
        documents_for = audiences_of(chosen)
        close = closest(parsed.suggestion or query, chosen) if self.concepts and by_meaning else Readings()
        # A result's excerpt is the passage closest to the query as typed, where it is among those.
        self._closest_passage = {id: place for found in reversed(close) for id, _, place in found}
        everything = self._by_words | self._closest_passage.keys()
        self.total = len(everything)
        counts = counted(everything, chosen)
        self.audience_counts = [(a, n) for a in self.audiences if (n := counts.get(a.slug, 0))]
        allowed = documents_for.get(audience, frozenset()) if audience else None
        weights = kind_weights(self.concepts)
        ranked = merged(
            [id for id in rank(matches, chosen, allowed, weights) if allowed is None or id in allowed],
            [[id for id, *_ in found if allowed is None or id in allowed] for found in close],
            weights,
            close.trust,
        )
        self.ids = with_other_kind(with_overview(ranked, parts_of(ranked[:OVERVIEW_WHEN], chosen)))
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
        places = self._known("places", ids, places_of)
        documents = self._known("documents", ids, self._backend.documents)
        matches = Matches(self.concepts)
        names = {a.slug: a for a in self.audiences}
        results = []
        for id in ids:
            if id not in documents or id not in places:
                continue
            title, context, audiences, body = documents[id]
            instance, url = places[id]
            results.append(
                Result(
                    kind_of(id), instance, url, marked_html(highlighted(title, matches)), context,
                    marked_html(self._excerpt(id, body, matches), markdown=True),
                    [names[s] for s in audiences.split() if s in names],
                )
            )  # fmt: skip
        return results

    def _excerpt(self, id, body, matches):
        """The part of `body` a result shows: where most of the query's words are; found by meaning alone (none of
        them to mark), the passage closest in meaning, or its opening if its title was closest."""
        if id in self._by_words:
            return passage(body, matches)
        place, parts = self._closest_passage.get(id, 0), split(body)
        if not 0 < place <= len(parts):  # (the text may have changed since its vectors were read)
            return passage(body, NOTHING)
        return ("… " if place > 1 else "") + passage(parts[place - 1], NOTHING)

    def _known(self, name, ids, load):
        """{document id: what `load` gives for it}, for `ids` and every document shown before. Kept for the state
        of the index, like the audiences: the same documents come up for many queries, and reading their rows
        again (a round trip to the database) and building their objects and addresses cost more than the rest
        of a page. Any write to what a document shows or where it lives changes the signature."""
        known = self._backend.derived(name, dict)
        if missing := [id for id in ids if id not in known]:
            known.update(load(missing))
        return known


def parts_of(ids, chosen):
    """{document id: its part of a guide's document id} for the questions among `ids`. Kept for the state of the
    index and read as questions first come up, like the objects a page shows: most searches read nothing."""
    known = chosen.derived("parts", dict)
    if missing := [id for id in ids if id not in known]:
        question, section = BY_NAME["question"], BY_NAME["section"]
        pks = [object_id(id) for id in missing if kind_of(id) is question]
        pairs = Question.objects.filter(pk__in=pks).values_list("pk", "section_id") if pks else ()
        known.update(dict.fromkeys(missing))
        known.update({document_id(question, pk): document_id(section, part) for pk, part in pairs})
    return known


def places_of(ids):
    """{document id: (its object, its address)}."""
    return {id: (o, kind_of(id).url(o)) for id, o in objects_of(ids).items()}


def objects_of(ids):
    """{document id: its object}, one query per kind, reading only what a results page uses."""
    by_kind = {}
    for id in ids:
        by_kind.setdefault(kind_of(id), []).append(id)
    found = {}
    for kind, kind_ids in by_kind.items():
        fields = ("slug", *(f"{name}__slug" for name in kind.related), *SHOWN.get(kind.name, ()))
        objects = kind.model.objects.only(*fields).order_by()
        objects = objects.select_related(*kind.related) if kind.related else objects
        instances = {o.pk: o for o in objects.filter(pk__in=[object_id(i) for i in kind_ids])}
        found |= {i: instances[object_id(i)] for i in kind_ids if object_id(i) in instances}
    return found
