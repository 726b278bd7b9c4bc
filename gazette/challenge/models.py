from django.db import models
from django.utils.translation import gettext_lazy as _


class UsedNonce(models.Model):
    """A challenge token that has been spent; the primary key makes spending it twice fail.

    Every spent nonce is recorded here, with Redis too: Redis refuses replays without a
    write, and this row still refuses them while Redis is unreachable. Rows are worthless
    once ``expires_at`` passes, since the token itself is refused as expired by then.
    """

    nonce = models.CharField(_("nonce"), max_length=64, primary_key=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("used challenge nonce")
        verbose_name_plural = _("used challenge nonces")

    def __str__(self):
        return self.nonce
