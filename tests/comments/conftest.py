import pytest


@pytest.fixture(autouse=True)
def _no_rate_limits_or_first_comment_hold(settings):
    """Most comment tests are about one rule; the ones about limits and holds set them back."""
    settings.GAZETTE_COMMENT_RATE_LIMITS = "off"
    settings.GAZETTE_COMMENT_ARTICLE_RATE_LIMITS = "off"
    settings.GAZETTE_HOLD_FIRST_COMMENTS = False
