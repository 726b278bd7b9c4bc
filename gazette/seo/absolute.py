"""Absolute URLs for search engines: the configured site root, else the request's."""

from urllib.parse import urlsplit

from django.conf import settings


def site_root(request=None) -> str:
    """``scheme://host[:port]`` of ``GAZETTE_BASE_URL``, or of ``request`` when that setting has
    no scheme and host. Never ends with a slash; paths from ``reverse()`` already carry any
    script prefix, so the base URL's own path is not repeated."""
    parts = urlsplit(settings.GAZETTE_BASE_URL or "")
    if parts.scheme in {"http", "https"} and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return ""


def absolute(path: str, request=None) -> str:
    """``path`` made absolute; URLs that already have a scheme are returned as they are."""
    if "://" in path:
        return path
    root = site_root(request)
    if path.startswith("//"):  # protocol-relative, e.g. a CDN in STATIC_URL
        return f"{urlsplit(root).scheme or 'https'}:{path}"
    return root + path
