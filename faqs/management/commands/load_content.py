from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from faqs.content.format import ContentError
from faqs.content.loading import load_content


class Command(BaseCommand):
    help = "Load the guidance from markdown files (default: content/) into the database."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=str(settings.BASE_DIR / "content"))
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite questions changed in the admin since they were loaded.",
        )

    def handle(self, *args, directory, force, **options):
        try:
            report = load_content(directory, force=force)
        except ContentError as error:
            raise CommandError(f"{error}\nNothing was changed.") from None
        for line in report.lines():
            self.stdout.write(line)
        for conflict in report.conflicts:
            self.stderr.write(self.style.WARNING(f"CONFLICT: {conflict}"))
        if report.conflicts:
            self.stderr.write(
                self.style.WARNING(
                    "Admin edits were kept. Run export_content to write them back to markdown, "
                    "or load_content --force to overwrite them with the files."
                )
            )
        if report.held:
            self.stdout.write(
                "Contact details held for approval are in the admin, under Helpline contact changes."
            )
        if report.nothing_changed and not report.conflicts:
            self.stdout.write("Nothing changed: the database already matches the files.")
        elif report.nothing_changed:
            self.stdout.write("Nothing changed.")
        else:
            summary = (
                f"{len(report.added)} added, {len(report.changed)} changed, {len(report.removed)} removed."
            )
            self.stdout.write(self.style.SUCCESS(summary))
