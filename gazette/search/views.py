"""The reader's search page."""

from django.shortcuts import render

from gazette.core.pagination import paginate
from gazette.search.selectors import MAX_QUERY_LENGTH, clean_query, search_articles


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = paginate(request, search_articles(query)) if query else None
    return render(
        request,
        "search/search_page.html",
        {"query": query, "results": results, "max_query_length": MAX_QUERY_LENGTH},
    )
