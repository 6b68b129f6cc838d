"""Finished public pages as stored and served: every encoding made once, an ETag, conditional answers.

A stored page is keyed by the content version and the raw request line and host (`key`), so a page is only
ever served to a request Django itself would have answered with it. Pages for everyone go in the shared cache,
and each process keeps the ones it serves in a small memory (`MEMORY`) that a new content version empties.
Search results go only in that memory, never in Redis or on disk, because the key holds what was searched for.
"""

import gzip
import hashlib
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass

import brotli
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from faqs.caching import version

logger = logging.getLogger(__name__)
ENCODINGS = ("br", "gzip")  # preferred first; "identity" when the browser asks for neither
# Headers that describe one encoding's bytes, set per answer rather than stored.
PER_ANSWER = {"content-length", "content-encoding", "etag", "cache-control", "vary"}
MEMORY_SIZE = 300
# Where an answer may be stored: "shared" (the cache every server uses), "memory" (this process only).
SHARED, MEMORY_ONLY = "shared", "memory"


def compress(body, encoding):
    if encoding == "br":
        return brotli.compress(body, quality=6)
    return gzip.compress(body, compresslevel=6, mtime=0)


@dataclass
class Page:
    status: int
    headers: list
    bodies: dict
    etag: str
    valid_until: float | None = None

    @classmethod
    def from_response(cls, response, valid_until=None):
        body = response.content
        headers = [(k, v) for k, v in response.items() if k.lower() not in PER_ANSWER]
        bodies = {"identity": body, **{e: compress(body, e) for e in ENCODINGS}}
        etag = f'W/"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
        return cls(response.status_code, headers, bodies, etag, valid_until)

    def fresh(self):
        return self.valid_until is None or timezone.now().timestamp() < self.valid_until

    def answer(self, environ):
        """(status, headers, body) for this request: 304 when its copy is current, else the best encoding."""
        common = [("ETag", self.etag), ("Cache-Control", "no-cache"), ("Vary", "Accept-Encoding")]
        if self.etag in if_none_match(environ.get("HTTP_IF_NONE_MATCH", "")):
            return 304, common, b""
        encoding = choose_encoding(environ.get("HTTP_ACCEPT_ENCODING", ""))
        body = self.bodies[encoding]
        headers = [*self.headers, *common, ("Content-Length", str(len(body)))]
        if encoding != "identity":
            headers.append(("Content-Encoding", encoding))
        return self.status, headers, b"" if environ.get("REQUEST_METHOD") == "HEAD" else body


def if_none_match(value):
    tags = {tag.strip() for tag in value.split(",")}
    # Weak comparison (RFC 9110), as for GET: a tag matches with or without its W/ prefix.
    return tags | {f"W/{tag}" for tag in tags if not tag.startswith("W/")}


def choose_encoding(accept_encoding):
    offered = {}
    for item in accept_encoding.lower().split(","):
        name, _, params = item.strip().partition(";")
        offered[name.strip()] = params.replace(" ", "") not in {"q=0", "q=0.0", "q=0.00", "q=0.000"}
    return next((e for e in ENCODINGS if offered.get(e)), "identity")


def key(environ):
    """The cache key for this request, or None when it must not be answered from the cache.

    Any request carrying a cookie is an editor's (readers are never given one): never served from the cache.
    The scheme, the proxy's scheme header and the host are part of the key as sent, so an HTTP request or an
    unknown host never gets a page Django served to an HTTPS request for a known host.
    """
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or environ.get("HTTP_COOKIE"):
        return None
    proxy_header = (settings.SECURE_PROXY_SSL_HEADER or ("", ""))[0]
    parts = (
        environ.get("wsgi.url_scheme", ""),
        environ.get(proxy_header, ""),
        environ.get("HTTP_HOST", ""),
        environ.get("SERVER_NAME", ""),  # Django's host when there is no Host header
        environ.get("SERVER_PORT", ""),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
    )
    try:
        current = version.current()
    except Exception:  # Redis unreachable: build every page afresh rather than fail or risk a stale one
        logger.exception("The content version cannot be read: pages are not cached")
        return None
    return "page:" + current + ":" + hashlib.blake2b("\n".join(parts).encode()).hexdigest()


class Memory:
    """A bounded per-process store, emptied whenever the content version changes (keys hold the version)."""

    def __init__(self, size):
        self.size = size
        self.pages = OrderedDict()
        self.version = None
        self.lock = threading.Lock()  # threaded servers share it

    def get(self, key):
        with self.lock:
            self._forget_other_versions(key)
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def set(self, key, page):
        with self.lock:
            self._forget_other_versions(key)
            self.pages[key] = page
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def _forget_other_versions(self, key):
        current = key.split(":", 2)[1]
        if current != self.version:
            self.pages.clear()
            self.version = current

    def clear(self):
        with self.lock:
            self.pages.clear()


MEMORY = Memory(MEMORY_SIZE)


def lookup(key):
    """This process's memory first (no unpickling), then the shared cache, whose pages memory then keeps."""
    page = MEMORY.get(key)
    if page is None:
        page = cache.get(key, None)
        if page is not None:
            MEMORY.set(key, page)
    return page if page is not None and page.fresh() else None


def store(key, page, where):
    MEMORY.set(key, page)
    if where == SHARED:
        try:
            cache.set(key, page)
        except Exception:  # the reader still gets the page; the next request builds it again
            logger.exception("A page could not be stored in the shared cache")
