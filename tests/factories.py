"""Small factories: the fewest fields a test needs, everything else a sensible default."""

import datetime
import itertools
import time

from django.contrib.auth.models import Group, User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from faqs.guides.audiences import seed_audiences
from faqs.models import Audience, Guide, Helpline, Question, Section

_numbers = itertools.count(1)
TODAY = datetime.date(2026, 11, 22)


def make_guide(**fields):
    n = next(_numbers)
    fields = {
        "title": f"Guide {n}",
        "slug": f"guide-{n}",
        "original_title": f"Guide {n}",
        "source": "Family Rights Group",
        "last_reviewed": TODAY,
        **fields,
    }
    return Guide.objects.create(**fields)


def make_section(guide=None, **fields):
    n = next(_numbers)
    return Section.objects.create(
        **{"guide": guide or make_guide(), "title": f"Section {n}", "slug": f"section-{n}", **fields}
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
            "last_reviewed": TODAY,
            **fields,
        }
    )
    question.audiences.set(list(Audience.objects.filter(slug__in=audiences)))
    if topics:
        question.topics.set(list(topics))
    return question


PASSWORD = "a long enough password"


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


def app_code(user, device=None):
    """The code the editor's app shows now, computed from the device's secret; if this time step's code was
    already used (a device accepts each once), the next step's, which the device also accepts."""
    device = TOTPDevice.objects.get(pk=(device or _app(user)).pk)  # fresh: last_t changes as codes are used
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step
    return f"{totp.token():0{device.digits}d}"


def allow_the_next_try_at_once(user):
    """django-otp makes each device wait a second (doubling) after a wrong code: tests need not."""
    for device in [*TOTPDevice.objects.filter(user=user), *StaticDevice.objects.filter(user=user)]:
        device.throttle_reset()


def _app(user):
    return TOTPDevice.objects.filter(user=user).order_by("-confirmed", "-pk").first()


def verified_client(user):
    """A test client signed in as `user` through both steps, as if the app's code had been entered."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = _app(user).persistent_id
    session.save()
    return client


def make_helpline(**fields):
    n = next(_numbers)
    fields = {
        "name": f"Helpline {n}",
        "slug": f"helpline-{n}",
        "group": Helpline.Group.DOMESTIC_ABUSE,
        "description": "Support by phone.",
        "phone": "0808 2000 247",
        "source": "The service's own website",
        "last_checked": TODAY,
        **fields,
    }
    return Helpline.objects.create(**fields)
