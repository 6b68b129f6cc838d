from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


class FaqsConfig(AppConfig):
    name = "faqs"
    verbose_name = "Guidance"

    def ready(self):
        from faqs.caching import version
        from faqs.search.migrate import after_migrate, before_migrate

        version.connect()

        pre_migrate.connect(before_migrate, sender=self)
        post_migrate.connect(after_migrate, sender=self)
