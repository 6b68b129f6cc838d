import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import caches

from faqs.caching import pages
from faqs.content.loading import load_content
from faqs.guides.audiences import seed_audiences
from faqs.models import Audience

# Playwright's sync API keeps an event loop in the test thread; the ORM calls the tests make between browser
# steps are ordinary synchronous calls, so Django's async-safety guard does not apply to them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CONTENT_DIR = settings.BASE_DIR / "content"


@pytest.fixture(autouse=True)
def empty_caches():
    """The database is rolled back after each test, and no signal says so: start each with nothing cached."""
    for cache in caches.all():
        cache.clear()
    pages.MEMORY.clear()


@pytest.fixture
def content(db):
    """The site's real content, loaded."""
    seed_audiences(Audience)
    return load_content(CONTENT_DIR)


@pytest.fixture
def content_copy(tmp_path):
    """A scratch copy of content/ for tests that break or change files."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target
