"""``/api/v1/``: read-only access to published articles and sections."""

from django.conf import settings
from django.http import Http404
from ninja import NinjaAPI, Path, Query, Schema
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import Field

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


class ArticleFilters(Schema):
    section: str | None = Field(None, max_length=255, description="Section slug")
    tag: str | None = Field(None, max_length=255, description="Tag slug")
    author: str | None = Field(None, max_length=255, description="Author slug")
    page: int = Field(1, ge=1, le=1_000_000, description="Page number, from 1")
    page_size: int = Field(20, ge=1, le=100, description="Articles per page")


def sections_by_path() -> dict[str, SectionPage]:
    return {section.path: section for section in SectionPage.objects.all()}


def page_link(request, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@api.get("/articles", response={200: ArticlePageOut, 404: ErrorOut}, tags=["articles"])
def list_articles(request, filters: Query[ArticleFilters]):
    """Published articles, newest first, optionally of one section, tag or author."""
    page_size = min(filters.page_size, settings.GAZETTE_API_MAX_PAGE_SIZE)
    articles = published_articles()
    if filters.section:
        section = live_sections().filter(slug=filters.section).first()
        if section is None:
            return 404, {"detail": f"No section with slug {filters.section!r}."}
        articles = articles.child_of(section)
    if filters.tag:
        articles = articles.filter(tagged_items__tag__slug=filters.tag)
    if filters.author:
        articles = articles.filter(bylines__author__slug=filters.author)
    count = articles.count()
    pages = max(1, -(-count // page_size))
    if filters.page > pages:
        return 404, {"detail": f"Page {filters.page} is past the last page ({pages})."}
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
        return 404, {"detail": f"No published article with id {article_id}."}
    data = article_data(article, request, sections_by_path())
    data["body_html"] = str(article.body)
    return data


@api.get("/sections", response=list[SectionOut], tags=["sections"])
def list_sections(request):
    """Live sections in site order."""
    return [section_data(section, request) for section in live_sections()]
