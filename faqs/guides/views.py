"""Browsing the guidance: the home page, audience pages, guides and questions."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from faqs.guides.models import Audience, Guide, Question, Section


def home(request):
    audiences = Audience.objects.annotate(
        question_count=Count(
            "tagged_questions", filter=Q(tagged_questions__content_object__status="published")
        )
    )
    return render(request, "guides/home.html", {"audiences": audiences, "guides": Guide.objects.all()})


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


def guide(request, slug):
    published = (
        Question.objects.published().only("slug", "text", "section_id", "guide__slug").select_related("guide")
    )
    sections = Section.objects.prefetch_related(Prefetch("questions", queryset=published), "editors_notes")
    guide = get_object_or_404(
        Guide.objects.prefetch_related(Prefetch("sections", queryset=sections), "audiences"), slug=slug
    )
    return render(request, "guides/guide.html", {"guide": guide, "crumbs": [(guide.title, None)]})


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
    context = {"question": question, "related": related, "others": others, "crumbs": crumbs}
    return render(request, "guides/question.html", context)
