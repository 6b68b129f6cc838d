from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from faqs.content.link_checker import check_links, find_links


class Command(BaseCommand):
    help = (
        "Check every link to another site in the content files (guides and helplines.md). Prints "
        "'path:line: URL: problem' for each that fails and exits non-zero if any did."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=str(settings.BASE_DIR / "content"))
        parser.add_argument(
            "--workers", type=int, default=4, help="How many addresses at a time (default 4)."
        )
        parser.add_argument(
            "--timeout", type=float, default=10, help="Seconds to wait for each (default 10)."
        )
        parser.add_argument("--deadline", type=float, default=300, help="Seconds for them all (default 300).")

    def handle(self, *args, directory, workers, timeout, deadline, **options):
        links = find_links(directory)
        failures = check_links(links, workers=max(1, workers), timeout=timeout, deadline=deadline)
        for failure in failures:
            self.stdout.write(str(failure))
        checked = len({link.url for link in links})
        if failures:
            raise CommandError(f"{len(failures)} of {len(links)} links failed ({checked} addresses checked).")
        self.stdout.write(self.style.SUCCESS(f"All {len(links)} links answered ({checked} addresses)."))
