"""The editors' admin: each area registers its own models (faqs/guides/admin.py, faqs/helplines/admin.py,
faqs/glossary/admin.py, faqs/pages/admin.py, faqs/editorial/admin.py).

`admin.site` is the two-step site (faqs/accounts/admin_site.py), which also carries the site's titles.
"""

from faqs.editorial import admin as editorial_admin  # noqa: F401 - registers reviews, notes, the notice
from faqs.glossary import admin as glossary_admin  # noqa: F401 - registers the glossary
from faqs.guides import admin as guides_admin  # noqa: F401 - registers the guides' models
from faqs.helplines import admin as helplines_admin  # noqa: F401 - registers the helplines
from faqs.pages import admin as pages_admin  # noqa: F401 - registers the help pages
