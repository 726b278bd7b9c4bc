from django.urls import re_path

from gazette.articles import archive_views, views

# Slugs are letters (any script), digits, hyphens and underscores; anything else is a 404
# before it reaches the database.
urlpatterns = [
    re_path(r"^corrections/$", views.corrections_list, name="corrections"),
    re_path(r"^authors/(?P<slug>[-\w]+)/$", views.author_detail, name="author"),
    re_path(r"^tags/(?P<slug>[-\w]+)/$", views.tag_detail, name="tag"),
]

# The date archive; a date that does not exist (month 13, April 31, year 0) is a 404.
urlpatterns += [
    re_path(r"^archive/(?P<year>[0-9]{4})/$", archive_views.archive, name="archive_year"),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        archive_views.archive,
        name="archive_month",
    ),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$",
        archive_views.archive,
        name="archive_day",
    ),
]
