"""Small factories: the fewest fields a test needs, everything else a sensible default."""

import datetime
import itertools

from django.contrib.auth.models import Group, User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_otp.plugins.otp_totp.models import TOTPDevice

from faqs.guides.audiences import seed_audiences
from faqs.models import Audience, Guide, Helpline, Page, PageSection, Question, Section
from tests.helpers import PASSWORD

_numbers = itertools.count(1)
TODAY = datetime.date(2026, 11, 22)


def make_guide(**fields):
    n = next(_numbers)
    fields = {
        "title": f"Guide {n}",
        "slug": f"guide-{n}",
        "original_title": f"Guide {n}",
        "source": "Family Rights Group",
        "added": TODAY,
        **fields,
    }
    return Guide.objects.create(**fields)


def make_section(guide=None, **fields):
    n = next(_numbers)
    # Made in order, they read in order: ordering has no other tie-break, and PostgreSQL breaks ties at random.
    return Section.objects.create(
        **{
            "guide": guide or make_guide(),
            "title": f"Section {n}",
            "slug": f"section-{n}",
            "order": n,
            **fields,
        }
    )


def make_question(section=None, *, audiences=("mothers",), topics=(), **fields):
    n = next(_numbers)
    seed_audiences(Audience)
    question = Question.objects.create(
        **{
            "section": section or make_section(),
            "text": f"Question {n}?",
            "slug": f"question-{n}",
            "answer": f"The answer to question {n}.",
            "added": TODAY,
            "order": n,  # as for sections
            **fields,
        }
    )
    question.audiences.set(list(Audience.objects.filter(slug__in=audiences)))
    if topics:
        question.topics.set(list(topics))
    return question


def make_helpline(*, audiences=("mothers",), **fields):
    """A helpline with a confirmed number and no hours (so no "Open now"), unless `fields` say otherwise."""
    n = next(_numbers)
    seed_audiences(Audience)
    helpline = Helpline.objects.create(
        **{
            "name": f"Helpline {n}",
            "slug": f"helpline-{n}",
            "group": Helpline.Group.EMOTIONAL,
            "description": f"What helpline {n} is for.",
            "phone": "0808 801 0366",
            "source": "Example",
            "last_checked": TODAY,
            **fields,
        }
    )
    helpline.audiences.set(list(Audience.objects.filter(slug__in=audiences)))
    return helpline


def make_editor(username="editor", *, groups=(), superuser=False, device=True):
    """A staff account with a password and (unless device=False) a confirmed authenticator app."""
    user = User.objects.create_user(
        username,
        password=PASSWORD,
        is_staff=True,
        is_superuser=superuser,
        email=f"{username}@example.invalid",
    )
    if Group.objects.filter(name__in=groups).count() < len(groups):
        recreate_groups()
    user.groups.set(Group.objects.filter(name__in=groups))
    if device:
        TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


def recreate_groups():
    """The groups as the migration makes them. Tests with a live server empty every table after each test,
    and only the migration makes groups."""
    executor = MigrationExecutor(connection)
    migration = executor.loader.get_migration("faqs", "0007_groups")
    state = executor.loader.project_state(("faqs", "0007_groups"))
    migration.operations[0].code(state.apps, None)


def make_help_page(slug, **fields):
    """A help page (its address is fixed by its slug: faqs.pages.views.HELP_PAGES) with one section."""
    page = Page.objects.create(**{"title": slug.replace("-", " ").capitalize(), "slug": slug, **fields})
    PageSection.objects.create(page=page, title="A section", slug="a-section", text="What it says.")
    return page
