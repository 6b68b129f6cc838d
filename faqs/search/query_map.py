"""How this site's readers mean what they type: a linear map of a query's vector (faqs/search/meaning.py), learnt
from the relevance set's tuning queries, each with the places that answer it.

The sentence model was trained on the web's text, not on a frightened mother's words for the guidance's ("can he
take the kids abroad without my permission" for a Prohibited Steps Order). The map moves
a query's vector towards the passages that answered queries like it, and no further than the examples bear out:
it is pulled back towards leaving the vector as it is (PULL). Search ranks by meaning with the vector as the model
reads it and as mapped, each for half of meaning's share (faqs/search/ranking.py), so that a place no example
has named yet (new content) is still found as well as before.

    learn(files)        # fits the map to the tuning queries of `files` and the content loaded; writes MAP_FILE
    mapped(vector)      # the query's vector as this site's readers mean it; None when there is no map

Learnt again (`manage.py learn_query_map`) when the tuning queries change; the map records their digest, and a
test says when it is out of date.
"""

import csv
import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path

import numpy as np

from faqs.search import meaning, network
from faqs.search.documents import kind_of
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
    owners = np.repeat(np.arange(len(ids)), vectors.ends - vectors.starts)
    matrix = fit(meaning.embed(texts), vectors.matrix, owners, [{number[k] for k in e} for _, e in tuning])
    change = (matrix - np.eye(network.WIDTH)).astype(np.float16)  # small numbers: half precision is plenty
    handle, temporary = tempfile.mkstemp(dir=MAP_FILE.parent, suffix=".npz")
    try:
        with os.fdopen(handle, "wb") as f:
            np.savez_compressed(f, change=change, digest=np.array(digest(tuning)))
        os.chmod(temporary, 0o644)  # a file of the code, read by whoever runs the site
        os.replace(temporary, MAP_FILE)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    the_map.cache_clear()
    return len(tuning)


@cache
def the_map():
    """(the matrix, the digest it was learnt from), or None if no map has been learnt."""
    try:
        with np.load(MAP_FILE) as stored:
            change, learnt_from = stored["change"], str(stored["digest"])
    except FileNotFoundError:
        return None
    return (np.eye(network.WIDTH, dtype=np.float32) + change.astype(np.float32)), learnt_from


def mapped(vector):
    """`vector` (a query's, unit length) as this site's readers mean it, of unit length; None without a map."""
    if (found := the_map()) is None:
        return None
    moved = found[0] @ vector
    return moved / np.linalg.norm(moved)
