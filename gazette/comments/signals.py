from django.dispatch import Signal

# Sent after a comment's transaction commits, whenever it is created, changes status or is
# edited. Arguments: ``comment`` (the Comment), ``action`` ("submit", "approve", "reject",
# "spam", "remove", "restore", "edit") and, for status changes, ``previous`` (the status it
# left). Receivers purge caches and notify moderators.
comment_changed = Signal()
