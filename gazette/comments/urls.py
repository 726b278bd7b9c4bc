from django.urls import path

import gazette.core.converters  # noqa: F401  (registers <id:...>)
from gazette.comments import permalinks, views

urlpatterns = [
    path("comments/<id:comment_id>/", permalinks.comment_permalink, name="comment_permalink"),
    path("comments/<id:article_id>/form/", views.comment_form, name="comment_form"),
    path("comments/<id:article_id>/post/", views.comment_post, name="comment_post"),
    path("comments/edit/<id:comment_id>/", views.comment_author_edit, name="comment_edit"),
    path("comments/delete/<id:comment_id>/", views.comment_author_delete, name="comment_delete"),
]
