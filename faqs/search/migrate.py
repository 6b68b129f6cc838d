"""Around every `migrate`: take the SQLite search triggers away before, put them back (and rebuild) after.

See faqs/search/sqlite_backend.py for why. PostgreSQL's triggers stay put: they block no migration.
"""

from django.db import connections

from faqs.search import spelling, sqlite_backend


def before_migrate(using, **kwargs):
    connection = connections[using]
    if connection.vendor == "sqlite":
        sqlite_backend.drop_triggers(connection)


def after_migrate(using, **kwargs):
    connection = connections[using]
    if connection.vendor == "sqlite":
        sqlite_backend.install_triggers(connection)
    spelling.forget_vocabulary()
