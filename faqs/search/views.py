from django.core.paginator import Paginator
from django.shortcuts import render

from faqs.search.forms import SearchForm


def search(request):
    form = SearchForm(request.GET)
    results = form.search()
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    context = {"form": form, "results": results, "page": page, "crumbs": [("Search", None)]}
    return render(request, "search/results.html", context)
