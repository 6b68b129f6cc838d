"""The second step of signing in to the admin, and setting up an authenticator app for it.

An editor whose password was accepted is "waiting": every admin page sends them here, and nothing else is
open to them. A wrong code counts towards django-axes' lockout exactly as a wrong password does.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address, get_lockout_response
from axes.utils import reset as reset_attempts
from django import forms
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.signals import user_login_failed
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login

from faqs.accounts import devices


class CodeForm(forms.Form):
    code = forms.CharField(
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


def is_waiting(request):
    """Signed in with a password, allowed the admin, but not yet through the second step."""
    user = request.user
    return user.is_authenticated and user.is_active and user.is_staff and not user.is_verified()


def redirect_to_second_step(request):
    return HttpResponseRedirect(f"{reverse('admin:two_step')}?{REDIRECT_FIELD_NAME}={_next(request, True)}")


def _next(request, current=False):
    """Where to go once through: the page asked for, if it is on this site; otherwise the admin index."""
    url = (
        request.get_full_path()
        if current
        else request.POST.get(REDIRECT_FIELD_NAME, request.GET.get(REDIRECT_FIELD_NAME))
    )
    safe = url and url_has_allowed_host_and_scheme(
        url, {request.get_host()}, require_https=request.is_secure()
    )
    return url if safe else reverse("admin:index")


@never_cache
def code_step(request):
    if not is_waiting(request):
        return HttpResponseRedirect(
            reverse("admin:login") if not request.user.is_authenticated else _next(request)
        )
    if not devices.has_device(request.user):
        return HttpResponseRedirect(f"{reverse('admin:two_step_set_up')}?{request.GET.urlencode()}")
    locked = _refuse_if_locked(request)
    if locked or "cancel" in request.POST:
        return locked or _cancel(request)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = devices.matching_device(request.user, form.cleaned_data["code"])
        if device:
            return _pass(request, device)
        _count_wrong_code(request, form)
    return _render(request, "admin/two_step/code.html", form, title="Enter your code")


@never_cache
def set_up(request):
    if not _may_set_up(request):
        return (
            redirect_to_second_step(request)
            if is_waiting(request)
            else HttpResponseRedirect(reverse("admin:login"))
        )
    user = request.user
    locked = _refuse_if_locked(request)
    if locked or "cancel" in request.POST:
        return locked or _cancel(request)
    device = devices.device_being_set_up(user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if devices.confirm_app(device, form.cleaned_data["code"]):
            _pass(request, device)
            codes = devices.issue_recovery_codes(user)
            return render(
                request,
                "admin/two_step/recovery_codes.html",
                _context(request, title="Your recovery codes", codes=codes),
            )
        _count_wrong_code(request, form)
    extra = {
        "secret": devices.secret_text(device),
        "uri": device.config_url,
        "qr": devices.qr_code_data_uri(device),
    }
    return _render(request, "admin/two_step/set_up.html", form, title="Set up two-step sign-in", **extra)


def _may_set_up(request):
    """An account with nothing to pass the second step with; or one already through it, adding a new app
    (after a lost phone, once in with a recovery code). Never one that has a device but has not used it:
    a password alone must not be enough to add a device of one's own."""
    if is_waiting(request):
        return not devices.has_device(request.user)
    return request.user.is_authenticated and request.user.is_staff and request.user.is_verified()


def _pass(request, device):
    """Through: a new session key for the raised privilege, and the lockout count for this account cleared."""
    otp_login(request, device)
    request.session.cycle_key()
    reset_attempts(ip=get_client_ip_address(request), username=request.user.get_username())
    return HttpResponseRedirect(_next(request))


def _count_wrong_code(request, form):
    """Tell django-axes, as a wrong password would; at the limit it answers with the lockout page."""
    user_login_failed.send(__name__, credentials={"username": request.user.get_username()}, request=request)
    if getattr(request, "axes_locked_out", False):
        logout(request)
    form.add_error("code", "That code was not accepted. Check it and try again.")


def _refuse_if_locked(request):
    credentials = {"username": request.user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        logout(request)
        return get_lockout_response(request, None, credentials)
    return None


def _cancel(request):
    logout(request)
    return HttpResponseRedirect(reverse("admin:login"))


def _context(request, **extra):
    from django.contrib import admin  # the site is made after this module is imported

    return {**admin.site.each_context(request), REDIRECT_FIELD_NAME: _next(request), **extra}


def _render(request, template, form, **extra):
    return render(request, template, _context(request, form=form, **extra))
