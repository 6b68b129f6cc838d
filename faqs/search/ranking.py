"""Ranking search's matches: by words (bm25 over the index in memory, faqs/search/index.py), by meaning (the
documents' vectors, faqs/search/vectors.py), and the two merged into the one order a reader sees."""

import math

from faqs.search import meaning, query_map
from faqs.search.documents import BY_NAME, KINDS, kind_of
from faqs.search.text import words

# A synonym is a good sign but not as good as the reader's own words: it scores this share of a typed match.
SYNONYM_SHARE = 0.7
# Up to this many matches, every one is scored in full. Past it (a large site, common words), bm25 over the
# query's selective concepts picks this many candidates, and they are ordered by that rank and by how much of the
# query they cover; readers are told the list stops there.
SHORTLIST = 100
# A concept matching more than this share of all documents says little about which is best: it still counts
# towards coverage, but not towards picking the shortlist.
SELECTIVE = 0.1
# Search by meaning: a document is a match if its vector is at least CLOSE to the query's (cosine: 0 unrelated;
# a passage that answers in other words is typically 0.4 to 0.7, and on this site a query about something else,
# "football scores", comes to 0.25 at most) and within NEAR of the closest document's: the CLOSEST of them, at most.
CLOSE = 0.35
NEAR = 0.15
CLOSEST = 20
# Merging the two rankings (reciprocal rank fusion): a document scores 1 / (RANK_OFFSET + its place) in the
# ranking by words, and MEANING_SHARE of that for its place in the ranking by meaning. A small offset lets the
# first places of either ranking decide; words count a little more, because a reader's own words are the best
# sign of what she wants. Not much more: the words find most through the synonyms file, which was written for the
# queries the ranking was tuned on, and a reader's words may be in no file. With the file set aside, the tuning
# queries put meaning at 1.0 to 1.25; with it, at 0.8 to 1.0 (README: Search relevance). Meaning's share is
# shared between its rankings: the query as the model reads it, as this site's readers mean it, and what answered
# the queries it reads like (query_map.py).
RANK_OFFSET = 5
MEANING_SHARE = 0.9
# The places that answered the tuning queries a query reads like (query_map.answered) are a surer sign the closer
# it reads to the nearest of them: at the examples' floor (query_map.EXAMPLE_FLOOR), where an example first counts,
# that ranking counts as much as each reading of meaning; TRUSTED_ABOVE the floor or more, TRUSTED_WEIGHT times as
# much, and meaning's share grows to TRUSTED_SHARE; in between, in proportion. A reader who puts a question almost
# as an earlier reader did is best answered as that one was; one about a place no example names reads like none
# closely, and is ranked as before. Chosen on 5 December 2026 (evening), the way the examples' floor was (README:
# Search relevance): the nine latest blind parts in the tuning set left out in turn, question recall@3 0.937 ->
# 0.950 and whole-site 0.927 -> 0.937; of the queries about a fifth of the places (two draws), five question
# queries lost of 1,208 and one whole-site gained of 969. Trusted from 0.8 to 0.9 close: three fewer lost, ten and
# four fewer gained; trusting the examples twice as much for every query lost 13 question queries about new places.
TRUSTED_ABOVE = 0.1
TRUSTED_WEIGHT, TRUSTED_SHARE = 2.0, 1.1
# What a kind of result counts when the query asks for that kind by name (`kind_weights`): a little more than
# others, as a tie-breaker among places that match as much of the query. Measured on the tuning parts without the
# query map (5 December 2026): whole-site recall@3 0.918 at 1.0, 0.925 at 1.25, 0.926 at 1.5; question queries
# the same at 1.25 and a little worse at 1.5 (a question that answers a "who can I call" query put below a
# helpline).
ASKED_FOR = 1.25
# A reader may ask about a whole part of a guide ("what court orders can protect me"): its questions each answer
# one case and fill the first places, and the part's introduction, which says what they are, comes after them.
# When the first OVERVIEW_WHEN results are all questions of one part, the part (if it matches the query at all)
# is put among the first SEEN. Measured on the tuning parts without the query map (5 December 2026): whole-site
# recall@3 0.919 -> 0.925, question queries unchanged; when three of the first four are enough, the same; a help
# page's introduction put after its sections the same way, nothing gained.
OVERVIEW_WHEN = 4
# The first places are what a reader looks at (and what the relevance sets count): a result moved up is put last
# among them, below the ones that earned their places.
SEEN = 3
# When questions fill the first SEEN places, a help page, part of one or a glossary term that answers as well
# comes next, where she may not look: so when the first SEEN results are all of one kind and the next is of one of
# these kinds, it is put among them. Measured on the tuning parts without the query map (5 December 2026):
# whole-site recall@3 0.921 -> 0.929 (what the site keeps about a reader, hiding that she has been on it, "fgc"),
# question queries unchanged. A helpline or a part of a guide moved up the same way gained five whole-site queries
# and lost five question ones; looking at the fifth place too gained one and lost two.
MIXED_IN = {BY_NAME[name].number for name in ("page", "page-section", "about", "about-section", "glossary")}
# Each kind's label as the words a query names it by, read once ("Help page" -> ("help", "page")).
NAMES = {kind.number: tuple(words(kind.label.lower())) for kind in KINDS}


def rank(matches, chosen, allowed, weights):
    """Document ids best first, by words. `matches` is {concept: (ids matching as typed, ids matching a synonym)}.
    Each concept weighs its inverse document frequency: rare words decide more than common ones, and a concept
    nothing matches (a stray word) is left out. `weights` is what each kind of result counts (`kind_weights`)."""
    size = max(chosen.index().size, 1)
    # Common words match thousands of documents on a large site: each concept's are put together once, and all
    # of them together only when each concept's are few enough for them to be.
    found = {concept: typed | synonym for concept, (typed, synonym) in matches.items()}
    weighted = [
        (concept, math.log(1 + (size - len(ids) + 0.5) / (len(ids) + 0.5)))
        for concept, ids in found.items()
        if ids
    ]
    if not weighted:
        return []
    total = sum(weight for _, weight in weighted)
    if max(map(len, found.values())) <= SHORTLIST and len(set().union(*found.values())) <= SHORTLIST:
        rows = chosen.index().hits(weighted, matches, SYNONYM_SHARE)
    else:
        rows = shortlisted(found, weighted, size, chosen, allowed)
    scored = sorted(
        (-score * covered / total * weights[kind_of(id).number], id) for id, score, covered in rows
    )
    return [id for _, id in scored]


def matched(matches):
    """The ids of every document a concept of `matches` matches, as typed or by a synonym."""
    return set().union(*(ids for pair in matches.values() for ids in pair))


def kind_weights(concepts):
    """{kind number: how much its results count} for a query of `concepts`: the kind's weight (1 for most, less
    for a pointer to a place: documents.DocumentKind.weight), or ASKED_FOR when the query names the kind. A reader
    who asks whom she can talk to is asking for a helpline, and one who asks what a word means for the glossary
    (the synonyms file reads "who can i talk to" as "helpline", "meaning" as "glossary"), not for the places
    that mention them."""
    named = {phrase for concept in concepts for phrase in (concept.typed, *concept.synonyms)}
    return {kind.number: ASKED_FOR if NAMES[kind.number] in named else kind.weight for kind in KINDS}


def seen(ids, moved):
    """`ids` (best first) with `moved`, one of them, put last among the first SEEN."""
    rest = [id for id in ids if id != moved]
    return [*rest[: SEEN - 1], moved, *rest[SEEN - 1 :]]


def with_overview(ids, parts):
    """`ids` (best first) with the part of a guide its first OVERVIEW_WHEN are all questions of put among the first
    SEEN, if it is among them and lower. `parts` is {question's document id: its part's document id}."""
    first = {parts.get(id) for id in ids[:OVERVIEW_WHEN]}
    if len(ids) < OVERVIEW_WHEN or len(first) != 1 or None in first:
        return ids
    (part,) = first
    if part not in ids or ids.index(part) < SEEN:
        return ids
    return seen(ids, part)


def with_other_kind(ids):
    """`ids` (best first) with the result after the first SEEN put among them, when those are all of one kind and
    it is of another kind in MIXED_IN."""
    if len(ids) <= SEEN:
        return ids
    first = {kind_of(id).number for id in ids[:SEEN]}
    after = kind_of(ids[SEEN]).number
    if len(first) != 1 or after in first or after not in MIXED_IN:
        return ids
    return seen(ids, ids[SEEN])


def shortlisted(found, weighted, size, chosen, allowed):
    """(id, score, covered weight) for the SHORTLIST candidates bm25 ranks best among the `allowed` ids.
    `found` is {concept: the ids it matches}."""
    selective = [c for c, _ in weighted if len(found[c]) <= size * SELECTIVE]
    rarest = max(weighted, key=lambda item: item[1])[0]
    candidates = chosen.index().shortlist(selective or [rarest], found, SHORTLIST, allowed)
    return [(id, score, sum(weight for c, weight in weighted if id in found[c])) for id, score in candidates]


class Readings(list):
    """A query's rankings by meaning (`closest`), and how far the last of them, the examples', is trusted: from 0,
    as much as the others (and when there is none), to 1 (TRUSTED_ABOVE)."""

    trust = 0.0


def closest(text, chosen):
    """The documents closest in meaning to `text`, as [(document id, similarity, its closest passage)] best first
    (CLOSE, NEAR, CLOSEST): one such ranking for the query as the model reads it, one for the query as this
    site's readers mean it (faqs/search/query_map.py), when there is a map, and one of the places that answered
    the tuning queries it reads like, when it reads like any (their passage: the first). A `Readings`."""
    rankings = Readings()
    try:
        vector = meaning.embed([text])[0]
    except meaning.ModelMissing:
        return rankings  # words alone still find; `manage.py check` says what is missing
    vectors = chosen.vectors()
    for reading in (vector, query_map.mapped(vector)):
        if reading is not None:
            found = vectors.closest(reading, CLOSEST, CLOSE)
            rankings.append([(id, s, place) for id, s, place in found if s >= found[0][1] - NEAR])
    answers, nearest = query_map.answered(vector)
    if answers:
        ids = query_map.places(chosen)  # a place an example names may have gone since
        if found := [(ids[key], score, 0) for key, score in answers if key in ids]:
            rankings.append(found)
            rankings.trust = min((nearest - query_map.EXAMPLE_FLOOR) / TRUSTED_ABOVE, 1.0)  # (none below it)
    return rankings


def merged(by_words, by_meaning, weights=None, trust=0.0):
    """One ranking of several, by reciprocal rank fusion (RANK_OFFSET, MEANING_SHARE): each document scores for
    its place in the ranking by words and in each of the rankings `by_meaning`, which share meaning's part, the
    last trusted by `trust` (`Readings`). A kind's weight (`weights`, as `rank` has them) applies to its places by
    meaning as `rank` applies it to words."""
    weights = weights or kind_weights(())
    scores = {id: 1 / (RANK_OFFSET + place) for place, id in enumerate(by_words)}
    parts = [1.0] * len(by_meaning)
    if trust:
        parts[-1] += trust * (TRUSTED_WEIGHT - 1)
    share = (MEANING_SHARE + trust * (TRUSTED_SHARE - MEANING_SHARE)) / max(sum(parts), 1)
    for part, ranking in zip(parts, by_meaning, strict=True):
        counts = share * part
        for place, id in enumerate(ranking):
            scores[id] = scores.get(id, 0.0) + counts * weights[kind_of(id).number] / (RANK_OFFSET + place)
    return sorted(scores, key=lambda id: (-scores[id], id))
