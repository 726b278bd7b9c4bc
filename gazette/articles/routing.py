"""Serving Wagtail pages with fewer queries: the site from a memo, sections and articles
found by their URL in one query and then kept between requests, and no view-restriction
queries on a site that has none.

Wagtail's own ``serve`` finds the site (one query), then walks the tree from its root page,
two queries a level (the child by slug, then its specific row), then reads the ancestors
and their view restrictions (two more): eight queries before an article's own data. Here an
article costs one. Anything the direct lookup does not find (other page types, drafts,
paths that are not a section or an article) takes Wagtail's own route, so the answers are
the same, only cheaper.

Between requests, each process keeps what it read of a routed page (:class:`Record`): its
row and, for an article, the rows of its section, bylines, tags, corrections and lead image,
which every article page shows. A record is dropped by the purges that drop the cached page
(``article-<id>``, its section's, authors' and tags' tags, ``all``), so it is exactly as
fresh as the page cache; each request builds its own model instances from it.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from uuid import UUID

from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpResponse
from django.http.request import split_domain_port
from taggit.models import Tag
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.fields import StreamValue
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.url_routing import RouteResult
from wagtail.wagtail_hooks import check_view_restrictions

from gazette.articles.models import ArticleCorrection, ArticlePage, SectionPage
from gazette.cache.memo import Memo

#: Purged (with ``all``) when a site or a view restriction is saved or deleted.
SITES_TAG = "sites"
RESTRICTIONS_TAG = "view-restrictions"

_sites = Memo(SITES_TAG)
_restrictions = Memo(RESTRICTIONS_TAG)
#: Routed pages kept per process: the stories being read, a few KiB each.
_pages = Memo(max_entries=2000)


@dataclass(frozen=True)
class SiteRoot:
    """What routing needs of a site, kept between requests: its row, and where its root
    page sits in the tree."""

    fields: dict
    root_path: str
    root_depth: int
    root_url_path: str

    def site(self) -> Site:
        # A new instance per request: Wagtail and templates may cache things on it.
        return Site(**self.fields)


def _find_site(hostname: str, port: int) -> SiteRoot | None:
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
    if site is None:
        return None
    root = site.root_page
    fields = {field.attname: getattr(site, field.attname) for field in Site._meta.concrete_fields}
    return SiteRoot(fields, root.path, root.depth, root.url_path)


def site_root(request) -> SiteRoot | None:
    """The site answering ``request``, chosen by Wagtail's rules (host and port)."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    return _sites.get((hostname, port), lambda: _find_site(hostname, port))


def has_view_restrictions() -> bool:
    """Whether any page of any site is private (password, login or groups)."""
    return _restrictions.get(None, PageViewRestriction.objects.exists)


def direct_route(root: SiteRoot, path: str) -> Page | None:
    """The live section (``/slug/``) or article (``/section/slug/``) at ``path``, in one
    query; None when it is anything else, which Wagtail's own route then looks for."""
    components = [part for part in path.split("/") if part]
    if not 1 <= len(components) <= 2:
        return None
    model = SectionPage if len(components) == 1 else ArticlePage
    pages = model.objects.select_related("lead_image") if model is ArticlePage else model.objects
    # The URL path names one place in the tree, so it implies the depth; a depth condition
    # would tempt SQLite onto the page_children index, every page of that depth, instead of
    # the few pages sharing the slug.
    return (
        pages.filter(
            slug=components[-1],
            url_path=root.root_url_path + "/".join(components) + "/",
            path__startswith=root.root_path,
            live=True,
        )
        .order_by()
        .first()
    )


#: Values a kept row may hold as they are: nobody can change them in place.
_IMMUTABLE = (str, int, float, bool, type(None), datetime, date, time, timedelta, Decimal, UUID)


@dataclass(frozen=True)
class Row:
    """A model instance's stored values, from which each request builds its own instance
    (templates and Wagtail cache things on instances; threads must not share them)."""

    model: type[Model]
    db: str
    names: tuple[str, ...]
    values: tuple

    @classmethod
    def of(cls, instance: Model) -> "Row | None":
        """None when a value cannot be kept safely (a type not known to be unchangeable)."""
        values = []
        for field in type(instance)._meta.concrete_fields:
            value = instance.__dict__.get(field.attname)
            if isinstance(value, StreamValue):
                value = field.get_prep_value(value)  # JSON text: read lazily again on build
            elif isinstance(value, FieldFile):
                value = value.name
            elif not isinstance(value, _IMMUTABLE):
                return None
            values.append(value)
        names = tuple(field.attname for field in type(instance)._meta.concrete_fields)
        return cls(type(instance), instance._state.db, names, tuple(values))

    def build(self) -> Model:
        return self.model.from_db(self.db, self.names, self.values)

    def __getitem__(self, name: str):
        return self.values[self.names.index(name)]


def _rows(instances) -> tuple[Row, ...] | None:
    rows = tuple(Row.of(instance) for instance in instances)
    return None if None in rows else rows


def _fetched(model: type[Model], instances: list) -> object:
    """A queryset already holding ``instances``, as ``prefetch_related`` leaves one."""
    fetched = model._default_manager.all()
    fetched._result_cache = instances
    fetched._prefetch_done = True
    return fetched


@dataclass(frozen=True)
class Record:
    """What serving a routed page reads of it, kept between requests (see the module's
    docstring). For a section, only its row."""

    page: Row
    lead_image: Row | None = None
    section: Row | None = None
    authors: tuple[Row, ...] = ()
    tags: tuple[Row, ...] = ()
    corrections: tuple[Row, ...] = ()

    @classmethod
    def read(cls, page: Page | None) -> "Record | None":
        """The record of ``page`` as stored now; None for no page, or one holding values
        that cannot be kept."""
        if page is None:
            return None
        if not isinstance(page, ArticlePage):
            row = Row.of(page)
            return cls(row) if row else None
        lead_image = page.lead_image
        section = page.section
        parts = (
            Row.of(page),
            Row.of(lead_image) if lead_image is not None else (),
            Row.of(section) if section is not None else (),
            _rows(page.ordered_bylines),
            _rows(page.tags.all()),
            _rows(page.corrections.all()),
        )
        if None in parts:
            return None
        row, image, section_row, authors, tags, corrections = parts
        return cls(row, image or None, section_row or None, authors, tags, corrections)

    def purged_by(self) -> tuple[str, ...]:
        """The tags whose purge means the page as stored may differ from the record."""
        if self.page.model is not ArticlePage:
            return (f"section-{self.page['id']}",)
        return (
            f"article-{self.page['id']}",
            *((f"section-{self.section['id']}",) if self.section else ()),
            *(f"author-{row['id']}" for row in self.authors),
            *(f"tag-{row['slug']}" for row in self.tags),
        )

    def build(self) -> Page:
        page = self.page.build()
        if not isinstance(page, ArticlePage):
            return page
        if self.lead_image is not None:
            ArticlePage.lead_image.field.set_cached_value(page, self.lead_image.build())
        # The reads ArticlePage caches on itself, and those prefetch_related would leave.
        page.__dict__["section"] = self.section.build() if self.section else None
        page.__dict__["ordered_bylines"] = [row.build() for row in self.authors]
        page._prefetched_objects_cache = {
            "tags": _fetched(Tag, [row.build() for row in self.tags]),
            "corrections": _fetched(ArticleCorrection, [row.build() for row in self.corrections]),
        }
        return page


def routed_page(root: SiteRoot, path: str) -> Page | None:
    """:func:`direct_route`'s page, built from what this process keeps of it when nothing
    it shows was purged since it was read."""
    record = _pages.get(
        (root.root_path, root.root_url_path, path),
        lambda: Record.read(direct_route(root, path)),
        tags_of=Record.purged_by,
        keep=lambda record: record is not None,
    )
    return record.build() if record is not None else None


def serve(request, path):
    """Wagtail's page view, with the site, the route and the restriction check made cheap."""
    root = site_root(request)
    request._wagtail_site = root.site() if root else None
    if root is not None:
        page = routed_page(root, path)
        if page is not None:
            request._wagtail_route_for_request = RouteResult(page)
    if has_view_restrictions():
        return wagtail_views.serve(request, path)

    found = Page.route_for_request(request, path)
    if found is None:
        raise Http404
    page, args, kwargs = found
    # Wagtail's serve, less its restriction check: there is no restriction to find.
    chain = wagtail_views.serve_chain
    for wrap in reversed(hooks.get_hooks("on_serve_page")):
        if wrap is not check_view_restrictions:
            chain = wrap(chain)
    for before in hooks.get_hooks("before_serve_page"):
        answer = before(page, request, args, kwargs)
        if isinstance(answer, HttpResponse):
            return answer
    return chain(page, request, args, kwargs)
