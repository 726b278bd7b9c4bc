"""Where a comment sits in its article's conversation, worked out once, when it is written.

Every comment stores a ``path``: its top-level comment's segment, then one segment per reply
level down to itself. A segment is the comment's creation time in microseconds (17 digits)
and 6 digits of a per-process counter that breaks ties, so sorting the comments of an
article by ``path`` gives the reading order of the page: each top-level comment, oldest
first, followed at once by its replies, depth first, oldest first at every level. ``thread``
is the first segment, shared by a top-level comment and every reply under it.

With both stored and indexed, a page of a huge conversation is one index range
(``ORDER BY path LIMIT/OFFSET``), a page of threads is ``thread IN (…)``, and the page a
comment is on is a count of the paths before its own; no read walks the whole tree.

Paths hold digits only, so every database collation sorts them the same way. Below
``LEVELS`` levels a reply takes its parent's place in the order rather than a level under it
(the page shows such replies flat anyway), which bounds the column's length.
"""

import itertools
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.utils import timezone

TIME_DIGITS = 17
SERIAL_DIGITS = 6
SEGMENT = TIME_DIGITS + SERIAL_DIGITS
LEVELS = 16
PATH_LENGTH = SEGMENT * LEVELS

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
# Starts at a random point so two processes writing in the same microsecond rarely collide;
# a collision only makes two conversations share a page slot, nothing is lost.
_serial = itertools.count(secrets.randbelow(10**SERIAL_DIGITS))


def segment(created_at: datetime, serial: int | None = None) -> str:
    """The fixed-width, digits-only sort key of one comment among its siblings."""
    if timezone.is_naive(created_at):
        created_at = timezone.make_aware(created_at, UTC)
    micros = min(max(0, (created_at - _EPOCH) // _MICROSECOND), 10**TIME_DIGITS - 1)
    if serial is None:
        serial = next(_serial)
    return f"{micros:0{TIME_DIGITS}d}{serial % 10**SERIAL_DIGITS:0{SERIAL_DIGITS}d}"


def child_path(parent_path: str, own_segment: str) -> str:
    """The path of a reply under ``parent_path`` (empty for a top-level comment)."""
    if not parent_path:
        return own_segment
    if len(parent_path) >= PATH_LENGTH:
        # Past the deepest stored level: sort beside the parent, after it (written later).
        parent_path = parent_path[: PATH_LENGTH - SEGMENT]
    return parent_path + own_segment


def place_comment(comment) -> None:
    """Fill ``path`` and ``thread`` of an unsaved comment from its parent's path.

    Costs no query when the parent object is at hand (as in ``comment_submit``), one when
    only ``parent_id`` is set.
    """
    parent_path = ""
    if comment.parent_id is not None:
        field = type(comment)._meta.get_field("parent")
        parent = comment.parent if field.is_cached(comment) else None
        if parent is not None and parent.path:
            parent_path = parent.path
        else:
            parent_path = (
                type(comment)
                ._default_manager.filter(pk=comment.parent_id)
                .values_list("path", flat=True)
                .first()
                or ""
            )
    _set(comment, child_path(parent_path, segment(comment.created_at)))


def place_comments(comments: Iterable, model) -> None:
    """``place_comment`` for a batch about to be bulk-created, with one query per 900
    parents that are not in memory. Comments that already have a path are left alone."""
    pending = [comment for comment in comments if not comment.path]
    field = model._meta.get_field("parent")
    known: dict[int, str] = {}
    wanted = set()
    for comment in pending:
        if comment.parent_id is None:
            continue
        parent = comment.parent if field.is_cached(comment) else None
        if parent is not None and parent.path:
            known[comment.parent_id] = parent.path
        else:
            wanted.add(comment.parent_id)
    wanted = sorted(wanted - known.keys())
    for start in range(0, len(wanted), 900):
        rows = model._default_manager.filter(pk__in=wanted[start : start + 900])
        known.update(rows.values_list("pk", "path"))
    for comment in pending:
        parent_path = known.get(comment.parent_id, "") if comment.parent_id else ""
        _set(comment, child_path(parent_path, segment(comment.created_at)))


def _set(comment, path: str) -> None:
    comment.path = path
    comment.thread = path[:SEGMENT]


def level(path: str) -> int:
    """0 for a top-level comment, 1 for a reply to it, and so on (up to ``LEVELS - 1``)."""
    return max(0, len(path) // SEGMENT - 1)
