from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from faqs.accounts.devices import RECOVERY_CODE_COUNT, issue_recovery_codes


class Command(BaseCommand):
    help = (
        "Issue a fresh set of single-use recovery codes for an editor's second sign-in step and print them "
        "(any earlier set stops working). For an editor who lost their phone, or for scripted checks."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--count", type=int, default=RECOVERY_CODE_COUNT)

    def handle(self, *args, username, count, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f'There is no account "{username}". Nothing was issued.')
        for code in issue_recovery_codes(user, count):
            self.stdout.write(code)
