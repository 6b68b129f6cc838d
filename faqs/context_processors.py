from django.conf import settings

from faqs.editorial.models import SiteNotice

SITE_NAME = "Domestic abuse and children's services"


def site(request):
    # The notice is passed uncalled: the template calls it only where it shows it, so the 500 page, which
    # does not, never touches the database (which may be what failed).
    return {"exit_url": settings.EXIT_URL, "site_name": SITE_NAME, "site_notice": SiteNotice.objects.current}
