"""Every public address. One namespace, `faqs:`, whichever area a page belongs to."""

from django.urls import path

from faqs.editorial.feed import ChangesFeed
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
    path("feed/", ChangesFeed(), name="feed"),
    path("search/", search.search, name="search"),
    path("about-the-exit-button/", pages.about_the_exit_button, name="about_the_exit_button"),
    path("cover-your-tracks/", pages.cover_your_tracks, name="cover_your_tracks"),
]
