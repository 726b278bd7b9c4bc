"""JSON Feed 1.1 of the whole site (https://www.jsonfeed.org/version/1.1/)."""

from datetime import datetime

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gazette.articles.selectors import published_articles
from gazette.cache import tags as cache_tags
from gazette.feeds.entries import Entry, absolute_url, article_entries

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
JSON_FEED_CONTENT_TYPE = "application/feed+json"


def rfc3339(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def json_item(entry: Entry) -> dict:
    item = {
        "id": entry.id,
        "url": entry.url,
        "title": entry.title,
        "summary": entry.summary,
        "date_published": rfc3339(entry.published),
        "date_modified": rfc3339(entry.updated),
        "authors": [{"name": author.name, "url": author.url} for author in entry.authors],
        "tags": entry.categories,
        "language": entry.language,
    }
    if entry.content_html is not None:
        item["content_html"] = entry.content_html
    else:
        item["content_text"] = entry.summary
    if entry.image_url:
        item["image"] = entry.image_url
    return item


def site_json_feed(request):
    cache_tags.add("feeds")
    site = settings.GAZETTE_SITE_NAME
    data = {
        "version": JSON_FEED_VERSION,
        "title": site,
        "description": _("The latest articles from %(feed)s") % {"feed": site},
        "home_page_url": absolute_url("/"),
        "feed_url": absolute_url(reverse("feeds:site_json")),
        "language": settings.LANGUAGE_CODE,
        "authors": [{"name": site, "url": absolute_url("/")}],
        "items": [json_item(entry) for entry in article_entries(published_articles())],
    }
    return JsonResponse(
        data, content_type=JSON_FEED_CONTENT_TYPE, json_dumps_params={"ensure_ascii": False}
    )
