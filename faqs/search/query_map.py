"""How this site's readers mean what they type, learnt from the relevance set's tuning queries, each with the
places that answer it: a linear map of a query's vector (faqs/search/meaning.py), and the queries themselves.

The sentence model was trained on the web's text, not on a frightened mother's words for the guidance's ("can he
take the kids abroad without my permission" for a Prohibited Steps Order). The map moves
a query's vector towards the passages that answered queries like it, and no further than the examples bear out:
it is pulled back towards leaving the vector as it is (PULL). Search ranks by meaning with the vector as the model
reads it and as mapped, each for an equal part of meaning's share (faqs/search/ranking.py), so that a place no
example has named yet (new content) is still found as well as before.

Readers ask the same things in the same words more often than any model knows: a query that reads almost like
one a tuning query put (EXAMPLE_FLOOR) is also answered by the places that answered that one, as a third ranking
by meaning, trusted the more the closer it reads (faqs/search/ranking.py). Only close readings count, so that a
query about a place no example names is left to the other two.

    learn(files)        # fits the map to the tuning queries of `files` and the content loaded; writes MAP_FILE
    mapped(vector)      # the query's vector as this site's readers mean it; None when there is no map
    answered(vector)    # ([(place key, score)] best first, the closeness of the nearest tuning query): what
                        # answered the tuning queries it reads like

Learnt again (`manage.py learn_query_map`) when the tuning queries change; the map records their digest, and a
test says when it is out of date.
"""

import csv
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from faqs.search import meaning, network
from faqs.search.documents import KINDS, document_id, kind_of
from faqs.search.query import parse

MAP_FILE = Path(__file__).with_name("query-map.npz")
# The relevance set (tests/test_search_relevance.py): its tuning parts teach the map, its held-out parts measure it.
QUERY_FILES = ("tests/data/search_queries.csv", "tests/data/search_queries_site.csv")
# The fit: a softmax over every document (a document as close as its closest passage) at this TEMPERATURE, by
# STEPS of gradient descent at RATE from no change at all, each step pulled back towards no change by PULL. PULL
# was chosen by leaving out each blind part of the relevance set in turn and learning from the others (README:
# Search relevance): weaker, and queries about places no example names are found less well; stronger, and the
# map does little.
TEMPERATURE = 0.05
STEPS = 300
RATE = 0.5
PULL = 0.1
# The examples (`answered`): the EXAMPLES tuning queries closest to a query, of those at least EXAMPLE_FLOOR close
# and within EXAMPLE_NEAR of the closest. The floor was chosen like PULL, the latest blind parts left out in turn
# and searched, and against queries about a fifth of the places with every example naming them left out, as new
# content would be (README: Search relevance): the lower it is, the more of the left-out parts are found and the
# fewer queries about new places. Chosen at 0.8 from 3,094 tuning queries; at 0.75 from 4,551 (left-out parts:
# question recall@3 0.931 -> 0.943, whole-site 0.931 -> 0.929; new places: question 0.948 -> 0.941 and 0.906 ->
# 0.906, whole-site 0.960 -> 0.952 and 0.923 -> 0.916; at 0.7 the left-out parts gain a little more and new places
# lose twice as much).
EXAMPLES = 10
EXAMPLE_FLOOR = 0.75
EXAMPLE_NEAR = 0.1


class QueryFileError(ValueError):
    pass


def place_key(kind, instance):
    """How the query files name a place, `instance` of the DocumentKind `kind`: `guide/question` for a question,
    `kind:place` for anything else."""
    kind = kind.name
    if kind == "question":
        return f"{instance.guide.slug}/{instance.slug}"
    if kind == "section":
        return f"section:{instance.guide.slug}#{instance.slug}"
    if kind in ("page-section", "about-section"):
        return f"page:{instance.page.slug}#{instance.slug}"
    if kind in ("page", "about"):
        return f"page:{instance.slug}"
    return f"{kind}:{instance.slug}"


def place_keys(ids):
    """{document id: how the query files name it}, for the documents `ids` of the search table."""
    from faqs.search import objects_of  # (faqs.search imports this module)

    return {id: place_key(kind_of(id), instance) for id, instance in objects_of(ids).items()}


def places(chosen):
    """{a place as the query files name it: its document id}, for the places the examples name that the index
    holds; kept for the state of the index `chosen` (a faqs.search.OneSearch) reads. Only the named places are
    looked up, by their slugs (a key's last part): the first search after an edit does not read every document."""

    def build():
        found = learnt()
        named = {key for answers in (found.answers if found else ()) for key in answers}
        slugs = {re.split("[/:#]", key)[-1] for key in named}
        indexed = set(chosen.vectors().ids.tolist())
        ids = {}
        for kind in KINDS:
            objects = kind.model.objects.filter(slug__in=slugs)
            objects = objects.select_related(*kind.related) if kind.related else objects
            for instance in objects.only("slug", *(f"{name}__slug" for name in kind.related)):
                key, id = place_key(kind, instance), document_id(kind, instance.pk)
                if key in named and id in indexed:
                    ids[key] = id
        return ids

    return chosen.derived("by-place-key", build)


def query_files():
    from django.conf import settings

    return [settings.BASE_DIR / name for name in QUERY_FILES]


def read_queries(files):
    """[(query, {expected keys}, kind, part)] of the query files, in order."""
    rows = []
    for path in files:
        with Path(path).open(encoding="utf-8", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), 2):
                if not row.get("query") or not (row.get("expected") or "").split() or not row.get("part"):
                    raise QueryFileError(
                        f"{path}, line {line}: a query needs its text, expected places and part"
                    )
                rows.append((row["query"], set(row["expected"].split()), row.get("kind") or "", row["part"]))
    return rows


def tuning_queries(files):
    """[(query, {expected keys})] of the `tune` parts of the query files: what the map learns from. The held-out
    parts measure it."""
    tuning = [(query, expected) for query, expected, _, part in read_queries(files) if part == "tune"]
    if not tuning:
        raise QueryFileError("No tuning queries to learn from")
    return tuning


def digest(tuning):
    """What a map was learnt from: the tuning queries and the model's format (not the held-out parts, which may
    grow without changing the map)."""
    lines = [f"{network.FORMAT}"] + [f"{query}\t{' '.join(sorted(expected))}" for query, expected in tuning]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def fit(queries, passages, owners, positives):
    """The map (a WIDTH x WIDTH matrix) that brings each of `queries` (unit vectors) closest to its `positives`
    (sets of document numbers) among every document, a document as close as its closest passage. `passages` are
    unit vectors, each of the document `owners` names for it (numbered from 0, a document's passages side by
    side)."""
    queries, passages = queries.astype(np.float64), passages.astype(np.float64)
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    wanted = np.zeros((len(queries), len(starts)))
    for n, documents in enumerate(positives):
        wanted[n, list(documents)] = 1
    identity = np.eye(queries.shape[1])
    matrix = identity.copy()
    for _ in range(STEPS):
        raw = queries @ matrix.T
        length = np.linalg.norm(raw, axis=1, keepdims=True)
        unit = raw / length
        similarities = unit @ passages.T
        documents = np.maximum.reduceat(similarities, starts, axis=1)
        closest_passage = similarities >= documents[:, owners]  # where each document's score comes from
        logits = documents / TEMPERATURE
        weights = np.exp(logits - logits.max(axis=1, keepdims=True))
        chosen = weights * wanted
        # The gradient of -log(the share of the softmax on the expected documents), back through the unit length.
        by_document = (
            weights / weights.sum(1, keepdims=True) - chosen / chosen.sum(1, keepdims=True)
        ) / TEMPERATURE
        by_unit = (by_document[:, owners] * closest_passage) @ passages
        by_raw = (by_unit - (by_unit * unit).sum(1, keepdims=True) * unit) / length
        matrix -= RATE * (by_raw.T @ queries / len(queries) + PULL * (matrix - identity))
    return matrix


def learn(files):
    """Fit the map to the tuning queries of `files` and the content loaded, and write MAP_FILE, whole or not at
    all. Returns how many queries it learnt from."""
    from faqs.search import OneSearch, table  # (faqs.search imports this module)

    tuning = tuning_queries(files)
    chosen = OneSearch(table)
    vectors = chosen.vectors()
    ids = [int(id) for id in vectors.ids]
    keys = place_keys(ids)
    number = {keys[id]: n for n, id in enumerate(ids)}
    if unknown := sorted({k for _, expected in tuning for k in expected} - number.keys()):
        raise QueryFileError(f"No such place on the site: {', '.join(unknown)}")
    texts = [parse(query, chosen).suggestion or query for query, _ in tuning]
    examples = meaning.embed(texts)
    owners = np.repeat(np.arange(len(ids)), vectors.ends - vectors.starts)
    matrix = fit(examples, vectors.matrix, owners, [{number[k] for k in e} for _, e in tuning])
    change = (matrix - np.eye(network.WIDTH)).astype(np.float16)  # small numbers: half precision is plenty
    # The examples to a byte a number, each scaled to its largest (cosines within about 0.01): a quarter the size.
    scales = np.abs(examples).max(axis=1)
    handle, temporary = tempfile.mkstemp(dir=MAP_FILE.parent, suffix=".npz")
    try:
        with os.fdopen(handle, "wb") as f:
            np.savez_compressed(
                f,
                change=change,
                digest=np.array(digest(tuning)),
                examples=np.round(examples / scales[:, None] * 127).astype(np.int8),
                scales=scales.astype(np.float32),
                answers=np.array([" ".join(sorted(expected)) for _, expected in tuning]),
            )
        os.chmod(temporary, 0o644)  # a file of the code, read by whoever runs the site
        os.replace(temporary, MAP_FILE)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    learnt.cache_clear()
    return len(tuning)


@dataclass(frozen=True)
class Learnt:
    matrix: np.ndarray  # the map
    examples: np.ndarray  # the tuning queries' vectors as the model reads them, one a row, of unit length
    answers: tuple  # each example's places, as the query files name them
    digest: str  # what it was learnt from


@cache
def learnt():
    """What was learnt (Learnt), or None if nothing has been."""
    try:
        with np.load(MAP_FILE) as stored:
            change, examples, scales = stored["change"], stored["examples"], stored["scales"]
            answers, learnt_from = stored["answers"], str(stored["digest"])
    except FileNotFoundError:
        return None
    examples = examples.astype(np.float32) * scales[:, None]
    return Learnt(
        matrix=np.eye(network.WIDTH, dtype=np.float32) + change.astype(np.float32),
        examples=examples / np.linalg.norm(examples, axis=1, keepdims=True),
        answers=tuple(tuple(places.split()) for places in answers),
        digest=learnt_from,
    )


def mapped(vector):
    """`vector` (a query's, unit length) as this site's readers mean it, of unit length; None without a map."""
    if (found := learnt()) is None:
        return None
    moved = found.matrix @ vector
    return moved / np.linalg.norm(moved)


def answered(vector):
    """([(place key, score)] best first, how close the nearest tuning query is): the places that answered the
    tuning queries `vector` (a query's, unit length) reads like, each scoring the closeness of every such query it
    answered. No places when it reads like none of them (EXAMPLES, EXAMPLE_FLOOR, EXAMPLE_NEAR), or without
    examples."""
    if (found := learnt()) is None or not found.answers:
        return [], 0.0
    closeness = found.examples @ vector
    nearest = np.argsort(-closeness)[:EXAMPLES]
    least = max(EXAMPLE_FLOOR, closeness[nearest[0]] - EXAMPLE_NEAR)
    scores = {}
    for n in nearest[closeness[nearest] >= least]:
        for place in found.answers[n]:
            scores[place] = scores.get(place, 0.0) + float(closeness[n])
    return sorted(scores.items(), key=lambda item: (-item[1], item[0])), float(closeness[nearest[0]])
