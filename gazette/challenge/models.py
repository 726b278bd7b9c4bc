from django.db import models
from django.utils.translation import gettext_lazy as _


class UsedNonce(models.Model):
    """A challenge token that has been spent; the primary key makes spending it twice fail.

    Only used when the default cache is not Redis (local memory is per process, so it
    cannot be shared between the app's processes). Rows are worthless once ``expires_at``
    passes, since the token itself is refused as expired by then.
    """

    nonce = models.CharField(_("nonce"), max_length=64, primary_key=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("used challenge nonce")
        verbose_name_plural = _("used challenge nonces")

    def __str__(self):
        return self.nonce
