"""Every public address. One namespace, `faqs:`, whichever area a page belongs to."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from faqs.caching.middleware import public_page
from faqs.editorial.feed import ChangesFeed
from faqs.glossary import views as glossary
from faqs.guides import views as guides
from faqs.handouts import views as handouts
from faqs.helplines import views as helplines
from faqs.pages import views as pages
from faqs.pages.sitemaps import SITEMAPS, robots_txt
from faqs.search import views as search

app_name = "faqs"
urlpatterns = [
    path("", guides.home, name="home"),
    path("for/<slug:slug>/", guides.audience, name="audience"),
    path("guides/<slug:slug>/", guides.guide, name="guide"),
    path("guides/<slug:guide>/<slug:slug>/", guides.question, name="question"),
    # Not /guides/<slug>/print/: that could be a question's address.
    path("print/guides/<slug:slug>/", guides.guide_print, name="guide_print"),
    path("handout/", handouts.handout, name="handout"),
    path("glossary/", glossary.glossary, name="glossary"),
    path("helplines/", helplines.helplines, name="helplines"),
    path("feed/", ChangesFeed(), name="feed"),
    path("search/", search.search, name="search"),
    # Help pages: their text is content (content/pages/<slug>.md), their address is /<slug>/, their URL name
    # the slug with underscores. Listed one by one: no catch-all address reaches the database.
    *(path(f"{slug}/", pages.page, {"slug": slug}, name=slug.replace("-", "_")) for slug in pages.HELP_PAGES),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", public_page()(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
]
