from django.urls import path

from gazette.comments import views

urlpatterns = [
    path("comments/<int:article_id>/form/", views.comment_form, name="comment_form"),
    path("comments/<int:article_id>/post/", views.comment_post, name="comment_post"),
    path("comments/edit/<int:comment_id>/", views.comment_author_edit, name="comment_edit"),
    path("comments/delete/<int:comment_id>/", views.comment_author_delete, name="comment_delete"),
]
