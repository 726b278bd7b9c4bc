from django.urls import path

from gazette.articles import views

urlpatterns = [
    path("authors/<str:slug>/", views.author_detail, name="author"),
    path("tags/<str:slug>/", views.tag_detail, name="tag"),
]
