"""robots.txt and sitemap.xml: the public pages only. Neither names the admin, whose address is kept quiet."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse

from faqs.caching.middleware import public_page
from faqs.guides.models import Audience, Guide, Question
from faqs.pages.views import HELP_PAGES


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
        help_pages = [f"faqs:{slug.replace('-', '_')}" for slug in HELP_PAGES]
        return ["faqs:home", "faqs:helplines", "faqs:glossary", *help_pages]

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
