"""Reads: which published articles match what a reader typed, best match first."""

import unicodedata
from functools import reduce
from operator import and_

from django.db import connection
from django.db.models import Q
from wagtail.search.backends import get_search_backend

from gazette.articles.models import ArticlePage

MAX_QUERY_LENGTH = 200
MAX_TERMS = 32


def clean_query(raw: str) -> str:
    """What the reader typed, fit to show back and search.

    Control characters (NUL included) and runs of spaces become one space, the ends are
    trimmed, and the result is at most ``MAX_QUERY_LENGTH`` characters, cut between words
    where there is a space to cut at.
    """
    head = raw[: MAX_QUERY_LENGTH * 4]
    text = " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in head).split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text
    cut = text[: MAX_QUERY_LENGTH + 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut[:MAX_QUERY_LENGTH]).strip()


def search_terms(query: str) -> list[str]:
    """The words of ``query``: runs of letters, digits and combining marks.

    Everything else (quotes, operators, punctuation, joiners) separates words, as the index's
    tokenizers do, so no search syntax reaches the database, and a word with an apostrophe or
    a Persian zero-width non-joiner still matches.
    """
    spaced = "".join(char if unicodedata.category(char)[0] in "LMN" else " " for char in query)
    return spaced.split()[:MAX_TERMS]


def search_articles(query: str):
    """Published articles containing every word of ``query`` in the headline, standfirst, body,
    dateline, tags or bylines, headline matches first, then by relevance.

    Returns something ``paginate()`` accepts. Never raises on odd input: a query with no
    words gives no results.
    """
    terms = search_terms(query)
    if not terms:
        return ArticlePage.objects.none()
    articles = ArticlePage.objects.published().for_cards()
    backend = get_search_backend()
    text = " ".join(terms)
    if connection.vendor == "postgresql":
        # PostgreSQL weighs the headline above the rest of the text by itself (and matches
        # stemmed forms there too), so its relevance order is used as it is.
        return backend.search(text, articles, operator="and")
    # SQLite's bm25 ranks all indexed text alike, so headline matches are put first here.
    in_headline = reduce(and_, (Q(title__icontains=term) for term in terms))
    return ChainedResults(
        backend.search(text, articles.filter(in_headline), operator="and"),
        backend.search(text, articles.exclude(in_headline), operator="and"),
    )


class ChainedResults:
    """Several result sets read as one list, each in its own order, for ``Paginator``."""

    def __init__(self, *parts):
        self.parts = parts
        self._counts: list[int] | None = None

    def counts(self) -> list[int]:
        if self._counts is None:
            self._counts = [part.count() for part in self.parts]
        return self._counts

    def count(self) -> int:
        return sum(self.counts())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list:
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("ChainedResults only supports simple slices.")
        start, stop = key.start or 0, key.stop if key.stop is not None else self.count()
        items: list = []
        for part, size in zip(self.parts, self.counts(), strict=True):
            if start < size and stop > 0:
                items.extend(part[max(start, 0) : min(stop, size)])
            start, stop = start - size, stop - size
        return items
