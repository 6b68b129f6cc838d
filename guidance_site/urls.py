from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("faqs.urls")),
]

handler500 = "faqs.views.server_error"
