"""Hostile-input fixtures: a small newsroom to aim at, and request bodies that count reads."""

import pytest

from tests.comments_api.conftest import approved_comment
from tests.factories import make_article, make_author, make_section


class CountingInput:
    """A ``wsgi.input`` that records how much of it was read: a refusal that comes before
    the body is read leaves ``read_bytes`` at 0."""

    def __init__(self, data: bytes = b""):
        self.data = data
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        size = len(self.data) - self.read_bytes if size is None or size < 0 else size
        chunk = self.data[self.read_bytes : self.read_bytes + size]
        self.read_bytes += len(chunk)
        return chunk

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


@pytest.fixture
def newsroom(db, home):
    """An open article with a two-comment thread, in section ``world``, by author ``parvin``,
    tagged ``energy``."""
    section = make_section(slug="world", default_comment_mode="open")
    author = make_author(slug="parvin")
    article = make_article(section=section, authors=(author,), tags=("energy",))
    first = approved_comment(article)
    approved_comment(article, parent=first)
    return article


@pytest.fixture
def no_limits(settings):
    settings.GAZETTE_COMMENT_RATE_LIMITS = "off"
    settings.GAZETTE_COMMENT_ARTICLE_RATE_LIMITS = "off"
    settings.GAZETTE_HOLD_FIRST_COMMENTS = False
    return settings
