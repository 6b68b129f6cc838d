import shutil

import pytest
from django.contrib.auth.models import User

from faqs.content.loading import load_content
from faqs.guides.audiences import seed_audiences
from faqs.models import Audience
from tests.helpers import CONTENT_DIR, EDITOR, PASSWORD


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
def editor(db):
    """An editor who can log in to the admin with helpers.PASSWORD (not yet logged in)."""
    return User.objects.create_superuser(EDITOR, "editor@example.invalid", PASSWORD)
