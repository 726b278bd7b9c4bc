"""``/api/v1/``: read-only access to published articles and sections."""

import re
from typing import Annotated

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404
from ninja import NinjaAPI, Path, Query, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import AfterValidator, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from gazette.api.schemas import ArticleDetailOut, ArticlePageOut, ErrorOut, SectionOut
from gazette.api.serializers import article_data, section_data
from gazette.articles.models import SectionPage
from gazette.articles.selectors import live_sections, published_articles

# Answers gazette.core.limits may give to any request, before an operation sees it.
REFUSALS = {
    "400": "The request cannot be read: its Content-Length is not a number",
    "413": "The request body is larger than GAZETTE_MAX_BODY_SIZE",
}


class GazetteAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, description in REFUSALS.items():
                    operation["responses"].setdefault(
                        status, {"description": description, "content": error}
                    )
        # The largest page is a setting: the schema states the value in force when it is read.
        for path, operations in schema["paths"].items():
            if path.endswith("/articles") and "get" in operations:
                for parameter in operations["get"].get("parameters", []):
                    if parameter["name"] != "page_size":
                        continue
                    for branch in parameter["schema"].get("anyOf", [parameter["schema"]]):
                        if branch.get("type") == "integer":
                            branch["maximum"] = settings.GAZETTE_API_MAX_PAGE_SIZE
        return schema


api = GazetteAPI(
    title="Gazette API",
    version="1",
    description="Published articles and sections of this Gazette site.",
    urls_namespace="api",
    docs_url="/docs",
)


# Where ninja says a bad value came from; a client needs only the field's name.
_LOCATIONS = frozenset({"query", "path", "body", "header", "cookie", "form", "file"})


def field_errors(errors: list[dict]) -> dict[str, list[str]]:
    """Pydantic's errors as messages by field, the shape every 4xx of this API uses."""
    by_field: dict[str, list[str]] = {}
    for error in errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in _LOCATIONS)
        by_field.setdefault(where or "__all__", []).append(str(error.get("msg", "")))
    return by_field


@api.exception_handler(NinjaValidationError)
def validation_error(request, exc):
    by_field = field_errors(exc.errors)
    messages = [
        message if field == "__all__" else f"{field}: {message}"
        for field, field_messages in by_field.items()
        for message in field_messages
    ]
    return api.create_response(
        request,
        {"detail": "; ".join(messages) or "Invalid request.", "errors": by_field},
        status=422,
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


@api.exception_handler(RequestDataTooBig)
def too_large(request, exc):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return api.create_response(
        request, {"detail": f"The request body is larger than {limit} bytes."}, status=413
    )


@api.exception_handler(SuspiciousOperation)
def suspicious(request, exc):
    # Too many fields, a bad multipart boundary and the like: the client's fault, not ours.
    return api.create_response(request, {"detail": "This request could not be read."}, status=400)


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


# The pattern is documented too, so clients and schema-driven tests know what passes.
Slug = Annotated[
    str,
    StringConstraints(max_length=255),
    AfterValidator(slug_value),
    WithJsonSchema({"type": "string", "maxLength": 255, "pattern": r"^[-\w]*$"}),
]


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
    "/articles/{article_id}",
    response={200: ArticleDetailOut, 404: ErrorOut, 422: ErrorOut},
    tags=["articles"],
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
