from django.dispatch import Signal

# Sent after a comment's transaction commits, whenever it is created, changes status or is
# edited. Arguments: ``comment`` (the Comment) and ``action`` ("submit", "approve", "reject",
# "spam", "remove", "restore", "edit"). Receivers purge caches and notify moderators.
comment_changed = Signal()
