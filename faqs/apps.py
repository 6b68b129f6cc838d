from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


class FaqsConfig(AppConfig):
    name = "faqs"
    verbose_name = "Guidance"

    def ready(self):
        from django.contrib.auth.models import update_last_login
        from django.contrib.auth.signals import user_logged_in

        from faqs.accounts.sign_ins import remember_previous_sign_in
        from faqs.caching import version
        from faqs.search import checks  # noqa: F401 (registers the search model's check)
        from faqs.search.migrate import after_migrate, before_migrate

        version.connect()

        pre_migrate.connect(before_migrate, sender=self)
        post_migrate.connect(after_migrate, sender=self)
        # Django's receiver would overwrite last_login before ours could keep the one before; ours calls it.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(remember_previous_sign_in, dispatch_uid="update_last_login")
