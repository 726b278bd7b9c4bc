from django.urls import path

from gazette.seo import views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-news.xml", views.news_sitemap, name="sitemap_news"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap_section"),
]
