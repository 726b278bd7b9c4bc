from django.urls import path, re_path

import gazette.core.converters  # noqa: F401  (registers <id:...>)
from gazette.feeds import feeds, views

app_name = "feeds"

# Slugs follow gazette/articles/urls.py: letters of any script, digits, hyphens, underscores.
SLUG = r"(?P<slug>[-\w]+)"

urlpatterns = [
    path("feeds/json/", views.site_json_feed, name="site_json"),
    path("feeds/article/<id:pk>/comments/", feeds.CommentsFeed(), name="article_comments"),
]
for format in feeds.FORMATS:
    urlpatterns += [
        path(f"feeds/{format}/", feeds.SiteFeed(format), name=f"site_{format}"),
        re_path(
            rf"^feeds/section/{SLUG}/{format}/$",
            feeds.SectionFeed(format),
            name=f"section_{format}",
        ),
        re_path(rf"^feeds/tag/{SLUG}/{format}/$", feeds.TagFeed(format), name=f"tag_{format}"),
        re_path(
            rf"^feeds/author/{SLUG}/{format}/$", feeds.AuthorFeed(format), name=f"author_{format}"
        ),
    ]
