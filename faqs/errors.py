"""The site's own error pages: each carries the exit control, like every other page."""

from django.shortcuts import render


def server_error(request):
    """The 500 page, with the exit control: rendered without touching the database, which may be the problem."""
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    """A refused form post gets the site's own 403 page, exit control included, not Django's bare one."""
    return render(request, "403.html", {"csrf_failed": True}, status=403)
