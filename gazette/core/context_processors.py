from django.conf import settings

from gazette.cache.memo import Memo
from gazette.core.text import text_direction

# The chrome of every page changes when a section or a breaking story is published, edited
# or unpublished: each purges ``chrome`` (the banner's story purges its ``article-<id>`` too).
_navigation = Memo("chrome")
_breaking = Memo("chrome")


def navigation():
    from gazette.articles.selectors import navigation_sections

    return _navigation.get(None, navigation_sections)


def breaking():
    from gazette.articles.selectors import breaking_news

    return _breaking.get(
        None,
        breaking_news,
        until=lambda story: story.breaking_until.timestamp() if story else None,
        tags_of=lambda story: (f"article-{story.pk}",) if story else (),
    )


def site(request):
    """Values every page's chrome needs: site name, base URL, default language and direction,
    and (read only when a template shows them) the sections and the breaking story."""
    return {
        "site_name": settings.GAZETTE_SITE_NAME,
        "base_url": settings.GAZETTE_BASE_URL,
        "site_lang": settings.LANGUAGE_CODE,
        "site_dir": text_direction(settings.LANGUAGE_CODE),
        "nav_sections": navigation,
        "breaking_news": breaking,
    }
