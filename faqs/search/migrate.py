"""Around every `migrate`: take the search triggers away before, put them back (and rebuild) after.

The triggers are built from faqs/search/documents.py, so they always match the declarations and the tables as
the migrations left them; on SQLite they must also be out of the way while tables are rebuilt
(see faqs/search/sqlite_backend.py).
"""

from django.db import connections

from faqs.search import postgres_backend, spelling, sqlite_backend

BACKENDS = {"sqlite": sqlite_backend, "postgresql": postgres_backend}


def before_migrate(using, **kwargs):
    connection = connections[using]
    BACKENDS[connection.vendor].drop_triggers(connection)


def after_migrate(using, **kwargs):
    connection = connections[using]
    BACKENDS[connection.vendor].install_triggers(connection)
    spelling.forget_vocabulary()
