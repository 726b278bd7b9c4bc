from django.db import models
from django.utils.translation import gettext_lazy as _


class RateLimitCounter(models.Model):
    """Attempts counted in one fixed window of one rate limit, shared by every process.

    Used when the cache is not Redis, and while Redis is unreachable
    (``gazette.comments.ratelimit``). The key names the scope, the window's length and its
    number, so a new window is a new row; rows are worthless once ``expires_at`` passes.
    """

    key = models.CharField(_("key"), max_length=200, primary_key=True)
    count = models.PositiveIntegerField(_("count"), default=0)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("rate limit counter")
        verbose_name_plural = _("rate limit counters")

    def __str__(self):
        return f"{self.key}: {self.count}"
