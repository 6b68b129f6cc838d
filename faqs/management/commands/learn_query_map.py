from django.core.management.base import BaseCommand, CommandError

from faqs.search import query_map


class Command(BaseCommand):
    help = (
        "Learn how this site's readers mean what they type from the relevance set's tuning queries and the content "
        "loaded (faqs/search/query_map.py): run after load_content, when the tuning queries change."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="query files (default: the relevance set in tests/data)")

    def handle(self, *args, files, **options):
        try:
            learnt = query_map.learn(files or query_map.query_files())
        except (query_map.QueryFileError, OSError) as error:
            raise CommandError(error) from error
        self.stdout.write(
            self.style.SUCCESS(f"Learnt from {learnt} queries: {query_map.MAP_FILE.name} written.")
        )
