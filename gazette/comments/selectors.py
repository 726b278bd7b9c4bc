"""Reads: the approved conversation under an article, a page of it at a time, and counts.

Comments are read in reading order (``Comment.path``, see ``threads.py``): each top-level
comment followed by its replies, depth first, oldest first. The article page shows
``GAZETTE_COMMENTS_PER_PAGE`` comments of that order per page; the API pages by top-level
comments, each with all its replies. Either way one query reads only the rows shown, and
the tree is built in Python from them.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    IntegerField,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from gazette.comments.models import Comment, CommentStatus
from gazette.comments.threads import level

#: The query parameter of the article page that names the page of comments.
PAGE_PARAM = "comments"
#: What pages and the API show: names, times and the rendered HTML; the source, the email
#: and the moderation data stay in the database.
SHOWN_FIELDS = (
    "id",
    "article_id",
    "parent_id",
    "author_name",
    "body_html",
    "status",
    "created_at",
    "edited_at",
    "thread",
    "path",
)

#: Listed rather than "not approved", so that finding them is a few seeks on an index.
HIDDEN_STATUSES = tuple(
    status for status in CommentStatus.values if status != CommentStatus.APPROVED
)


@dataclass
class ThreadNode:
    comment: Comment
    depth: int
    replies: list["ThreadNode"] = field(default_factory=list)
    reply_to: Comment | None = None  # set when shown away from the comment it answers
    siblings: list["ThreadNode"] = field(default_factory=list, repr=False)


@dataclass
class CommentPage:
    """One page of an article's approved comments, ready for the template."""

    number: int
    num_pages: int
    count: int  # every approved comment of the article
    per_page: int
    nodes: list[ThreadNode]
    continued: bool = False  # the page opens in the middle of a conversation

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def paginated(self) -> bool:
        return self.num_pages > 1


@dataclass
class ThreadPage:
    """A page of top-level comments with all their replies, for the API."""

    number: int
    num_pages: int
    count: int  # every approved comment of the article
    threads: int  # top-level comments, what the pages are made of
    roots: list[ThreadNode]
    #: comment id → the article page (``?comments=``) that shows it
    comment_pages: dict[int, int]

    @property
    def past_end(self) -> bool:
        return self.number > self.num_pages


def comments_per_page() -> int:
    return max(1, int(settings.GAZETTE_COMMENTS_PER_PAGE))


def page_number(raw) -> int:
    """The page a reader asked for; anything that is not a whole number from 1 up is page 1.

    Never raises: ``?comments=abc`` is a reader's typo or a crawler's guess, not an error.
    """
    try:
        number = int(str(raw).strip()) if raw is not None else 1
    except ValueError:
        return 1
    return number if number >= 1 else 1


def page_of_position(position: int) -> int:
    """The article page showing the comment at ``position`` (0-based) of the reading order."""
    return position // comments_per_page() + 1


def comment_anchor_url(article_url: str, comment_id: int, page: int = 1) -> str:
    """A link to a comment on the page of comments that shows it."""
    query = f"?{PAGE_PARAM}={page}" if page > 1 else ""
    return f"{article_url}{query}#comment-{comment_id}"


def _visible(article) -> QuerySet[Comment]:
    article_id = getattr(article, "pk", article)
    return Comment.objects.visible().filter(article_id=article_id)


def _count(queryset: QuerySet) -> Subquery:
    """``queryset``'s row count as a scalar subquery (0, not NULL, when empty)."""
    counted = queryset.order_by().values("article_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), Value(0), output_field=IntegerField())


def _at_top_level(article) -> Case:
    """True for comments answering nothing, or answering a comment readers cannot see.

    Hidden comments are few, so their ids are read once rather than each comment's parent
    joined. One CASE rather than an OR of two conditions: SQLite would otherwise serve the
    OR from the parent index and sort every top-level comment to find one page of them.
    """
    hidden = Comment.objects.filter(
        article_id=getattr(article, "pk", article), status__in=HIDDEN_STATUSES
    )
    return Case(
        When(Q(parent__isnull=True) | Q(parent_id__in=hidden.values("pk")), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def _display_roots(article) -> QuerySet[Comment]:
    """Approved comments shown at the top level (see ``_at_top_level``), in reading order."""
    return _visible(article).alias(top=_at_top_level(article)).filter(top=True).in_reading_order()


def _attach(comment: Comment, parent: ThreadNode, max_depth: int) -> ThreadNode:
    """A reply placed under ``parent``, or beside it, naming it, past the nesting limit."""
    if parent.depth < max_depth:
        node, siblings = ThreadNode(comment, parent.depth + 1), parent.replies
    else:
        node = ThreadNode(comment, parent.depth, reply_to=parent.comment)
        siblings = parent.siblings
    node.siblings = siblings
    siblings.append(node)
    return node


def _root(comment: Comment, roots: list[ThreadNode], depth: int = 0, reply_to=None) -> ThreadNode:
    node = ThreadNode(comment, depth, reply_to=reply_to, siblings=roots)
    roots.append(node)
    return node


def comment_thread(article) -> list[ThreadNode]:
    """Every approved comment, in reading order, nested up to ``GAZETTE_COMMENT_MAX_DEPTH``.

    A reply deeper than that is shown flat beside its parent, naming the comment it
    answers. A reply whose parent is not visible is shown at the top level. This reads the
    whole conversation: pages use ``comment_page``, the API ``thread_page``.
    """
    max_depth = settings.GAZETTE_COMMENT_MAX_DEPTH
    nodes: dict[int, ThreadNode] = {}
    roots: list[ThreadNode] = []
    for comment in _visible(article).in_reading_order().only(*SHOWN_FIELDS):
        parent = nodes.get(comment.parent_id)
        if parent is None:
            nodes[comment.pk] = _root(comment, roots)
        else:
            nodes[comment.pk] = _attach(comment, parent, max_depth)
    return roots


def comment_page(article, number=None) -> CommentPage:
    """Page ``number`` (as typed in ``?comments=``; forgiving) of the approved comments.

    One query on the usual path: the page's rows, each carrying the article's total and its
    parent's name and status. A number past the end gives the last page (two more queries).
    A reply whose parent is on an earlier page opens this page, naming whom it answers.
    """
    per_page = comments_per_page()
    number = page_number(number)
    shown = (
        _visible(article)
        .in_reading_order()
        .select_related("parent")
        .only(*SHOWN_FIELDS, "parent__status", "parent__author_name")
    )
    start = (number - 1) * per_page
    rows = list(shown.annotate(total=_count(_visible(article)))[start : start + per_page])
    if rows:
        total = rows[0].total
    elif number == 1:
        total = 0
    else:
        total = comment_count(article)
        number = max(1, -(-total // per_page))
        start = (number - 1) * per_page
        rows = list(shown[start : start + per_page]) if total else []

    max_depth = settings.GAZETTE_COMMENT_MAX_DEPTH
    nodes: dict[int, ThreadNode] = {}
    roots: list[ThreadNode] = []
    continued = False
    for comment in rows:
        parent = nodes.get(comment.parent_id)
        if parent is not None:
            nodes[comment.pk] = _attach(comment, parent, max_depth)
            continue
        answered = comment.parent  # fetched with the row; None for a top-level comment
        if answered is not None and answered.status == CommentStatus.APPROVED:
            # The comment it answers is on an earlier page.
            continued = True
            depth = min(level(comment.path), max_depth)
            nodes[comment.pk] = _root(comment, roots, depth=depth, reply_to=answered)
        else:
            nodes[comment.pk] = _root(comment, roots)
    return CommentPage(
        number=number,
        num_pages=max(1, -(-total // per_page)),
        count=total,
        per_page=per_page,
        nodes=roots,
        continued=continued,
    )


def comment_position(comment: Comment) -> int:
    """How many approved comments of the article come before ``comment`` in reading order."""
    # Spelled with the thread first, so that it is a range of the reading index.
    earlier = (
        Q(thread__lt=comment.thread)
        | Q(thread=comment.thread, path__lt=comment.path)
        | Q(thread=comment.thread, path=comment.path, pk__lt=comment.pk)
    )
    return _visible(comment.article_id).filter(earlier).count()


def comment_page_number(comment: Comment) -> int:
    """The page of the article (``?comments=``) that shows an approved comment."""
    return page_of_position(comment_position(comment))


def thread_page(article, *, number: int, size: int) -> ThreadPage:
    """Page ``number`` of ``size`` top-level comments, each with all its replies. Past the
    last page, ``past_end`` is true and there are no ``roots``.

    One query on the usual path: the rows of the page's conversations, each carrying the
    counts and the bounds of the page. Only when a page comes back empty is there a second
    query, for the counts.

    The page's conversations are one range of the reading index, from the thread of its
    first top-level comment to the thread of its last. Both ends are scalar subqueries, which
    every database runs once; ``thread IN (SELECT … LIMIT …)`` may instead be planned as a
    join that runs the subquery again for every comment of the article.
    """
    start = (number - 1) * size
    visible = _visible(article)
    roots = _display_roots(article)
    first_thread = Subquery(roots.values("thread")[start : start + 1])
    last_thread = Coalesce(
        Subquery(roots.values("thread")[start + size - 1 : start + size]),
        # A short last page: its last top-level comment is the article's last.
        Subquery(roots.order_by("-thread", "-path", "-pk").values("thread")[:1]),
    )
    rows = list(
        visible.filter(thread__gte=first_thread, thread__lte=last_thread)
        .in_reading_order()
        .only(*SHOWN_FIELDS)
        .annotate(
            total=_count(visible),
            threads=_count(roots),
            first_root=Subquery(roots.values("path")[start : start + 1]),
            next_root=Subquery(roots.values("path")[start + size : start + size + 1]),
            before=_count(visible.filter(thread__lt=first_thread)),
        )
    )
    if rows:
        total, threads = rows[0].total, rows[0].threads
    else:
        counts = visible.alias(top=_at_top_level(article)).aggregate(
            total=Count("pk"), threads=Count("pk", filter=Q(top=True))
        )
        total, threads = counts["total"], counts["threads"]
    num_pages = max(1, -(-threads // size))
    comment_pages: dict[int, int] = {}
    if rows:
        base = rows[0].before
        comment_pages = {row.pk: page_of_position(base + index) for index, row in enumerate(rows)}
    return ThreadPage(
        number=number,
        num_pages=num_pages,
        count=total,
        threads=threads,
        roots=_page_threads(rows),
        comment_pages=comment_pages,
    )


def _page_threads(rows: list[Comment]) -> list[ThreadNode]:
    """The trees of the page's top-level comments. ``rows`` are whole stored threads; a
    thread whose top comment is hidden may hold top-level comments of the neighbouring
    pages, which ``first_root`` and ``next_root`` leave out."""
    if not rows:
        return []
    first, after = rows[0].first_root, rows[0].next_root
    max_depth = settings.GAZETTE_COMMENT_MAX_DEPTH
    fetched = {row.pk for row in rows}
    nodes: dict[int, ThreadNode] = {}
    roots: list[ThreadNode] = []
    for comment in rows:
        parent = nodes.get(comment.parent_id)
        if parent is not None:
            nodes[comment.pk] = _attach(comment, parent, max_depth)
        elif comment.parent_id in fetched:
            continue  # under a top-level comment of another page
        elif (first is None or comment.path >= first) and (after is None or comment.path < after):
            nodes[comment.pk] = _root(comment, roots)
    return roots


def comment_count(article) -> int:
    return _visible(article).count()


def comment_counts(article_ids: list[int]) -> dict[int, int]:
    """Approved comments per article, for many articles in one query."""
    rows = (
        Comment.objects.visible()
        .filter(article_id__in=article_ids)
        .values("article_id")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(article_ids, 0)
    counts.update({row["article_id"]: row["n"] for row in rows})
    return counts
