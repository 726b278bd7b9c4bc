from django.conf import settings

from gazette.core.text import text_direction


def site(request):
    """Values every page's chrome needs: site name, base URL, default language and direction."""
    from gazette.articles.selectors import breaking_news, navigation_sections

    return {
        "site_name": settings.GAZETTE_SITE_NAME,
        "base_url": settings.GAZETTE_BASE_URL,
        "site_lang": settings.LANGUAGE_CODE,
        "site_dir": text_direction(settings.LANGUAGE_CODE),
        "nav_sections": navigation_sections,
        "breaking_news": breaking_news,
    }
