"""``/api/v1/``: read-only access to published articles and sections."""

import re
from typing import Annotated

from django.conf import settings
from django.http import Http404
from ninja import NinjaAPI, Path, Query, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from gazette.api.schemas import ArticleDetailOut, ArticlePageOut, ErrorOut, SectionOut
from gazette.api.serializers import article_data, section_data
from gazette.articles.models import SectionPage
from gazette.articles.selectors import live_sections, published_articles

api = NinjaAPI(
    title="Gazette API",
    version="1",
    description="Published articles and sections of this Gazette site.",
    urls_namespace="api",
    docs_url="/docs",
)


@api.exception_handler(NinjaValidationError)
def validation_error(request, exc):
    messages = []
    for error in exc.errors:
        where = ".".join(
            str(part) for part in error.get("loc", ()) if part not in {"query", "path"}
        )
        messages.append(f"{where}: {error.get('msg')}" if where else error.get("msg", ""))
    return api.create_response(
        request,
        {"detail": "; ".join(messages) or "Invalid request.", "errors": exc.errors},
        status=422,
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


# What Wagtail, taggit and Author slugs are made of. Anything else cannot match, and some of
# it cannot even be sent to the database (PostgreSQL refuses NUL characters in text).
SLUG = re.compile(r"[-\w]*\Z")
DEFAULT_PAGE_SIZE = 20


def slug_value(value: str) -> str:
    if not SLUG.match(value):
        raise PydanticCustomError(
            "slug", "Not a slug: use letters, digits, hyphens and underscores only"
        )
    return value


Slug = Annotated[str, StringConstraints(max_length=255), AfterValidator(slug_value)]


class ArticleFilters(Schema):
    section: Slug | None = Field(None, description="Section slug")
    tag: Slug | None = Field(None, description="Tag slug")
    author: Slug | None = Field(None, description="Author slug")
    page: int = Field(1, ge=1, le=1_000_000, description="Page number, from 1")
    page_size: int | None = Field(
        None,
        ge=1,
        description=(
            f"Articles per page: {DEFAULT_PAGE_SIZE} unless given, "
            "at most GAZETTE_API_MAX_PAGE_SIZE (100 unless configured)"
        ),
    )


def sections_by_path() -> dict[str, SectionPage]:
    return {section.path: section for section in SectionPage.objects.all()}


def page_link(request, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@api.get(
    "/articles", response={200: ArticlePageOut, 404: ErrorOut, 422: ErrorOut}, tags=["articles"]
)
def list_articles(request, filters: Query[ArticleFilters]):
    """Published articles, newest first, optionally of one section, tag or author."""
    max_page_size = settings.GAZETTE_API_MAX_PAGE_SIZE
    if filters.page_size is not None and filters.page_size > max_page_size:
        return Status(
            422, {"detail": f"page_size: Input should be less than or equal to {max_page_size}"}
        )
    page_size = filters.page_size or min(DEFAULT_PAGE_SIZE, max_page_size)
    articles = published_articles()
    if filters.section:
        section = live_sections().filter(slug=filters.section).first()
        if section is None:
            return Status(404, {"detail": f"No section with slug {filters.section!r}."})
        articles = articles.child_of(section)
    if filters.tag:
        articles = articles.filter(tagged_items__tag__slug=filters.tag)
    if filters.author:
        articles = articles.filter(bylines__author__slug=filters.author)
    count = articles.count()
    pages = max(1, -(-count // page_size))
    if filters.page > pages:
        return Status(404, {"detail": f"Page {filters.page} is past the last page ({pages})."})
    start = (filters.page - 1) * page_size
    sections = sections_by_path()
    results = [
        article_data(article, request, sections)
        for article in articles.for_listing()[start : start + page_size]
    ]
    return {
        "count": count,
        "page": filters.page,
        "pages": pages,
        "page_size": page_size,
        "next": page_link(request, filters.page + 1) if filters.page < pages else None,
        "previous": page_link(request, filters.page - 1) if filters.page > 1 else None,
        "results": results,
    }


@api.get(
    "/articles/{article_id}", response={200: ArticleDetailOut, 404: ErrorOut}, tags=["articles"]
)
def get_article(request, article_id: int = Path(..., ge=1, le=2**63 - 1)):
    """One published article, with its body as HTML."""
    article = published_articles().for_listing().filter(pk=article_id).first()
    if article is None:
        return Status(404, {"detail": f"No published article with id {article_id}."})
    data = article_data(article, request, sections_by_path())
    data["body_html"] = str(article.body)
    return data


@api.get("/sections", response=list[SectionOut], tags=["sections"])
def list_sections(request):
    """Live sections in site order."""
    return [section_data(section, request) for section in live_sections()]


from gazette.challenge.api import challenge_router  # noqa: E402

api.add_router("", challenge_router)

from gazette.comments.api import comments_router  # noqa: E402

api.add_router("", comments_router)
