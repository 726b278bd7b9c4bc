"""Reads: the approved conversation under an article, a page of it at a time, and counts.

Comments are read in reading order (``Comment.path``, see ``threads.py``): each top-level
comment followed by its replies, depth first, oldest first. The article page shows
``GAZETTE_COMMENTS_PER_PAGE`` comments of that order per page; the API pages by top-level
comments, each with all its replies. Either way one query reads only the rows shown, and
the tree is built in Python from them.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import connections, router
from django.db.models import (
    Count,
    IntegerField,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from wagtail.models import Page, PageViewRestriction

from gazette.articles.models import ArticlePage, SectionPage, effective_comment_mode
from gazette.articles.routing import RESTRICTIONS_TAG, SITES_TAG
from gazette.cache.memo import Memo
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


@dataclass(slots=True, frozen=True)
class AnsweredComment:
    pk: int
    author_name: str
    status: str


def comment_page(article, number=None) -> CommentPage:
    """Page ``number`` (as typed in ``?comments=``; forgiving) of the approved comments.

    One query on the usual path: the page's rows, each carrying the article's total and its
    parent's name and status. A number past the end gives the last page (two more queries).
    A reply whose parent is on an earlier page opens this page, naming whom it answers.
    """
    article_id = getattr(article, "pk", article)
    per_page = comments_per_page()
    number = page_number(number)
    start = (number - 1) * per_page
    rows = _page_rows(article_id, start, per_page)
    if rows:
        total = rows[0][1]
    elif number == 1:
        total = 0
    else:
        total = comment_count(article_id)
        number = max(1, -(-total // per_page))
        start = (number - 1) * per_page
        rows = _page_rows(article_id, start, per_page) if total else []

    max_depth = settings.GAZETTE_COMMENT_MAX_DEPTH
    nodes: dict[int, ThreadNode] = {}
    roots: list[ThreadNode] = []
    continued = False
    for comment, _total in rows:
        parent = nodes.get(comment.parent_id)
        if parent is not None:
            nodes[comment.pk] = _attach(comment, parent, max_depth)
            continue
        answered = comment.parent  # read with the row; None for a top-level comment
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


_page_queries: dict[str, str] = {}


def _page_query(connection) -> str:
    """The SQL of one page of an article's approved comments in reading order, each row
    with the article's total and the parent's id, name and status. Written out once per
    database, as ``thread_page`` is: the ORM spent longer building this statement and its
    model instances than the database spent answering it."""
    cached = _page_queries.get(connection.vendor)
    if cached is not None:
        return cached
    quote = connection.ops.quote_name
    meta = Comment._meta
    table = quote(meta.db_table)

    def column(name: str) -> str:
        return quote(meta.get_field(name).column)

    shown = ", ".join(
        f"c.{column(name)}"
        for name in ("id", "parent", "author_name", "body_html", "created_at", "edited_at")
    )
    sql = (
        f"SELECT {shown}, c.{column('path')}, "  # noqa: S608 (names, not input)
        f"(SELECT COUNT(*) FROM {table} v WHERE v.{column('article')} = %s "
        f"AND v.{column('status')} = %s), "
        f"p.{column('id')}, p.{column('author_name')}, p.{column('status')} "
        f"FROM {table} c LEFT OUTER JOIN {table} p ON p.{column('id')} = c.{column('parent')} "
        f"WHERE c.{column('article')} = %s AND c.{column('status')} = %s "
        f"ORDER BY c.{column('thread')}, c.{column('path')}, c.{column('id')} "
        "LIMIT %s OFFSET %s"
    )
    _page_queries[connection.vendor] = sql
    return sql


def _page_rows(article_id: int, start: int, size: int) -> list[tuple["ShownComment", int]]:
    connection = connections[router.db_for_read(Comment)]
    sql = _page_query(connection)
    approved = str(CommentStatus.APPROVED)
    moment = _datetime_converter(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, [article_id, approved, article_id, approved, size, start])
        rows = cursor.fetchall()
    page = []
    for pk, parent_id, name, body, created, edited, path, total, p_id, p_name, p_status in rows:
        answered = AnsweredComment(p_id, p_name, p_status) if p_id is not None else None
        comment = ShownComment(
            pk, parent_id, name, body, moment(created), moment(edited), path, answered
        )
        page.append((comment, total))
    return page


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

    One query whatever happens: the rows of the page's conversations, each carrying the
    counts and the bounds of the page; a page without rows still comes back as one row of
    counts. Written as SQL rather than built with the ORM, which spent several times longer
    putting this query together than the database spends answering it.

    The page's conversations are one range of the reading index, from the thread of its
    first top-level comment to the thread of its last. Both ends are scalar subqueries, which
    every database runs once; ``thread IN (SELECT … LIMIT …)`` may instead be planned as a
    join that runs the subquery again for every comment of the article.

    A comment is shown at the top level when it answers nothing or answers a hidden comment.
    Hidden comments are few, so their ids are read once rather than each comment's parent
    joined, and tested in one CASE rather than an OR of two conditions: SQLite would
    otherwise serve the OR from the parent index and sort every top-level comment to find
    one page of them. They are counted as the comments without a parent, in the same pass as
    the total, plus the replies to the hidden comments, found through the parent index.
    """
    article_id = getattr(article, "pk", article)
    start = (number - 1) * size
    connection = connections[router.db_for_read(Comment)]
    read: list = []

    def counted() -> tuple[int, int, int]:
        read.append(_thread_rows(connection, article_id, start, size, None))
        return tuple(read[0][0][7:10])

    counts = _thread_counts.get(
        article_id, counted, tags_of=lambda counts: (f"comments-{article_id}",)
    )
    raw = read[0] if read else _thread_rows(connection, article_id, start, size, counts)

    total, bare, orphans, first, after, before = raw[0][7:]
    threads = bare + orphans
    num_pages = max(1, -(-threads // size))
    convert = _datetime_converter(connection)
    per_page = comments_per_page()
    rows = []
    comment_pages: dict[int, int] = {}
    for position, row in enumerate(raw if raw[0][0] is not None else (), start=before):
        pk, parent_id, author_name, body_html, created_at, edited_at, path = row[:7]
        rows.append(
            ShownComment(
                pk, parent_id, author_name, body_html, convert(created_at), convert(edited_at), path
            )
        )
        comment_pages[pk] = position // per_page + 1
    return ThreadPage(
        number=number,
        num_pages=num_pages,
        count=total,
        threads=threads,
        roots=_page_threads(rows, first, after),
        comment_pages=comment_pages,
    )


#: An article's counts for the API's pages (every approved comment, those without a parent,
#: the replies to hidden comments), kept until its comments change (``comments-<id>``, the
#: purge of any change a reader could see): counting costs in proportion to the conversation.
_thread_counts = Memo(max_entries=2000)


def _thread_rows(connection, article_id: int, start: int, size: int, counts) -> list[tuple]:
    sql, params = _ThreadPageSQL(connection, article_id).build(start, size, counts)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@dataclass(slots=True)
class ShownComment:
    """What a page or the API shows of an approved comment, read without building a model
    instance (which took longer than drawing the comment)."""

    pk: int
    parent_id: int | None
    author_name: str
    body_html: str
    created_at: datetime
    edited_at: datetime | None
    path: str
    #: The comment it answers, where read (``comment_page``); None at the top level.
    parent: "AnsweredComment | None" = None
    status: str = CommentStatus.APPROVED

    @property
    def id(self) -> int:
        return self.pk


class _ThreadPageSQL:
    """The one query of ``thread_page``. Every value is a parameter, added in the order it
    is written; only quoted names and whole numbers are put into the text."""

    def __init__(self, connection, article_id: int):
        quote = connection.ops.quote_name
        self.table = quote(Comment._meta.db_table)
        self.column = {
            name: quote(Comment._meta.get_field(name).column)
            for name in ("id", "article", "parent", "status", "thread", "path")
        }
        self.column.update(
            (name, quote(Comment._meta.get_field(name).column))
            for name in ("author_name", "body_html", "created_at", "edited_at")
        )
        self.article_id = article_id
        self.vendor = connection.vendor
        self.params: list = []
        self.aliases = 0

    def value(self, *values) -> str:
        self.params.extend(values)
        return ", ".join(["%s"] * len(values))

    def col(self, alias: str, name: str) -> str:
        return f"{alias}.{self.column[name]}"

    def alias(self, prefix: str) -> str:
        self.aliases += 1
        return f"{prefix}{self.aliases}"

    def approved(self, alias: str) -> str:
        return (
            f"{self.col(alias, 'article')} = {self.value(self.article_id)} "
            f"AND {self.col(alias, 'status')} = {self.value(CommentStatus.APPROVED.value)}"
        )

    def hidden_ids(self) -> str:
        alias = self.alias("h")
        return (
            f"SELECT {self.col(alias, 'id')} FROM {self.table} {alias} "  # noqa: S608
            f"WHERE {self.col(alias, 'article')} = {self.value(self.article_id)} "
            f"AND {self.col(alias, 'status')} IN ({self.value(*HIDDEN_STATUSES)})"
        )

    def root(self, name: str, offset: int, *, last: bool = False) -> str:
        """The ``name`` column of the top-level comment at ``offset`` in reading order (from
        the end with ``last``)."""
        alias = self.alias("r")
        order = " DESC" if last else ""
        parent = self.col(alias, "parent")
        at_top = f"{parent} IS NULL OR {parent} IN ({{}})"
        if self.vendor == "sqlite":
            # SQLite would serve the OR from the parent index and sort every top-level
            # comment to find one; PostgreSQL, given the CASE, expects it to match so few
            # rows that it reads and sorts the whole conversation instead of the index.
            at_top = f"CASE WHEN {at_top} THEN 1 ELSE 0 END = 1"
        return (
            f"(SELECT {self.col(alias, name)} FROM {self.table} {alias} "  # noqa: S608
            f"WHERE {self.approved(alias)} AND ({at_top.format(self.hidden_ids())}) "
            f"ORDER BY {self.col(alias, 'thread')}{order}, {self.col(alias, 'path')}{order}, "
            f"{self.col(alias, 'id')}{order} LIMIT 1 OFFSET {int(offset)})"
        )

    def build(self, start: int, size: int, counts=None) -> tuple[str, list]:
        """The query; with ``counts`` (total, bare, orphans) already known, they are passed
        through as values instead of counted."""
        c = "c"
        shown = ", ".join(
            self.col(c, name)
            for name in (
                "id",
                "parent",
                "author_name",
                "body_html",
                "created_at",
                "edited_at",
                "path",
            )
        )
        if counts is None:
            # The replies to hidden comments, counted from the hidden side: the status is
            # tested in a CASE so that no planner starts from every approved comment.
            orphans = (
                f"(SELECT COUNT(*) FROM {self.table} o WHERE {self.col('o', 'parent')} "  # noqa: S608
                f"IN ({self.hidden_ids()}) AND CASE WHEN {self.col('o', 'status')} = "
                f"{self.value(CommentStatus.APPROVED.value)} THEN 1 ELSE 0 END = 1)"
            )
        else:
            orphans = self.value(counts[2])
        first_root = self.root("path", start)
        next_root = self.root("path", start + size)
        before = (
            f"(SELECT COUNT(*) FROM {self.table} b WHERE {self.approved('b')} "  # noqa: S608
            f"AND {self.col('b', 'thread')} < {self.root('thread', start)})"
        )
        if counts is None:
            totals = (
                f"(SELECT COUNT(*) AS total, COUNT(*) - COUNT({self.col('v', 'parent')}) "  # noqa: S608
                f"AS bare FROM {self.table} v WHERE {self.approved('v')}) n"
            )
        else:
            totals = f"(SELECT {self.value(counts[0])} AS total, {self.value(counts[1])} AS bare) n"
        page = (
            f"LEFT JOIN {self.table} {c} ON {self.approved(c)} "
            f"AND {self.col(c, 'thread')} >= {self.root('thread', start)} "
            f"AND {self.col(c, 'thread')} <= COALESCE({self.root('thread', start + size - 1)}, "
            # A short last page: its last top-level comment is the article's last.
            f"{self.root('thread', 0, last=True)})"
        )
        sql = (
            f"SELECT {shown}, n.total, n.bare, {orphans}, {first_root}, {next_root}, "  # noqa: S608
            f"{before} FROM {totals} {page} "
            f"ORDER BY {self.col(c, 'thread')}, {self.col(c, 'path')}, {self.col(c, 'id')}"
        )
        return sql, self.params


def _datetime_converter(connection):
    """Turns a stored time, as the database driver returns it, into an aware datetime, as
    the ORM would (SQLite returns text)."""
    field = Comment._meta.get_field("created_at")
    expression = field.get_col(Comment._meta.db_table)
    converters = [
        *connection.ops.get_db_converters(expression),
        *field.get_db_converters(connection),
    ]

    def convert(value):
        for converter in converters:
            value = converter(value, expression, connection)
        return value

    return convert


def _page_threads(rows: list, first: str | None, after: str | None) -> list[ThreadNode]:
    """The trees of the page's top-level comments. ``rows`` are whole stored threads; a
    thread whose top comment is hidden may hold top-level comments of the neighbouring
    pages, which ``first`` (the path of the page's first top-level comment) and ``after``
    (that of the next page's first) leave out."""
    if not rows:
        return []
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


#: What ``commentable_article`` reads of an article and of its section: what decides whether
#: it takes comments, and what Wagtail needs to work out its URL.
ARTICLE_FIELDS = frozenset(
    {"id", "page_ptr_id", "path", "depth", "url_path", "title", "slug", "live"}
    | {"published_at", "comment_mode", "language"}
)
SECTION_FIELDS = frozenset(
    {"id", "page_ptr_id", "path", "depth", "url_path", "title", "slug", "live"}
    | {"default_comment_mode", "close_comments_after_days"}
)


@dataclass(frozen=True, slots=True)
class CommentableSection:
    """What the comments API reads of an article's section."""

    pk: int
    default_comment_mode: str
    close_comments_after_days: int | None

    @property
    def id(self) -> int:
        return self.pk


@dataclass(frozen=True, slots=True)
class CommentableArticle:
    """What the comments API reads of a published article: whether it takes comments, and
    where it is. Plain values, kept between requests (``commentable_article``); ``page()``
    reads the article itself when anything else is wanted."""

    pk: int
    title: str
    url_path: str
    published_at: datetime | None
    comment_mode: str
    language: str
    section: CommentableSection | None
    #: Its path on the site, when there is only one site (None with several, where the
    #: path depends on the site asking).
    site_path: str | None

    @property
    def id(self) -> int:
        return self.pk

    @property
    def effective_comment_mode(self) -> str:
        return effective_comment_mode(self.comment_mode, self.section)

    def page(self) -> ArticlePage | None:
        """The article itself, read now (None if it was deleted meanwhile)."""
        return ArticlePage.objects.filter(pk=self.pk).first()

    def purged_by(self) -> tuple[str, ...]:
        """Purges after which the article as stored may differ from this (besides
        ``_commentable``'s own: sites and view restrictions)."""
        section = (f"section-{self.section.pk}",) if self.section is not None else ()
        return (f"article-{self.pk}", *section)


#: Articles kept per process for the comments API, dropped by the purges that drop the
#: article's page: a site's articles being commented on, a few hundred bytes each.
_commentable = Memo(SITES_TAG, RESTRICTIONS_TAG, max_entries=2000)


def commentable_article(article_id: int) -> CommentableArticle | None:
    """The published article ``article_id`` (live, and under no view restriction, as
    ``published_articles()``), with its section, or None.

    Kept between requests until a purge of the article, its section, the sites or the view
    restrictions; otherwise read in one query, written as SQL: Wagtail's ``public()`` reads
    every view restriction in a query of its own, and the ORM spent longer building these
    queries than the database answering them.
    """
    return _commentable.get(
        article_id,
        lambda: _read_commentable(article_id),
        tags_of=CommentableArticle.purged_by,
        keep=lambda found: found is not None,
    )


def _read_commentable(article_id: int) -> CommentableArticle | None:
    connection = connections[router.db_for_read(ArticlePage)]
    query = _article_query(connection)
    with connection.cursor() as cursor:
        cursor.execute(query.sql, [article_id, True])
        row = cursor.fetchone()
    if row is None:
        return None
    split = len(query.article)
    article = _instance(ArticlePage, connection, query.article, row[:split])
    section = None
    if row[split + query.section_key] is not None:
        page = _instance(SectionPage, connection, query.section, row[split:])
        section = CommentableSection(
            page.pk, page.default_comment_mode, page.close_comments_after_days
        )
    # With a single site, Wagtail gives an article the same path whichever site a request
    # is for; with several, the path is worked out per request.
    site_path = None
    if len({root.site_id for root in article._get_site_root_paths(None)}) <= 1:
        parts = article.get_url_parts(None)
        site_path = parts[2] if parts is not None else ""
    return CommentableArticle(
        pk=article.pk,
        title=article.title,
        url_path=article.url_path,
        published_at=article.published_at,
        comment_mode=article.comment_mode,
        language=article.language,
        section=section,
        site_path=site_path,
    )


@dataclass(frozen=True)
class _ArticleQuery:
    sql: str
    article: tuple  # (field, its column expression), in ``Model.from_db`` order
    section: tuple
    section_key: int  # where the section's own key is in ``section``: NULL without one


_article_queries: dict[str, _ArticleQuery] = {}


def _article_query(connection) -> _ArticleQuery:
    """``commentable_article``'s query, written once per kind of database."""
    query = _article_queries.get(connection.vendor)
    if query is not None:
        return query
    quote = connection.ops.quote_name
    page, restriction = Page._meta, PageViewRestriction._meta
    article = _columns(connection, ArticlePage, ARTICLE_FIELDS, {Page: "p", ArticlePage: "a"})
    section = _columns(connection, SectionPage, SECTION_FIELDS, {Page: "sp", SectionPage: "s"})
    page_table, page_id, path = (
        quote(page.db_table),
        quote(page.pk.column),
        quote(page.get_field("path").column),
    )
    sql = (
        f"SELECT {', '.join(column for _, column in article + section)} "  # noqa: S608
        f"FROM {page_table} p "
        f"INNER JOIN {quote(ArticlePage._meta.db_table)} a "
        f"ON a.{quote(ArticlePage._meta.pk.column)} = p.{page_id} "
        f"LEFT JOIN {page_table} sp "
        f"ON sp.{path} = SUBSTR(p.{path}, 1, LENGTH(p.{path}) - {int(ArticlePage.steplen)}) "
        f"LEFT JOIN {quote(SectionPage._meta.db_table)} s "
        f"ON s.{quote(SectionPage._meta.pk.column)} = sp.{page_id} "
        f"WHERE p.{page_id} = %s AND p.{quote(page.get_field('live').column)} = %s "
        f"AND NOT EXISTS (SELECT 1 FROM {quote(restriction.db_table)} r "
        f"INNER JOIN {page_table} rp "
        f"ON rp.{page_id} = r.{quote(restriction.get_field('page').column)} "
        f"WHERE SUBSTR(p.{path}, 1, LENGTH(rp.{path})) = rp.{path})"
    )
    section_key = [field.attname for field, _ in section].index(SectionPage._meta.pk.attname)
    query = _ArticleQuery(sql, tuple(article), tuple(section), section_key)
    _article_queries[connection.vendor] = query
    return query


def _columns(connection, model, names, aliases) -> list:
    """``(field, "alias.column")`` for the fields of ``model`` named in ``names``, in the
    order of the model's concrete fields (the order ``Model.from_db`` expects)."""
    quote = connection.ops.quote_name
    return [
        (field, f"{aliases[field.model]}.{quote(field.column)}")
        for field in model._meta.concrete_fields
        if field.attname in names
    ]


def _instance(model, connection, columns, values):
    """A model instance from raw values, converted as the ORM converts them."""
    converted = []
    for (model_field, _), value in zip(columns, values, strict=True):
        if value is not None:
            expression = model_field.get_col(model_field.model._meta.db_table)
            for converter in (
                *connection.ops.get_db_converters(expression),
                *model_field.get_db_converters(connection),
            ):
                value = converter(value, expression, connection)
        converted.append(value)
    names = [model_field.attname for model_field, _ in columns]
    return model.from_db(connection.alias, names, converted)


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
