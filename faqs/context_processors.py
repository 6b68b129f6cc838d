from django.conf import settings

SITE_NAME = "Domestic abuse and children's services"


def site(request):
    return {"exit_url": settings.EXIT_URL, "site_name": SITE_NAME}
