from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """One row per scheduled job: when it last ran, and who holds it now.

    The row is the lock. A process claims a due job with one conditional ``UPDATE`` (see
    ``gazette.scheduler.runner``); only the process whose update changed the row runs the
    job. ``locked_until`` is a lease: a holder that dies without releasing simply lets it
    run out, and then another process may claim the job.
    """

    name = models.CharField(_("name"), max_length=100, primary_key=True)
    last_started_at = models.DateTimeField(_("last started at"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished at"), null=True, blank=True)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)
    locked_by = models.CharField(
        _("locked by"),
        max_length=200,
        blank=True,
        help_text=_("host:pid:claim of the process that last claimed the job."),
    )
    last_error = models.TextField(
        _("last error"), blank=True, help_text=_("Empty when the last run succeeded.")
    )
    runs = models.PositiveIntegerField(_("runs"), default=0)

    class Meta:
        verbose_name = _("scheduled job run")
        verbose_name_plural = _("scheduled job runs")
        ordering = ["name"]

    def __str__(self):
        return self.name
