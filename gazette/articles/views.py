"""Listings that are not Wagtail pages: an author's articles and a tag's articles."""

from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from gazette.articles.models import Author
from gazette.articles.selectors import author_articles, published_corrections, tag_articles
from gazette.cache import tags as cache_tags
from gazette.core.pagination import paginate


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    cache_tags.add(f"author-{author.pk}")
    page = paginate(request, author_articles(author))
    return render(request, "articles/author_page.html", {"author": author, "articles": page})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    cache_tags.add(f"tag-{tag.slug}")
    page = paginate(request, tag_articles(tag))
    return render(request, "articles/tag_page.html", {"tag": tag, "articles": page})


def corrections_list(request):
    cache_tags.add("corrections")
    page = paginate(request, published_corrections())
    return render(request, "articles/corrections_page.html", {"corrections": page})
