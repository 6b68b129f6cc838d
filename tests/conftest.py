import shutil

import pytest
from django.core.cache import caches
from django_otp.plugins.otp_totp.models import TOTPDevice

from faqs.caching import pages
from faqs.content.loading import load_content
from faqs.guides.audiences import seed_audiences
from faqs.models import Audience
from faqs.search import cache as search_cache
from tests.factories import make_editor
from tests.helpers import CONTENT_DIR, EDITOR, SMALL_GUIDE, SMALL_HELPLINES, verified_client, write_file


@pytest.fixture(autouse=True)
def empty_caches():
    """The database is rolled back after each test, and no signal says so: start each with nothing cached."""
    for cache in caches.all():
        cache.clear()
    pages.MEMORY.clear()
    search_cache.forget()


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


@pytest.fixture
def small_site(db, tmp_path):
    """A folder with one small guide (`mothers`) and one helpline, loaded."""
    seed_audiences(Audience)
    folder = write_file(tmp_path / "small-site", "mothers.md", SMALL_GUIDE)
    load_content(write_file(folder, "helplines.md", SMALL_HELPLINES))
    return folder


@pytest.fixture
def editor(db):
    """An editor with every permission and an authenticator app, who can sign in with helpers.PASSWORD and
    helpers.app_code (not yet signed in)."""
    return make_editor(EDITOR, superuser=True)


@pytest.fixture
def admin_client(admin_user):
    """pytest-django's admin_client, signed in through both steps (the admin is closed to a password alone)."""
    TOTPDevice.objects.create(user=admin_user, name="Authenticator app", confirmed=True)
    return verified_client(admin_user)
