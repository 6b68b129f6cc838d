"""Public pages: marked by their views, then compressed, given an ETag, and stored for the next reader.

Only views decorated with `public_page` are touched, so the admin is never compressed (BREACH) nor cached. The
middleware comes first in MIDDLEWARE, so what it stores carries every header the others added.
"""

from dataclasses import dataclass
from functools import wraps

from django.http import HttpResponse
from django.utils import timezone

from faqs.caching import pages

KEY = "faqs.cache_key"  # set in the WSGI environ by `faqs.caching.wsgi` when it already looked


@dataclass(frozen=True)
class Policy:
    query: tuple = ()  # the query parameters the view reads; any other makes the answer uncacheable
    where: str = pages.SHARED
    per_minute: bool = False  # valid until the end of the minute (London's minutes are UTC's)


def public_page(query=(), where=pages.SHARED, per_minute=False):
    policy = Policy(tuple(query), where, per_minute)

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.public_page = policy
            return response

        return wrapped

    return decorate


def as_response(page, environ):
    status, headers, body = page.answer(environ)
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    return response


def storable(request, policy):
    return request.method == "GET" and set(request.GET) <= set(policy.query)


class PublicPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if KEY in request.META:
            key = request.META[KEY]
        else:
            key = pages.key(request.META)
            page = pages.lookup(key) if key else None
            if page is not None:
                return as_response(page, request.META)
        # Before the view reads the clock, so a page never outlives its minute; Django's clock, the one the views
        # read, so the two can never disagree about which minute it is.
        started = timezone.now().timestamp()
        response = self.get_response(request)
        policy = getattr(response, "public_page", None)
        # A response setting a cookie is an editor's session at work: leave it whole, and uncompressed.
        if policy is None or response.status_code != 200 or response.streaming or response.cookies:
            return response
        valid_until = (started // 60 + 1) * 60 if policy.per_minute else None
        page = pages.Page.from_response(response, valid_until)
        if key and storable(request, policy):
            pages.store(key, page, policy.where)
        return as_response(page, request.META)
