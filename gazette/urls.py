from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from gazette.api.api import api
from gazette.articles import routing

# Wagtail's own URLs, its page view (still named ``wagtail_serve``) swapped for the one that
# routes sections and articles in one query.
wagtail_pages = [
    re_path(url.pattern.regex.pattern, routing.serve, name=url.name)
    if url.name == "wagtail_serve"
    else url
    for url in wagtail_urls.urlpatterns
]

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("", include("gazette.articles.urls")),
    path("", include("gazette.comments.urls")),
    path("", include("gazette.feeds.urls")),
    path("", include("gazette.seo.urls")),
    path("", include("gazette.search.urls")),
    # Uploaded images and their renditions; a front proxy may serve MEDIA_ROOT itself instead.
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    path("", include(wagtail_pages)),
]
