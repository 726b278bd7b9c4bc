"""RSS 2.0 and Atom 1.0 feeds of articles (site, section, tag, author) and of comments."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from taggit.models import Tag

from gazette.articles.models import ArticlePage, Author
from gazette.articles.selectors import (
    author_articles,
    live_sections,
    published_articles,
    section_articles,
    tag_articles,
)
from gazette.cache import tags as cache_tags
from gazette.comments.models import Comment
from gazette.feeds.entries import absolute_url, article_entries, feed_limit, page_path, tag_uri
from gazette.feeds.generators import GazetteAtom, GazetteRss

FORMATS = {"rss": GazetteRss, "atom": GazetteAtom}


class ArticleFeed(Feed):
    """The newest published articles of one scope; subclasses say which scope and how to name
    it. Items are ``entries.Entry`` objects, so every format shows the same values."""

    scope = "site"
    format = "rss"

    def __init__(self, format: str = "rss"):
        super().__init__()
        self.format = format
        self.feed_type = FORMATS[format]

    @property
    def language(self):
        return settings.LANGUAGE_CODE

    # --- the scope (overridden per scope) ---

    def articles(self, obj):
        return published_articles()

    def scope_title(self, obj) -> str:
        return ""

    def route_kwargs(self, obj) -> dict:
        return {}

    def link(self, obj):
        return absolute_url("/")

    # --- the channel ---

    def title(self, obj):
        name = self.scope_title(obj)
        site = settings.GAZETTE_SITE_NAME
        return _("%(site)s: %(scope)s") % {"site": site, "scope": name} if name else site

    def description(self, obj):
        return _("The latest articles from %(feed)s") % {"feed": self.title(obj)}

    def subtitle(self, obj):
        return self.description(obj)

    def feed_url(self, obj):
        name = f"feeds:{self.scope}_{self.format}"
        return absolute_url(reverse(name, kwargs=self.route_kwargs(obj)))

    def feed_guid(self, obj):
        return self.feed_url(obj)

    def author_name(self, obj):
        # Atom wants an author for every entry; articles without bylines fall back to the site.
        return settings.GAZETTE_SITE_NAME

    def items(self, obj):
        cache_tags.add("feeds")
        return article_entries(self.articles(obj))

    # --- the entries ---

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return entry.url

    def item_description(self, entry):
        if self.format == "rss" and entry.content_html is not None:
            return entry.content_html
        return entry.summary_html or None

    def item_guid(self, entry):
        return entry.id

    def item_guid_is_permalink(self, entry):
        return False

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated

    def item_categories(self, entry):
        return entry.categories

    def item_extra_kwargs(self, entry):
        return {
            "authors": entry.authors,
            "language": entry.language,
            "content_html": entry.content_html if self.format == "atom" else None,
        }


class SiteFeed(ArticleFeed):
    scope = "site"


class SectionFeed(ArticleFeed):
    scope = "section"

    def get_object(self, request, slug):
        section = live_sections().filter(slug=slug).first()
        if section is None:
            raise Http404("No such section.")
        return section

    def articles(self, section):
        return section_articles(section)

    def scope_title(self, section):
        return section.title

    def route_kwargs(self, section):
        return {"slug": section.slug}

    def link(self, section):
        return absolute_url(page_path(section))


class TagFeed(ArticleFeed):
    scope = "tag"

    def get_object(self, request, slug):
        return Tag.objects.get(slug=slug)

    def articles(self, tag):
        return tag_articles(tag)

    def scope_title(self, tag):
        return f"#{tag.name}"

    def route_kwargs(self, tag):
        return {"slug": tag.slug}

    def link(self, tag):
        return absolute_url(reverse("tag", kwargs={"slug": tag.slug}))


class AuthorFeed(ArticleFeed):
    scope = "author"

    def get_object(self, request, slug):
        return Author.objects.get(slug=slug)

    def articles(self, author):
        return author_articles(author)

    def scope_title(self, author):
        return author.name

    def route_kwargs(self, author):
        return {"slug": author.slug}

    def link(self, author):
        return absolute_url(author.get_absolute_url())


class CommentsFeed(Feed):
    """Approved comments on one published article, newest first, as Atom 1.0."""

    feed_type = GazetteAtom

    def get_object(self, request, pk):
        return ArticlePage.objects.published().get(pk=pk)

    @property
    def language(self):
        return settings.LANGUAGE_CODE

    def title(self, article):
        return _("Comments on “%(headline)s”") % {"headline": article.title}

    def subtitle(self, article):
        return self.title(article)

    def description(self, article):
        return self.title(article)

    def link(self, article):
        return absolute_url(page_path(article))

    def feed_url(self, article):
        return absolute_url(reverse("feeds:article_comments", kwargs={"pk": article.pk}))

    def feed_guid(self, article):
        return self.feed_url(article)

    def items(self, article):
        cache_tags.add(f"comments-{article.pk}", f"article-{article.pk}")
        comments = list(
            Comment.objects.visible()
            .filter(article=article)
            .order_by("-created_at", "-pk")[: feed_limit()]
        )
        article_url = self.link(article)
        for comment in comments:
            comment.article = article
            comment.feed_url = f"{article_url}#{comment.anchor}"
        return comments

    def item_title(self, comment):
        return _("Comment by %(name)s") % {"name": comment.author_name}

    def item_link(self, comment):
        return comment.feed_url

    def item_description(self, comment):
        return comment.body_html

    def item_guid(self, comment):
        return tag_uri("comment", comment.pk, comment.created_at)

    def item_pubdate(self, comment):
        return comment.created_at

    def item_updateddate(self, comment):
        return comment.edited_at or comment.created_at

    def item_author_name(self, comment):
        return comment.author_name

    def item_extra_kwargs(self, comment):
        return {"language": comment.article.language}
