"""robots.txt and the sitemaps, with URLs made absolute from the configured site root."""

from functools import wraps

from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from gazette.cache import tags as cache_tags
from gazette.seo.absolute import site_root
from gazette.seo.sitemaps import SITEMAPS, NewsSitemap


def sitemap_cache(view):
    """Sitemaps are cached like pages and purged whenever an article or section changes."""

    @wraps(view)
    def tagged(request, *args, **kwargs):
        cache_tags.add("sitemaps")
        return view(request, *args, **kwargs)

    return tagged


@require_safe
@sitemap_cache
def sitemap_index(request):
    """Every sitemap and each further page of it (``?p=2``), newest article sitemap first."""
    root = site_root(request)
    entries = [{"location": root + reverse("sitemap_news"), "last_mod": None}]
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = root + reverse("sitemap_section", kwargs={"section": section})
        last_mod = sitemap.get_latest_lastmod()
        entries.append({"location": location, "last_mod": last_mod})
        for number in range(2, sitemap.paginator.num_pages + 1):
            entries.append({"location": f"{location}?p={number}", "last_mod": last_mod})
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@require_safe
@sitemap_cache
def sitemap_section(request, section):
    if section not in SITEMAPS:
        raise Http404("No such sitemap.")
    return sitemap_views.sitemap(
        request, sitemaps=SITEMAPS, section=section, template_name="seo/sitemap.xml"
    )


@require_safe
@sitemap_cache
def news_sitemap(request):
    return sitemap_views.sitemap(
        request,
        sitemaps={"news": NewsSitemap},
        section="news",
        template_name="seo/sitemap_news.xml",
    )


@require_safe
def robots_txt(request):
    root = site_root(request)
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /comments/",
        "Allow: /",
        "",
        f"Sitemap: {root}{reverse('sitemap_index')}",
        f"Sitemap: {root}{reverse('sitemap_news')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
