"""Serving Wagtail pages with fewer queries: the site from a memo, sections and articles
found by their URL in one query, and no view-restriction queries on a site that has none.

Wagtail's own ``serve`` finds the site (one query), then walks the tree from its root page,
two queries a level (the child by slug, then its specific row), then reads the ancestors
and their view restrictions (two more): eight queries before an article's own data. Here an
article costs one. Anything the direct lookup does not find (other page types, drafts,
paths that are not a section or an article) takes Wagtail's own route, so the answers are
the same, only cheaper.
"""

from dataclasses import dataclass

from django.http import Http404, HttpResponse
from django.http.request import split_domain_port
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.url_routing import RouteResult
from wagtail.wagtail_hooks import check_view_restrictions

from gazette.articles.models import ArticlePage, SectionPage
from gazette.cache.memo import Memo

#: Purged (with ``all``) when a site or a view restriction is saved or deleted.
SITES_TAG = "sites"
RESTRICTIONS_TAG = "view-restrictions"

_sites = Memo(SITES_TAG)
_restrictions = Memo(RESTRICTIONS_TAG)


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
    # The URL path names one place in the tree, so it implies the depth; a depth condition
    # would tempt SQLite onto the page_children index, every page of that depth, instead of
    # the few pages sharing the slug.
    return (
        model.objects.filter(
            slug=components[-1],
            url_path=root.root_url_path + "/".join(components) + "/",
            path__startswith=root.root_path,
            live=True,
        )
        .order_by()
        .first()
    )


def serve(request, path):
    """Wagtail's page view, with the site, the route and the restriction check made cheap."""
    root = site_root(request)
    request._wagtail_site = root.site() if root else None
    if root is not None:
        page = direct_route(root, path)
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
