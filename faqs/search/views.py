from django.core.paginator import Paginator
from django.shortcuts import render

from faqs.caching.middleware import public_page
from faqs.caching.pages import MEMORY_ONLY
from faqs.search.forms import SearchForm


# Never in the shared cache, which may persist to disk: the key holds what was searched for.
@public_page(query=["q", "page"], where=MEMORY_ONLY)
def search(request):
    form = SearchForm(request.GET)
    results = form.search()
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    context = {"form": form, "results": results, "page": page, "crumbs": [("Search", None)]}
    return render(request, "search/results.html", context)
