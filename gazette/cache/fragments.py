"""Pieces of pages (the related box, an article's ``<head>`` metadata) kept as HTML in each
process, and dropped by exactly the purges that drop a cached page showing them.

A piece records the cache tags it notes while it is drawn (``gazette.cache.tags``): the
articles of its cards, the authors, tags and section it names. Those tags are its memo's
tags (``gazette.cache.memo``), and they are passed on to the response each time the piece is
reused, so the page carries the same tags whether the piece was drawn or remembered. A piece
is therefore exactly as fresh as the page cache, whether that is on or off: a change that
would purge a cached page showing the piece purges the piece.

A piece that notes no tag for something it shows would be kept through changes to it, as a
cached page would; the tests in ``tests/cache/test_fragments.py`` change each thing a piece
shows and read the page again.

Never kept: inside a transaction and when the store cannot tell (as every memo), in a
preview (an editor's draft is not the page), and for a key holding an unsaved page (None).
"""

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from gazette.cache import tags as cache_tags
from gazette.cache.memo import Memo

#: Kept pieces per name and process, oldest dropped first: enough for the stories being
#: read at any moment, small enough (a few KiB each) to stay out of the way of memory.
MAX_ENTRIES = 1000


@dataclass(frozen=True)
class Piece:
    html: SafeString
    collected: cache_tags.Collector

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(self.collected.tags)

    def ends(self) -> float | None:
        moment: datetime | None = self.collected.expires_at
        return moment.timestamp() if moment is not None else None


_memos: dict[str, Memo] = {}


def _memo(name: str) -> Memo:
    memo = _memos.get(name)
    if memo is None:
        memo = _memos.setdefault(name, Memo(max_entries=MAX_ENTRIES))
    return memo


def _draw(draw: Callable[[], str]) -> Piece:
    html, collected = cache_tags.collect(draw)
    return Piece(mark_safe(html), collected)  # noqa: S308 (already-rendered template output)


def keepable(request, key: tuple) -> bool:
    if getattr(request, "is_preview", False):
        return False
    return None not in key


def render(name: str, key: tuple[Hashable, ...], draw: Callable[[], str], *, request) -> str:
    """The HTML ``draw()`` returns for ``key``, remembered under ``name`` in the active
    language until a purge of a tag ``draw`` noted. ``key`` must name everything else the
    HTML depends on (the page, the host when it shows absolute URLs)."""
    if not keepable(request, key):
        return draw()
    piece = _memo(name).get(
        (*key, get_language()),
        lambda: _draw(draw),
        until=Piece.ends,
        tags_of=lambda piece: piece.tags,
    )
    cache_tags.replay(piece.collected)
    return piece.html
