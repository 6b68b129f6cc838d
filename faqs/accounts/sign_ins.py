"""When an editor's account last signed in, so that a sign-in they did not make is noticed.

Django overwrites `last_login` the moment a password is accepted, so by the time the admin index renders it
holds the current sign-in. The one before is kept in the session first, and the index shows that.
"""

from django.contrib.auth.models import update_last_login
from django.utils.dateparse import parse_datetime

PREVIOUS_SIGN_IN = "previous_sign_in"


def remember_previous_sign_in(sender, request, user, **kwargs):
    """Connected in place of Django's update_last_login (faqs/apps.py), so the order is certain."""
    if request is not None:
        previous = user.last_login.isoformat() if user.last_login else None
        request.session[PREVIOUS_SIGN_IN] = previous
    update_last_login(sender, user, **kwargs)


def previous_sign_in(request):
    """The sign-in before this one, or None for an account's first."""
    value = request.session.get(PREVIOUS_SIGN_IN)
    return parse_datetime(value) if value else None
