from django.urls import re_path

from gazette.articles import views

# Slugs are letters (any script), digits, hyphens and underscores; anything else is a 404
# before it reaches the database.
urlpatterns = [
    re_path(r"^corrections/$", views.corrections_list, name="corrections"),
    re_path(r"^authors/(?P<slug>[-\w]+)/$", views.author_detail, name="author"),
    re_path(r"^tags/(?P<slug>[-\w]+)/$", views.tag_detail, name="tag"),
]
