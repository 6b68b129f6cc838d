"""Every public address. One namespace, `faqs:`, whichever area a page belongs to."""

from django.urls import path

from faqs.guides import views as guides
from faqs.helplines import views as helplines
from faqs.pages import views as pages
from faqs.search import views as search

app_name = "faqs"
urlpatterns = [
    path("", guides.home, name="home"),
    path("for/<slug:slug>/", guides.audience, name="audience"),
    path("guides/<slug:slug>/", guides.guide, name="guide"),
    path("guides/<slug:guide>/<slug:slug>/", guides.question, name="question"),
    path("helplines/", helplines.helplines, name="helplines"),
    path("search/", search.search, name="search"),
    # Help pages: their text is content (content/pages/<slug>.md), their address is /<slug>/, their URL name
    # the slug with underscores. Listed one by one: no catch-all address reaches the database.
    *(path(f"{slug}/", pages.page, {"slug": slug}, name=slug.replace("-", "_")) for slug in pages.HELP_PAGES),
]
