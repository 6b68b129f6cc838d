import os

from django.core.wsgi import get_wsgi_application
from django.db import connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guidance_site.settings")
django_application = get_wsgi_application()

from faqs.caching.wsgi import CachedPages  # noqa: E402 (needs the settings configured above)
from faqs.search import prepare  # noqa: E402

application = CachedPages(django_application)
prepare()  # before this process's first reader searches
connections.close_all()  # should the app server fork after loading this, no two processes share a connection
