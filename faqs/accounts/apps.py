from django.contrib.admin.apps import AdminConfig


class EditorsAdminConfig(AdminConfig):
    """Django's admin app, with `admin.site` the two-step site: every `@admin.register` lands behind it."""

    default_site = "faqs.accounts.admin_site.EditorsAdminSite"
