import pytest

BASE = "https://news.example.org"


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.GAZETTE_BASE_URL = BASE
    settings.GAZETTE_SITE_NAME = "The Daily Gazette"
