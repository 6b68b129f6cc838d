from django.conf import settings

from faqs.editorial.models import SiteNotice
from faqs.helplines.models import Helpline

SITE_NAME = "Domestic abuse and children's services"


def site(request):
    # Both passed unevaluated: the print box's query and the notice run only on pages that show them, never on
    # the 500 page, which shows neither and must not touch the database (which may be what failed).
    return {
        "exit_url": settings.EXIT_URL,
        "site_name": SITE_NAME,
        "print_helplines": Helpline.objects.for_print_box(),
        "site_notice": SiteNotice.objects.current,
    }
