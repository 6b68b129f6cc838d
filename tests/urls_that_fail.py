"""The site's own URLs plus views that fail, so tests meet each error page the way a reader would."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from guidance_site.urls import handler500
from guidance_site.urls import urlpatterns as site_urlpatterns


def failing_with(exception):
    def view(request):
        raise exception

    return view


urlpatterns = [
    *site_urlpatterns,
    path("fail/400/", failing_with(SuspiciousOperation("a request the site cannot trust"))),
    path("fail/403/", failing_with(PermissionDenied())),
    path("fail/500/", failing_with(RuntimeError("something broke"))),
]
__all__ = ["handler500", "urlpatterns"]
