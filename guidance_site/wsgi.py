import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guidance_site.settings")
django_application = get_wsgi_application()

from faqs.caching.wsgi import CachedPages  # noqa: E402 (needs the settings configured above)

application = CachedPages(django_application)
