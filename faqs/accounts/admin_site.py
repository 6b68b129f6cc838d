"""The editors' admin: Django's, open only to an editor who has passed both steps of signing in."""

from functools import update_wrapper

from django.contrib import admin
from django.urls import path
from django.views.decorators.csrf import csrf_protect

from faqs.accounts import two_step
from faqs.accounts.sign_ins import previous_sign_in


class EditorsAdminSite(admin.AdminSite):
    site_header = site_title = "Guidance editors"
    index_title = "Content"
    index_template = "admin/editors_index.html"

    def has_permission(self, request):
        return super().has_permission(request) and request.user.is_verified()

    def admin_view(self, view, cacheable=False):
        """A password alone reaches only the second step: every admin page sends such an editor there."""
        inner = super().admin_view(view, cacheable)

        def checked(request, *args, **kwargs):
            if two_step.is_waiting(request):
                return two_step.redirect_to_second_step(request)
            return inner(request, *args, **kwargs)

        return update_wrapper(checked, view)

    def login(self, request, extra_context=None):
        if request.method == "GET" and two_step.is_waiting(request):
            return two_step.redirect_to_second_step(request)
        return super().login(request, extra_context)

    def index(self, request, extra_context=None):
        return super().index(
            request, {"previous_sign_in": previous_sign_in(request), **(extra_context or {})}
        )

    def get_urls(self):
        # Outside admin_view, which would send an editor who has not passed this step straight back here.
        second_steps = [
            path("two-step/", csrf_protect(two_step.code_step), name="two_step"),
            path("two-step/set-up/", csrf_protect(two_step.set_up), name="two_step_set_up"),
        ]
        return [*second_steps, *super().get_urls()]
