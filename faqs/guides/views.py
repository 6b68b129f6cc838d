"""Browsing the guidance: the home page, audience pages, guides and questions."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from faqs.caching.middleware import public_page
from faqs.glossary.models import GlossaryTerm
from faqs.guides.models import Audience, Guide, Question


@public_page()
def home(request):
    # Meta.ordering does not apply to a query with GROUP BY: without order_by the order is the database's whim.
    audiences = Audience.objects.annotate(
        question_count=Count(
            "tagged_questions", filter=Q(tagged_questions__content_object__status="published")
        )
    ).order_by(*Audience._meta.ordering)
    return render(request, "guides/home.html", {"audiences": audiences, "guides": Guide.objects.all()})


@public_page()
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
        request, "guides/audience.html", {"audience": audience, "questions": questions, "crumbs": crumbs}
    )


@public_page()
def guide(request, slug):
    guide = get_object_or_404(Guide.objects.with_published_questions("slug", "text"), slug=slug)
    return render(request, "guides/guide.html", {"guide": guide, "crumbs": [(guide.title, None)]})


@public_page()
def guide_print(request, slug):
    """The whole guide on one page, every published answer in reading order, to print."""
    guide = get_object_or_404(Guide.objects.with_published_questions(), slug=slug)
    crumbs = [(guide.title, guide.get_absolute_url()), ("Whole guide", None)]
    return render(request, "guides/guide_print.html", {"guide": guide, "crumbs": crumbs})


@public_page()
def question(request, guide, slug):
    question = get_object_or_404(
        Question.objects.published()
        .select_related("guide", "section")
        .prefetch_related("audiences", "topics", "editors_notes", "change_notes"),
        guide__slug=guide,
        slug=slug,
    )
    related = question.published_related()
    others = (
        question.section.questions.published()
        .exclude(pk__in=[question.pk, *(q.pk for q in related)])
        .select_related("guide")
    )
    crumbs = [
        (question.guide.title, question.guide.get_absolute_url()),
        (question.section.title, question.section.get_absolute_url()),
    ]
    # Terms its answer uses link to the glossary, except one it is itself the source of: the glossary quotes it.
    terms = GlossaryTerm.objects.exclude(source=question.get_absolute_url()).forms_by_slug()
    context = {
        "question": question,
        "related": related,
        "others": others,
        "crumbs": crumbs,
        "glossary_terms": terms,
    }
    return render(request, "guides/question.html", context)
