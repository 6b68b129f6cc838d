"""A handout's choice of answers lives in its address alone (`?q=12&q=7&plain=1`): nothing is stored, no cookie
is set, and the address can be saved or sent to print the same handout again."""

from urllib.parse import urlencode

from django.urls import reverse

# Enough for any one conversation; a longer list is cut here, before it reaches the database.
MAX_ANSWERS = 20


def chosen_ids(values, limit=MAX_ANSWERS):
    """Question ids in the order given, repeats and anything that is not an id dropped, at most `limit` of them.
    Returns (ids, whether some were cut)."""
    ids = []
    for value in values:
        if value.isascii() and value.isdigit() and len(value) <= 18 and int(value) not in ids:
            ids.append(int(value))
    return ids[:limit], len(ids) > limit


def handout_url(ids, plain):
    query = [("q", pk) for pk in ids] + ([("plain", "1")] if plain else [])
    return f"{reverse('faqs:handout')}?{urlencode(query)}" if ids else reverse("faqs:handout")


def with_controls(questions, plain):
    """Each question with the addresses that move it up, down or out: reordering without JavaScript is
    following a link to the same handout in another order."""
    ids = [question.pk for question in questions]
    for i, question in enumerate(questions):
        question.remove_url = handout_url(ids[:i] + ids[i + 1 :], plain)
        question.up_url = i > 0 and handout_url(swapped(ids, i - 1), plain)
        question.down_url = i < len(ids) - 1 and handout_url(swapped(ids, i), plain)
    return questions


def swapped(ids, i):
    """`ids` with the id at `i` and the next one changed round."""
    ids = list(ids)
    ids[i], ids[i + 1] = ids[i + 1], ids[i]
    return ids
