"""What each change purges. Every receiver names tags; ``purge`` waits for the commit."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from gazette.articles.models import ArticlePage, Author, HomePage, SectionPage
from gazette.articles.routing import RESTRICTIONS_TAG, SITES_TAG
from gazette.cache.purge import purge
from gazette.cache.tags import article_tags
from gazette.comments.models import Ban, CommentStatus, WordRule
from gazette.comments.signals import comment_changed
from gazette.comments.spam import BANS_TAG, WORD_RULES_TAG


def page_tags(page) -> set[str]:
    page = page.specific_deferred if type(page) is Page else page
    if isinstance(page, ArticlePage):
        return article_tags(page)
    if isinstance(page, SectionPage):
        return {f"section-{page.pk}", "chrome", "home", "feeds", "sitemaps"}
    if isinstance(page, HomePage):
        return {"home", "chrome"}
    return set()


@receiver(page_published)
@receiver(page_unpublished)
def _page_changed(sender, instance, **kwargs):
    purge(page_tags(instance))


@receiver(pre_delete)
def _page_deleted(sender, instance, **kwargs):
    # Before the row goes, while the page still knows its section, tags and bylines.
    if isinstance(instance, Page) and instance.live:
        purge(page_tags(instance))


@receiver(post_page_move)
def _page_moved(sender, instance, **kwargs):
    # A move changes URLs, listings and navigation at once; rare enough to start afresh.
    purge({"all"})


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def _restriction_changed(sender, instance, **kwargs):
    # A private section leaves every listing, feed and banner; a public one joins them.
    purge({"all", RESTRICTIONS_TAG})


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def _site_changed(sender, instance, **kwargs):
    # Host names, ports and root pages decide every URL and every route.
    purge({"all", SITES_TAG})


@receiver(post_save, sender=Author)
@receiver(post_delete, sender=Author)
def _author_changed(sender, instance, **kwargs):
    purge({f"author-{instance.pk}"})


@receiver(post_save, sender=Tag)
@receiver(post_delete, sender=Tag)
def _tag_changed(sender, instance, **kwargs):
    purge({f"tag-{instance.slug}"})


@receiver(post_save, sender=WordRule)
@receiver(post_delete, sender=WordRule)
def _word_rule_changed(sender, instance, **kwargs):
    # No page shows the rules; the spam checks keep them (``spam.word_rules``).
    purge({WORD_RULES_TAG})


@receiver(post_save, sender=Ban)
@receiver(post_delete, sender=Ban)
def _ban_changed(sender, instance, **kwargs):
    # Likewise for bans (``spam.bans``).
    purge({BANS_TAG})


@receiver(comment_changed)
def _comment_changed(sender, comment, action=None, previous=None, **kwargs):
    # Readers see approved comments only: a held, rejected or spam comment coming or going
    # changes no page, and purging for it would cool a busy article for nothing. Edits are
    # rare and the instance edited may be older than its status, so they always purge.
    if action != "edit" and CommentStatus.APPROVED not in (comment.status, previous):
        return
    purge({f"comments-{comment.article_id}", "comment-counts"})
