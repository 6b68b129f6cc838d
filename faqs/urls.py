from django.urls import path

from faqs import views

app_name = "faqs"
urlpatterns = [
    path("", views.home, name="home"),
    path("for/<slug:slug>/", views.audience, name="audience"),
    path("guides/<slug:slug>/", views.guide, name="guide"),
    path("guides/<slug:guide>/<slug:slug>/", views.question, name="question"),
    path("helplines/", views.helplines, name="helplines"),
    path("search/", views.search, name="search"),
    path("about-the-exit-button/", views.about_the_exit_button, name="about_the_exit_button"),
    path("cover-your-tracks/", views.cover_your_tracks, name="cover_your_tracks"),
]
