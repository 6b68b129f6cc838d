"""robots.txt and sitemap.xml: the public pages only. Neither names the admin, whose address is kept quiet."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse

from faqs.caching.middleware import public_page
from faqs.guides.models import Audience, Guide, Question


class QuestionSitemap(Sitemap):
    def items(self):
        return Question.objects.published().select_related("guide").order_by("pk")

    def lastmod(self, question):
        return question.updated_at


class GuideSitemap(Sitemap):
    def items(self):
        return Guide.objects.order_by("pk")


class AudienceSitemap(Sitemap):
    def items(self):
        return Audience.objects.all()


class PageSitemap(Sitemap):
    def items(self):
        return [
            "faqs:home",
            "faqs:helplines",
            "faqs:glossary",
            "faqs:about_the_exit_button",
            "faqs:cover_your_tracks",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "audiences": AudienceSitemap,
    "guides": GuideSitemap,
    "questions": QuestionSitemap,
}


@public_page()
def robots_txt(request):
    # Search result pages are endless variations of the same answers: not worth a crawler's time.
    lines = ["User-agent: *", "Disallow: /search/", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
