from django.shortcuts import render

from faqs.caching.middleware import public_page
from faqs.glossary.models import GlossaryTerm
from faqs.glossary.places import Places


@public_page()
def glossary(request):
    terms = list(GlossaryTerm.objects.alphabetical())
    places = Places.in_database()
    for term in terms:
        term.place = places.get(term.source)
    return render(request, "glossary/glossary.html", {"terms": terms, "crumbs": [("Glossary", None)]})
