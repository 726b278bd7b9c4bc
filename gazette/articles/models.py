"""The editorial side: Home ▸ Section ▸ Article pages, and the Author snippet."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from gazette.articles.blocks import ArticleBodyBlock
from gazette.cache import tags as cache_tags
from gazette.core.datelines import format_dateline
from gazette.core.text import is_language_tag, text_direction


class CommentMode(models.TextChoices):
    OPEN = "open", _("Open: comments appear at once")
    PREMODERATED = "premoderated", _("Premoderated: a moderator approves each comment")
    CLOSED = "closed", _("Closed: no new comments")


def effective_comment_mode(own: str, section) -> str:
    """An article's comment mode: its own, else its section's default, else premoderated."""
    if own:
        return own
    return section.default_comment_mode if section else CommentMode.PREMODERATED


def validate_language_tag(value: str) -> None:
    if not is_language_tag(value):
        raise ValidationError(
            _("Enter a BCP 47 language tag such as “en”, “fa” or “pt-BR”."), code="invalid"
        )


def default_language() -> str:
    return settings.LANGUAGE_CODE


class Author(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("bio"), FieldPanel("photo")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("author", kwargs={"slug": self.slug})


class ArticleQuerySet(PageQuerySet):
    def published(self):
        """Live, public articles, newest first: what readers, feeds and the API may see."""
        return self.live().public().order_by("-published_at", "-pk")

    def for_cards(self):
        """What ``article_card.html`` shows (headline, standfirst, dateline, lead image),
        fetched without one query per card."""
        return self.select_related("lead_image").prefetch_related("lead_image__renditions")

    def for_listing(self):
        """Cards plus bylines and tags, for feeds and the API, which show them."""
        return self.for_cards().prefetch_related("bylines__author", "tagged_items__tag")


ArticleManager = PageManager.from_queryset(ArticleQuerySet)


class HomePage(Page):
    """The front page: a lead story, the latest from each section, then everything newest first."""

    lead_article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("lead article"),
        help_text=_("Leave empty to lead with the newest article."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [FieldPanel("lead_article")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.SectionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from gazette.articles.selectors import front_page

        cache_tags.add("home", "comment-counts")
        context = super().get_context(request, *args, **kwargs)
        context.update(front_page(self, request))
        return context


class SectionPage(Page):
    description = models.TextField(_("description"), blank=True)
    default_comment_mode = models.CharField(
        _("default comment mode"),
        max_length=20,
        choices=CommentMode.choices,
        default=CommentMode.PREMODERATED,
        help_text=_("Articles in this section use this mode unless they set their own."),
    )
    close_comments_after_days = models.PositiveIntegerField(
        _("close comments after (days)"),
        null=True,
        blank=True,
        help_text=_("Comments close this many days after publication. Empty: never."),
    )

    content_panels = Page.content_panels + [FieldPanel("description")]
    settings_panels = Page.settings_panels + [
        FieldPanel("default_comment_mode"),
        FieldPanel("close_comments_after_days"),
    ]
    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.ArticlePage"]

    class Meta:
        verbose_name = _("section")

    def get_context(self, request, *args, **kwargs):
        from gazette.articles.selectors import section_articles
        from gazette.core.pagination import paginate

        cache_tags.add(f"section-{self.pk}")
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate(request, section_articles(self))
        return context


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", _("Correction")
    CLARIFICATION = "clarification", _("Clarification")
    UPDATE = "update", _("Update")


class ArticleCorrection(Orderable):
    """A dated note on a published article: a fixed error, a clarification or new facts."""

    page = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(
        _("kind"), max_length=20, choices=CorrectionKind.choices, default=CorrectionKind.CORRECTION
    )
    made_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    text = models.TextField(_("text"))

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("made_at")]), FieldPanel("text")]

    class Meta(Orderable.Meta):
        ordering = ["made_at", "pk"]
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.made_at:%Y-%m-%d})"

    def get_absolute_url(self):
        return f"{self.page.url}#correction-{self.pk}"


class ArticleByline(Orderable):
    page = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="bylines"
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        constraints = [
            models.UniqueConstraint(fields=["page", "author"], name="byline_unique_author")
        ]


class ArticlePage(Page):
    standfirst = models.TextField(
        _("standfirst"), blank=True, help_text=_("One or two sentences under the headline.")
    )
    dateline_place = models.CharField(
        _("dateline place"),
        max_length=100,
        blank=True,
        help_text=_("Where the story was reported from, e.g. Tehran. Shown in capitals."),
    )
    published_at = models.DateTimeField(
        _("publication date and time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Set on first publication; change it to back-date an imported story."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_caption = models.CharField(_("lead image caption"), max_length=500, blank=True)
    lead_image_credit = models.CharField(_("lead image credit"), max_length=200, blank=True)
    language = models.CharField(
        _("language"),
        max_length=35,
        default=default_language,
        validators=[validate_language_tag],
        help_text=_("BCP 47 tag, e.g. en, fa, pt-BR. Sets the page's language and direction."),
    )
    comment_mode = models.CharField(
        _("comment mode"),
        max_length=20,
        choices=CommentMode.choices,
        blank=True,
        help_text=_("Leave empty to use the section's default."),
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    # The parent section and whether the page is live, kept on the article's row so that a
    # section's listing and count are one range of the ``article_section_listed`` index
    # rather than a walk of the tree and of Wagtail's page table. ``save()`` sets both from
    # the page; ``receivers`` after a move or an unpublication, which save a plain ``Page``.
    # ``ArticlePage.section`` is the section page itself.
    section_page = models.ForeignKey(
        "articles.SectionPage",
        verbose_name=_("section"),
        null=True,
        blank=True,
        editable=False,
        db_index=False,  # the composite index below starts with it
        on_delete=models.SET_NULL,
        related_name="+",
    )
    listed = models.BooleanField(_("live (copy)"), default=False, editable=False)
    breaking_until = models.DateTimeField(
        _("breaking news until"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Set to show a breaking-news banner linking here on every page until then."),
    )

    objects = ArticleManager()

    content_panels = Page.content_panels + [
        FieldPanel("standfirst"),
        FieldRowPanel([FieldPanel("dateline_place"), FieldPanel("published_at")]),
        InlinePanel("bylines", label=_("Bylines"), min_num=0),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_credit"),
            ],
            heading=_("Lead image"),
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
        InlinePanel("corrections", label=_("Corrections and updates"), min_num=0),
    ]
    settings_panels = Page.settings_panels + [
        FieldPanel("language"),
        FieldPanel("comment_mode"),
        FieldPanel("breaking_until"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.SearchField("dateline_place"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields(
            "bylines", [index.RelatedFields("author", [index.SearchField("name")])]
        ),
        index.FilterField("published_at"),
        index.FilterField("language"),
    ]
    parent_page_types = ["articles.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        indexes = [
            models.Index(fields=["-published_at"], name="article_published_desc"),
            models.Index(
                # ``listed`` last: SQLite compares a boolean as a bare column, which cannot
                # narrow an index range, and the range must stay in publication order.
                fields=["section_page", "published_at", "page_ptr", "listed"],
                name="article_section_listed",
            ),
        ]

    def save(self, *args, **kwargs):
        # Wagtail sets first_published_at before saving the published revision; the
        # publication time follows it unless an editor (or an import) already chose one.
        if self.live and self.published_at is None:
            self.published_at = self.first_published_at or timezone.now()
        # Every save that may place the page in the tree or publish it (creation, copy,
        # publication, unpublication, an alias's update) sets the copies; saves of a few
        # named fields (a new revision) leave them.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "live" in update_fields:
            self.listed = self.live
            if update_fields is not None:
                update_fields = kwargs["update_fields"] = {*update_fields, "listed"}
        if update_fields is None or "path" in update_fields:
            self.section_page_id = self.parent_section_id()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "section_page"}
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        # A revision holds the section of the day it was saved; the page may have moved
        # since. Wagtail keeps the live row's path the same way.
        page = super().with_content_json(content)
        page.section_page_id = self.section_page_id
        return page

    # --- reading helpers (templates, API, feeds) ---

    @property
    def headline(self) -> str:
        return self.title

    @property
    def display_published_at(self):
        """When the article counts as published; drafts and previews show the current time."""
        return self.published_at or self.first_published_at or timezone.now()

    @cached_property
    def modified_at(self):
        """The latest of publication, re-publication and the newest correction or update."""
        moments = [self.display_published_at, self.last_published_at]
        moments += [correction.made_at for correction in self.corrections.all()]
        return max(moment for moment in moments if moment is not None)

    @property
    def dateline(self) -> str:
        return format_dateline(self.dateline_place, self.display_published_at)

    @property
    def text_direction(self) -> str:
        return text_direction(self.language)

    def parent_section_id(self) -> int | None:
        """The id of the section page directly above this page in the tree, or None."""
        if not self.path or not self.depth or self.depth < 2:
            return None
        parent_path = self.path[: -self.steplen]
        return SectionPage.objects.filter(path=parent_path).values_list("pk", flat=True).first()

    @cached_property
    def section(self) -> "SectionPage | None":
        """The section page above this one. Read by the stored ``section_page`` when it is
        loaded (a stored article), else by the tree (an unsaved page, a preview)."""
        if "section_page_id" in self.__dict__ and self.section_page_id is not None:
            if ArticlePage.section_page.is_cached(self):
                return self.section_page
            return SectionPage.objects.filter(pk=self.section_page_id).first()
        return SectionPage.objects.parent_of(self).first() if self.depth else None

    @property
    def effective_comment_mode(self) -> str:
        if self.comment_mode:
            return self.comment_mode
        return effective_comment_mode(self.comment_mode, self.section)

    @cached_property
    def ordered_bylines(self) -> list[Author]:
        return [byline.author for byline in self.bylines.select_related("author")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = self.ordered_bylines
        context["article_tags"] = sorted(self.tags.all(), key=lambda tag: tag.name)
        # Related articles rank by shared tags, then section: a new article in either may
        # join the box, so both purge this page too.
        cache_tags.add(
            f"article-{self.pk}",
            f"comments-{self.pk}",
            *(f"tag-{tag.slug}" for tag in context["article_tags"]),
            *(f"author-{author.pk}" for author in context["authors"]),
        )
        if self.section:
            cache_tags.add(f"section-{self.section.pk}")
            days = self.section.close_comments_after_days
            if days and self.published_at:
                # The form disappears when comments close, so the page changes then.
                cache_tags.expire_at(self.published_at + timedelta(days=days))
        context.update(self.comment_context(request))
        return context

    def comment_context(self, request=None) -> dict:
        """The page of approved comments that ``?comments=`` names, and a blank form (``None``:
        ``comment_form_fields`` draws it); nothing per reader, so the page can be cached."""
        from gazette.comments.selectors import PAGE_PARAM, comment_page
        from gazette.comments.services import comments_open

        if not self.pk:
            return {"comment_thread": [], "comment_count": 0, "comments_open": False}
        page = comment_page(self, request.GET.get(PAGE_PARAM) if request is not None else None)
        return {
            "comment_page": page,
            "comment_thread": page.nodes,
            "comment_count": page.count,
            "comments_open": comments_open(self),
            "comment_form": None,
            "article": self,
        }

    def get_sitemap_urls(self, request=None):
        return [{"location": self.get_full_url(request), "lastmod": self.modified_at}]
