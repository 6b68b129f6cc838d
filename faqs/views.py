from urllib.parse import urlsplit

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from faqs.models import Audience, Guide, Helpline, Question, Section
from faqs.opening_hours import LONDON, clock_text
from faqs.search.forms import SearchForm


def home(request):
    audiences = Audience.objects.annotate(
        question_count=Count(
            "tagged_questions", filter=Q(tagged_questions__content_object__status="published")
        )
    )
    return render(request, "faqs/home.html", {"audiences": audiences, "guides": Guide.objects.all()})


def audience(request, slug):
    audience = get_object_or_404(Audience, slug=slug)
    questions = (
        Question.objects.published()
        .for_audience(audience)
        .select_related("guide", "section")
        .guides_for_audience_first(audience)
    )
    crumbs = [(audience.name, None)]
    return render(
        request, "faqs/audience.html", {"audience": audience, "questions": questions, "crumbs": crumbs}
    )


def guide(request, slug):
    published = (
        Question.objects.published().only("slug", "text", "section_id", "guide__slug").select_related("guide")
    )
    sections = Section.objects.prefetch_related(Prefetch("questions", queryset=published))
    guide = get_object_or_404(
        Guide.objects.prefetch_related(Prefetch("sections", queryset=sections), "audiences"), slug=slug
    )
    return render(request, "faqs/guide.html", {"guide": guide, "crumbs": [(guide.title, None)]})


def question(request, guide, slug):
    question = get_object_or_404(
        Question.objects.published()
        .select_related("guide", "section")
        .prefetch_related("audiences", "topics"),
        guide__slug=guide,
        slug=slug,
    )
    others = question.section.questions.published().exclude(pk=question.pk).select_related("guide")
    crumbs = [
        (question.guide.title, question.guide.get_absolute_url()),
        (question.section.title, question.section.get_absolute_url()),
    ]
    return render(request, "faqs/question.html", {"question": question, "others": others, "crumbs": crumbs})


@never_cache  # "Open now" is worked out for each request: a stored copy would soon be wrong
def helplines(request):
    audiences = list(Audience.objects.all())
    chosen = next((a for a in audiences if a.slug == request.GET.get("for")), None)
    helplines = Helpline.objects.in_directory_order()
    if chosen:
        helplines = helplines.for_audience(chosen)
    now = timezone.localtime(timezone.now(), LONDON)
    helplines = list(helplines)
    for helpline in helplines:
        helpline.status = helpline.opening_status(now)
    context = {
        "helplines": helplines,
        "audiences": audiences,
        "chosen": chosen,
        "now": now,
        "now_clock": clock_text(now),
        "crumbs": [("Helplines", None)],
    }
    return render(request, "faqs/helplines.html", context)


def about_the_exit_button(request):
    exit_site = urlsplit(settings.EXIT_URL).netloc
    crumbs = [("About the exit button", None)]
    return render(request, "pages/about_the_exit_button.html", {"exit_site": exit_site, "crumbs": crumbs})


def cover_your_tracks(request):
    return render(request, "pages/cover_your_tracks.html", {"crumbs": [("Cover your tracks", None)]})


def search(request):
    form = SearchForm(request.GET)
    results = form.search()
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    context = {"form": form, "results": results, "page": page, "crumbs": [("Search", None)]}
    return render(request, "faqs/search.html", context)


def server_error(request):
    """The 500 page, with the exit control: rendered without touching the database, which may be the problem."""
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    """A refused form post gets the site's own 403 page, exit control included, not Django's bare one."""
    return render(request, "403.html", {"csrf_failed": True}, status=403)
