"""The content version: one token, shared by every server through the `content_version` cache.

Every cached page's key includes it, so replacing it drops every cached page on every server at once. It is
replaced by model signals, not by the code that writes content, so the admin, a revert (which is a save),
`load_content` and anything written later all invalidate the same way. Writes that send no signal
(`QuerySet.update()`, `bulk_create()`) must call `bump()` themselves.
"""

import uuid

from django.apps import apps
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

KEY = "content-version"
ALIAS = "content_version"


def current():
    store = caches[ALIAS]
    version = store.get(KEY)
    if version is None:
        # First use, or the shared cache evicted it: any new token is safe, it only means pages are rebuilt.
        store.add(KEY, uuid.uuid4().hex, None)
        version = store.get(KEY)
    return version


def replace():
    caches[ALIAS].set(KEY, uuid.uuid4().hex, None)


def bump(using=None, **kwargs):
    """Replace the version now, and again once the change is committed.

    The second replacement closes a race: a reader's request that read the new version before the commit
    would render the old rows under it. Tests run inside a transaction that never commits, hence the first.
    """
    replace()
    transaction.on_commit(replace, using=using)


def content_models():
    """Every model of the guidance (through and historical models too) and taggit's tags."""
    faqs = apps.get_app_config("faqs").get_models(include_auto_created=True)
    return [*faqs, *apps.get_app_config("taggit").get_models(include_auto_created=True)]


def connect():
    signals = {"save": post_save, "delete": post_delete, "m2m": m2m_changed}
    for model in content_models():
        for name, signal in signals.items():
            signal.connect(bump, sender=model, dispatch_uid=f"content-version-{name}-{model._meta.label}")
    post_migrate.connect(lambda **kwargs: replace(), weak=False, dispatch_uid="content-version-migrate")
