"""The editors' admin: each area registers its own models (faqs/guides/admin.py, faqs/helplines/admin.py, faqs/pages/admin.py)."""

from django.contrib import admin

from faqs.guides import admin as guides_admin  # noqa: F401 - registers the guides' models
from faqs.helplines import admin as helplines_admin  # noqa: F401 - registers the helplines
from faqs.pages import admin as pages_admin  # noqa: F401 - registers the help pages

admin.site.site_header = "Guidance editors"
admin.site.site_title = "Guidance editors"
admin.site.index_title = "Content"
