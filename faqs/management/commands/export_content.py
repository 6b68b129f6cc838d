from django.core.management.base import BaseCommand, CommandError

from faqs.content.export import export_content
from faqs.content.format import ContentError


class Command(BaseCommand):
    help = (
        "Write the guides in the database to DIRECTORY as markdown in the content format (content/README.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, directory, **options):
        try:
            report = export_content(directory)
        except (ContentError, OSError) as error:
            raise CommandError(f"{error}\nNothing was written.") from None
        for path in report.written:
            self.stdout.write(f"wrote {path}")
        for path in report.stale:
            self.stderr.write(
                self.style.WARNING(
                    f"{path} holds a guide that is no longer in the database: delete it if that is right"
                )
            )
        self.stdout.write(self.style.SUCCESS(f"{len(report.written)} files written."))
