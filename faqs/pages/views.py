"""The help pages: what the exit button does, and how to cover your tracks."""

from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import render

from faqs.caching.middleware import public_page


@public_page()
def about_the_exit_button(request):
    exit_site = urlsplit(settings.EXIT_URL).netloc
    crumbs = [("About the exit button", None)]
    return render(request, "pages/about_the_exit_button.html", {"exit_site": exit_site, "crumbs": crumbs})


@public_page()
def cover_your_tracks(request):
    return render(request, "pages/cover_your_tracks.html", {"crumbs": [("Cover your tracks", None)]})
