"""A large site for benchmarks, loaded in bulk rather than one page at a time.

``page.add_child`` locks, reads and writes the tree for every page, which takes hours for
100,000 articles. Here the tree is laid out in Python instead: each section's children get
consecutive treebeard steps after its last child, so ``path``, ``depth`` and the parents'
``numchild`` are known before anything is written. Page rows go in with ``bulk_create``, and
the article rows, which Django cannot bulk-create under multi-table inheritance, with the same
insert Django itself uses for a parent table, in batches, one transaction per batch.

What is left out, on purpose: revisions (a page without one serves and edits normally), the
search index (``gazette update_index`` builds it), moderation log entries of comments, and
per-article images (every article shares one lead image). Running again adds more: new
articles follow the existing ones in each bench section.
"""

import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from io import BytesIO

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page

from gazette.articles.models import ArticleByline, ArticlePage, ArticleTag, Author, HomePage
from gazette.articles.models import SectionPage as Section
from gazette.comments.models import Comment, CommentStatus
from gazette.comments.rendering import body_fingerprint, render_comment

SECTION_SLUG = "bench-{}"
AUTHORS = 40
TAGS = 300
#: Articles written (with their bylines, tags and comments) per transaction.
CHUNK = 500
#: One comment in this many answers an earlier one on the same article.
REPLY_ONE_IN = 5
WORDS = (
    "council budget river harbour station market school clinic bridge tram election court "
    "museum stadium water housing rent energy grid farmers festival library police weather "
    "storm port airport archive trial union strike vote park forest coast tunnel factory "
    "hospital ministry mayor teachers nurses drivers tenants bakers fishermen neighbours"
).split()
NAMES = (
    "Ana Lima, Tomasz W., Grace O., Reza, Mei Chen, Jonas Berg, Priya N., Kwame Mensah, "
    "Lucía Ortega, Olek, Sara Haddad, Daniel K., Ife Adeyemi, Marta Rossi, Hiro T., Nadia"
).split(", ")


@dataclass
class Progress:
    """Receives ``(what, done, total)``; the command turns it into a progress bar."""

    report: Callable[[str, int, int], None] = lambda what, done, total: None


@dataclass
class Loaded:
    articles: int = 0
    comments: int = 0
    sections: list[Section] = field(default_factory=list)
    #: Comment count asked for with ``threads`` → the article that has exactly that many.
    threads: dict[int, ArticlePage] = field(default_factory=dict)


def load_bench_site(
    *,
    articles: int,
    comments: int,
    sections: int = 10,
    threads: Sequence[int] = (),
    seed: int = 5,
    progress: Progress | None = None,
) -> Loaded:
    """Add ``articles`` published articles spread over ``sections`` bench sections (created
    when missing, comments open) and ``comments`` approved comments spread over those
    articles, a few with many, most with few. For each count in ``threads`` one more article
    is added to the first section with exactly that many approved comments.

    Raises RuntimeError when the site has no home page (run ``gazette migrate`` first).
    """
    if articles < 0 or comments < 0 or sections < 1 or any(count < 0 for count in threads):
        raise ValueError("Counts must not be negative, and there must be a section.")
    if comments and not articles:
        raise ValueError("Comments need articles to go on.")
    progress = progress or Progress()
    rng = random.Random(seed)
    home = HomePage.objects.first()
    if home is None:
        raise RuntimeError("No home page: run `gazette migrate` first.")
    loaded = Loaded(sections=ensure_sections(home, sections))
    writer = _Writer(rng=rng, lead_image=ensure_lead_image(), now=timezone.now())

    # Each article's section and comment count are decided up front, so counts are exact.
    plan = [(loaded.sections[i % sections], 0) for i in range(articles)]
    for index, count in _spread(comments, articles, rng).items():
        plan[index] = (plan[index][0], count)
    thread_plan = [(loaded.sections[0], count) for count in threads]

    done = 0
    for start in range(0, len(plan), CHUNK):
        chunk = plan[start : start + CHUNK]
        with transaction.atomic():
            writer.write(chunk)
        done += len(chunk)
        loaded.articles += len(chunk)
        loaded.comments += sum(count for _, count in chunk)
        progress.report("articles", done, articles)
    if thread_plan:
        with transaction.atomic():
            written = writer.write(thread_plan)
        loaded.threads = {
            count: page for (_, count), page in zip(thread_plan, written, strict=True)
        }
        loaded.articles += len(thread_plan)
        loaded.comments += sum(threads)
    return loaded


def ensure_sections(home: HomePage, count: int) -> list[Section]:
    """The bench sections 1..count, created the normal way (they are few) when missing."""
    existing = {section.slug: section for section in Section.objects.child_of(home)}
    found = []
    for number in range(1, count + 1):
        slug = SECTION_SLUG.format(number)
        section = existing.get(slug)
        if section is None:
            section = Section(
                title=f"Bench section {number}",
                slug=slug,
                description="Articles loaded by `gazette bench_data`.",
                default_comment_mode="open",
            )
            home.add_child(instance=section)
            section.save_revision().publish(log_action=False)
        found.append(section)
    return found


def ensure_lead_image():
    """One small generated photo that every bench article leads with."""
    from PIL import Image, ImageDraw

    Image_ = get_image_model()
    image = Image_.objects.filter(title="Bench lead image").first()
    if image is not None:
        return image
    picture = Image.new("RGB", (1200, 675), (32, 64, 96))
    ImageDraw.Draw(picture).rectangle((100, 100, 1100, 575), outline=(220, 220, 220), width=8)
    buffer = BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    image = Image_(title="Bench lead image")
    image.file = ImageFile(BytesIO(buffer.getvalue()), name="bench-lead.jpg")
    image.save()
    return image


def _spread(total: int, articles: int, rng: random.Random) -> dict[int, int]:
    """``total`` comments over ``articles`` articles, heavy-tailed as on a news site."""
    if not total:
        return {}
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(articles)]
    rng.shuffle(weights)
    counts: dict[int, int] = {}
    for index in rng.choices(range(articles), weights=weights, k=total):
        counts[index] = counts.get(index, 0) + 1
    return counts


class _Writer:
    """Writes articles and their comments; remembers where each section's children end."""

    def __init__(self, *, rng: random.Random, lead_image, now: datetime):
        self.rng = rng
        self.lead_image = lead_image
        self.now = now
        self.content_type = ContentType.objects.get_for_model(ArticlePage)
        self.authors = _ensure_authors()
        self.tags = _ensure_tags()
        self.next_step: dict[int, int] = {}
        self.serial = Comment.objects.count()

    def write(self, plan: list[tuple[Section, int]]) -> list[ArticlePage]:
        pages = [self._page(section) for section, _ in plan]
        Page.objects.bulk_create(pages)
        articles = [
            self._article(page, section) for page, (section, _) in zip(pages, plan, strict=True)
        ]
        _insert_rows(ArticlePage, articles)
        per_section: dict[int, int] = {}
        for section, _ in plan:
            per_section[section.pk] = per_section.get(section.pk, 0) + 1
        for section_id, added in per_section.items():
            Page.objects.filter(pk=section_id).update(numchild=F("numchild") + added)
        self._bylines_and_tags(articles)
        self._comments(
            [(article, count) for article, (_, count) in zip(articles, plan, strict=True)]
        )
        return articles

    def _step(self, section: Section) -> int:
        if section.pk not in self.next_step:
            last = (
                Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.next_step[section.pk] = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
        step = self.next_step[section.pk]
        self.next_step[section.pk] = step + 1
        return step

    def _page(self, section: Section) -> Page:
        step = self._step(section)
        slug = f"story-{step}"
        title = self._headline()
        published = self.now - timedelta(minutes=self.rng.randint(30, 2 * 365 * 24 * 60))
        return Page(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=self.content_type,
            path=Page._get_path(section.path, section.depth + 1, step),
            depth=section.depth + 1,
            numchild=0,
            url_path=f"{section.url_path}{slug}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            locale_id=section.locale_id,
            translation_key=uuid.uuid4(),
        )

    def _article(self, page: Page, section: Section) -> ArticlePage:
        paragraphs = [
            {"type": "paragraph", "value": f"<p>{self._sentence(24)}</p>", "id": str(uuid.uuid4())}
            for _ in range(6)
        ]
        article = ArticlePage(
            page_ptr_id=page.pk,
            standfirst=self._sentence(18),
            dateline_place=self.rng.choice(["Lisbon", "Nairobi", "Tehran", "Rotterdam", "Lima"]),
            published_at=page.first_published_at,
            body=paragraphs,
            lead_image=self.lead_image,
            lead_image_caption=self._sentence(8),
            lead_image_credit="Bench photo desk",
            language="en",
            comment_mode="",
            section_page_id=section.pk,
            listed=True,
        )
        # Page's fields on the instance, so callers can use it (url_path, path, title).
        for name in ("id", "title", "slug", "path", "depth", "url_path", "live", "locale_id"):
            setattr(article, name, getattr(page, name))
        return article

    def _bylines_and_tags(self, articles: list[ArticlePage]) -> None:
        bylines, tagged = [], []
        for article in articles:
            for order, author in enumerate(self.rng.sample(self.authors, self.rng.randint(1, 2))):
                bylines.append(ArticleByline(page_id=article.pk, author=author, sort_order=order))
            for tag in self.rng.sample(self.tags, 3):
                tagged.append(ArticleTag(content_object_id=article.pk, tag=tag))
        ArticleByline.objects.bulk_create(bylines)
        ArticleTag.objects.bulk_create(tagged)

    def _comments(self, plan: list[tuple[ArticlePage, int]]) -> None:
        """Top-level comments first (their ids are needed), then the replies to them."""
        roots, replies = [], []
        for article, count in plan:
            moment = article.published_at
            for number in range(count):
                moment = min(moment + timedelta(minutes=self.rng.randint(1, 30)), self.now)
                comment = self._comment(article, moment)
                reply = number and number % REPLY_ONE_IN == 0
                (replies if reply else roots).append(comment)
        Comment.objects.bulk_create(roots)
        by_article: dict[int, list[int]] = {}
        for comment in roots:
            by_article.setdefault(comment.article_id, []).append(comment.pk)
        for comment in replies:
            comment.parent_id = self.rng.choice(by_article[comment.article_id])
        Comment.objects.bulk_create(replies)

    def _comment(self, article: ArticlePage, moment: datetime) -> Comment:
        self.serial += 1
        body = (
            f"{self._sentence(self.rng.randint(8, 40))} *{self.rng.choice(WORDS)}* #{self.serial}"
        )
        return Comment(
            article_id=article.pk,
            author_name=self.rng.choice(NAMES),
            body=body,
            body_html=render_comment(body),
            body_hash=body_fingerprint(body),
            status=CommentStatus.APPROVED,
            ip_prefix="198.51.100.0/24",
            user_agent="gazette-bench",
            created_at=moment,
        )

    def _headline(self) -> str:
        return self._sentence(self.rng.randint(6, 11)).rstrip(".")

    def _sentence(self, words: int) -> str:
        text = " ".join(self.rng.choice(WORDS) for _ in range(words))
        return text[:1].upper() + text[1:] + "."


def _ensure_authors() -> list[Author]:
    wanted = [
        Author(name=f"Bench Reporter {n}", slug=f"bench-reporter-{n}", bio="Covers the bench.")
        for n in range(1, AUTHORS + 1)
    ]
    Author.objects.bulk_create(wanted, ignore_conflicts=True)
    return list(Author.objects.filter(slug__startswith="bench-reporter-"))


def _ensure_tags() -> list[Tag]:
    wanted = [Tag(name=f"bench topic {n}", slug=f"bench-topic-{n}") for n in range(1, TAGS + 1)]
    Tag.objects.bulk_create(wanted, ignore_conflicts=True)
    return list(Tag.objects.filter(slug__startswith="bench-topic-"))


def _insert_rows(model, objs: list) -> None:
    """Insert only ``model``'s own table rows (its parent rows exist already), in batches.

    This is the insert ``Model.save()`` runs for each table of a multi-table model, given
    many objects at once; ``bulk_create`` refuses such models.
    """
    fields = model._meta.local_concrete_fields
    size = max(1, connection.ops.bulk_batch_size(fields, objs))
    for start in range(0, len(objs), size):
        model._base_manager._insert(objs[start : start + size], fields=fields)
