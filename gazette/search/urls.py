from django.urls import path

from gazette.search import views

urlpatterns = [
    path("search/", views.search, name="search"),
]
