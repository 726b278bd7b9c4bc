from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "gazette.api"
    label = "gazette_api"
    verbose_name = "API"
