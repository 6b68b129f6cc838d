"""The lean path: a cached page is answered before Django builds a request, runs middleware or a view."""

from faqs.caching import pages
from faqs.caching.middleware import KEY

REASONS = {200: "200 OK", 304: "304 Not Modified"}


class CachedPages:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        key = pages.key(environ)
        page = pages.lookup(key) if key else None
        if page is None:
            environ[KEY] = key  # the middleware stores under the key looked up, before the page was built
            return self.application(environ, start_response)
        status, headers, body = page.answer(environ)
        start_response(REASONS[status], headers)
        return [body]
