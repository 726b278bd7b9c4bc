"""What an article page tells search engines and link previews: JSON-LD, OpenGraph, Twitter.

``article_metadata`` builds plain values; ``seo/article_head.html`` only prints them.
"""

import json
from datetime import datetime

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.templatetags.static import static
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import to_locale
from wagtail.models import Page

from gazette.articles.models import CorrectionKind, HomePage
from gazette.seo.absolute import absolute
from gazette.seo.sitemaps import page_path

# The lead image in the three ratios Google asks for; the first is also the OpenGraph image.
IMAGE_FILTERS = ("fill-1200x675", "fill-1200x900", "fill-1200x1200")
# Shipped in gazette/seo/static/seo/; GAZETTE_PUBLISHER_LOGO replaces it.
DEFAULT_LOGO = ("seo/publisher-logo.png", 600, 60)
# An update adds facts; only corrections and clarifications say something was wrong.
CORRECTION_KINDS = {CorrectionKind.CORRECTION, CorrectionKind.CLARIFICATION}


def iso_datetime(moment: datetime | None) -> str:
    """ISO 8601 / W3C datetime in the site's time zone, always with its offset."""
    if moment is None:
        return ""
    return timezone.localtime(moment, timezone.get_default_timezone()).isoformat()


def json_for_script(data) -> SafeString:
    """JSON safe inside ``<script>``: ``<``, ``>`` and ``&`` are written as JSON escapes, so no
    markup an editor typed in a headline appears in the page, let alone ends the element."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return mark_safe(  # noqa: S308
        text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    )


def canonical_url(page, request=None) -> str:
    path = page_path(page, request) if page.pk else None
    return absolute(path or (request.path if request else "/"), request)


def publisher_logo(request=None) -> dict:
    configured = settings.GAZETTE_PUBLISHER_LOGO
    if configured:
        # An operator's logo: its size is unknown here, and Google accepts a logo without it.
        return {"@type": "ImageObject", "url": absolute(configured, request)}
    path, width, height = DEFAULT_LOGO
    return {
        "@type": "ImageObject",
        "url": absolute(static(path), request),
        "width": width,
        "height": height,
    }


def lead_images(page, request=None) -> list[dict]:
    """The lead image's renditions as ``{url, width, height}``, 16x9 first; ``[]`` without one."""
    image = page.lead_image
    if image is None:
        return []
    renditions = image.get_renditions(*IMAGE_FILTERS)
    return [
        {
            "url": absolute(renditions[spec].url, request),
            "width": renditions[spec].width,
            "height": renditions[spec].height,
        }
        for spec in IMAGE_FILTERS
    ]


def article_metadata(page, *, request=None, authors=None, tags=None) -> dict:
    """Everything the article's ``<head>`` needs. ``authors`` and ``tags`` default to the
    page's own; pass what the view already loaded to save the queries."""
    authors = page.ordered_bylines if authors is None else authors
    tags = sorted(page.tags.all(), key=lambda tag: tag.name) if tags is None else tags
    # One query shared with modified_at and the corrections box further down the page.
    if page.pk:
        prefetch_related_objects([page], "corrections")
    corrections = [c for c in page.corrections.all() if c.kind in CORRECTION_KINDS]
    section = page.section
    url = canonical_url(page, request)
    description = page.standfirst or page.search_description
    published = iso_datetime(page.display_published_at)
    modified = iso_datetime(page.modified_at)
    images = lead_images(page, request)
    author_urls = [absolute(author.get_absolute_url(), request) for author in authors]
    site_name = settings.GAZETTE_SITE_NAME

    json_ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": description,
        "datePublished": published,
        "dateModified": modified,
        "dateline": page.dateline,
        "author": [
            {"@type": "Person", "name": author.name, "url": author_url}
            for author, author_url in zip(authors, author_urls, strict=True)
        ],
        "publisher": {
            "@type": "Organization",
            "name": site_name,
            "url": absolute("/", request),
            "logo": publisher_logo(request),
        },
        "inLanguage": page.language,
        "isAccessibleForFree": True,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
    }
    if page.dateline_place:
        json_ld["locationCreated"] = {"@type": "Place", "name": page.dateline_place}
    if images:
        json_ld["image"] = [image["url"] for image in images]
    if section is not None:
        json_ld["articleSection"] = section.title
    if tags:
        json_ld["keywords"] = [tag.name for tag in tags]
    if corrections:
        json_ld["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": correction.text,
                "datePublished": iso_datetime(correction.made_at),
            }
            for correction in corrections
        ]

    opengraph = [
        ("og:type", "article"),
        ("og:site_name", site_name),
        ("og:title", page.title),
        ("og:description", description),
        ("og:url", url),
        ("og:locale", to_locale(page.language)),
    ]
    twitter = [
        ("twitter:card", "summary_large_image" if images else "summary"),
        ("twitter:title", page.title),
        ("twitter:description", description),
    ]
    if images:
        alt = page.lead_image_caption or page.lead_image.description or page.lead_image.title
        opengraph += [
            ("og:image", images[0]["url"]),
            ("og:image:width", str(images[0]["width"])),
            ("og:image:height", str(images[0]["height"])),
            ("og:image:alt", alt),
        ]
        twitter += [("twitter:image", images[0]["url"]), ("twitter:image:alt", alt)]
    opengraph += [
        ("article:published_time", published),
        ("article:modified_time", modified),
    ]
    if section is not None:
        opengraph.append(("article:section", section.title))
    opengraph += [("article:tag", tag.name) for tag in tags]
    opengraph += [("article:author", author_url) for author_url in author_urls]

    return {
        "canonical": url,
        "json_ld": json_for_script(json_ld),
        "opengraph": [(name, value) for name, value in opengraph if value],
        "twitter": [(name, value) for name, value in twitter if value],
    }


def page_metadata(context) -> dict | None:
    """Cheap metadata for any other page: canonical URL, site name, title where known."""
    request = context.get("request")
    # Error pages (Django's 404 passes ``exception``) have no canonical address.
    if request is None or "exception" in context:
        return None
    page, title = context.get("page"), None
    # ``page`` may also be a paginator's page in some views; only Wagtail pages count.
    if isinstance(page, HomePage):
        title = settings.GAZETTE_SITE_NAME
    elif isinstance(page, Page):
        title = page.seo_title or page.title
    elif context.get("author") is not None:
        title = context["author"].name
    elif context.get("tag") is not None:
        title = context["tag"].name
    # Wagtail serves a page at its own path, so the request's path costs no query.
    path = request.path
    number = request.GET.get("page", "")
    # Each page of a listing is its own document, not a copy of page 1.
    if number.isdigit() and number != "1":
        path = f"{path}?page={number}"
    url = absolute(path, request)
    return {
        "canonical": url,
        "opengraph": [
            (name, value)
            for name, value in (
                ("og:type", "website"),
                ("og:site_name", settings.GAZETTE_SITE_NAME),
                ("og:title", title),
                ("og:url", url),
            )
            if value
        ],
    }
