"""Purging: the page cache here, and whatever sits in front (a CDN) through purgers.

``GAZETTE_CACHE_PURGERS`` names classes with a ``purge(tags)`` method; each is called with
the same tags the page cache drops, the ones sent out in ``Surrogate-Key``/``Cache-Tag``.
The default, :class:`NoopPurger`, does nothing: with no CDN there is nothing to tell.
"""

import logging
from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.utils.module_loading import import_string

from gazette.cache.store import get_store

logger = logging.getLogger(__name__)


class NoopPurger:
    """The default: nothing in front of Gazette to purge."""

    def purge(self, tags: list[str]) -> None:
        pass


class LoggingPurger:
    """Logs every purge at INFO; a model for a CDN purger, and handy when debugging."""

    def purge(self, tags: list[str]) -> None:
        logger.info("Cache purge: %s", " ".join(tags))


@lru_cache(maxsize=1)
def purgers() -> tuple:
    return tuple(import_string(path)() for path in settings.GAZETTE_CACHE_PURGERS)


@receiver(setting_changed)
def _reload_purgers(*, setting, **kwargs):
    if setting == "GAZETTE_CACHE_PURGERS":
        purgers.cache_clear()


def purge(tags) -> None:
    """Drop every cached response carrying any of ``tags``, once the transaction commits."""
    tags = sorted(set(tags))
    if tags:
        transaction.on_commit(lambda: purge_now(tags), robust=True)


def purge_now(tags) -> None:
    tags = sorted(set(tags))
    get_store().purge(tags)
    for purger in purgers():
        try:
            purger.purge(tags)
        except Exception:  # a CDN outage must not break publishing
            logger.exception("Cache purger %s failed for %s", type(purger).__name__, tags)
