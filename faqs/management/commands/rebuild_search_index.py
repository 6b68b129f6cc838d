from django.core.management.base import BaseCommand

from faqs.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the search index from the published questions. Database triggers keep it in step; this repairs it."

    def handle(self, *args, **options):
        rebuild_index()
        self.stdout.write(self.style.SUCCESS("Search index rebuilt."))
