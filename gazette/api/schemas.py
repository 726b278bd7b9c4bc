"""Shapes of the JSON API, shared by responses and the OpenAPI schema."""

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str


class DatelineOut(Schema):
    place: str
    published_at: str = Field(description="ISO 8601 with the site zone's offset")
    display: str


class AuthorOut(Schema):
    name: str
    slug: str
    url: str


class SectionOut(Schema):
    id: int
    title: str
    slug: str
    url: str
    description: str
    comment_mode: str


class SectionRef(Schema):
    id: int
    title: str
    slug: str
    url: str


class TagOut(Schema):
    name: str
    slug: str
    url: str | None = Field(description="The tag's page; null for a tag without a slug")


class ArticleOut(Schema):
    id: int
    url: str
    headline: str
    standfirst: str
    dateline: DatelineOut
    bylines: list[AuthorOut]
    section: SectionRef | None
    tags: list[TagOut]
    language: str
    direction: str
    comment_mode: str


class ArticleDetailOut(ArticleOut):
    body_html: str


class ArticlePageOut(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    next: str | None
    previous: str | None
    results: list[ArticleOut]
