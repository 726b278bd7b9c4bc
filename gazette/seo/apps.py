from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeoConfig(AppConfig):
    name = "gazette.seo"
    label = "gazette_seo"
    verbose_name = _("Seo")
