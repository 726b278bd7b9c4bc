"""Reading order and conversation of each comment (``path``, ``thread``), with their indexes.

Existing comments are filled in here. The rules are those of ``gazette/comments/threads.py``,
copied rather than imported so that this migration keeps meaning what it meant when the code
moves on; the tie-breaking digits come from the comment's id.
"""

from datetime import UTC, datetime, timedelta

from django.db import migrations, models

TIME_DIGITS = 17
SERIAL_DIGITS = 6
SEGMENT = TIME_DIGITS + SERIAL_DIGITS
LEVELS = 16
PATH_LENGTH = SEGMENT * LEVELS
BATCH = 500


def _segment(created_at, pk) -> str:
    if created_at.tzinfo is None:
        created_at = created_at.replace(tzinfo=UTC)
    micros = (created_at - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)
    micros = min(max(0, micros), 10**TIME_DIGITS - 1)
    return f"{micros:0{TIME_DIGITS}d}{pk % 10**SERIAL_DIGITS:0{SERIAL_DIGITS}d}"


def fill_paths(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    rows = {
        pk: (parent_id, created_at)
        for pk, parent_id, created_at in Comment.objects.values_list(
            "pk", "parent_id", "created_at"
        )
    }
    paths: dict[int, str] = {}

    def path_of(pk: int) -> str:
        # Walk up to the first ancestor already known (or the top), then come back down.
        chain = []
        seen = set()
        current = pk
        while current is not None and current not in paths and current not in seen:
            seen.add(current)
            chain.append(current)
            parent_id = rows[current][0]
            current = parent_id if parent_id in rows else None
        above = paths.get(current, "") if current is not None else ""
        for node in reversed(chain):
            parent_path = above
            if len(parent_path) >= PATH_LENGTH:
                parent_path = parent_path[: PATH_LENGTH - SEGMENT]
            above = parent_path + _segment(rows[node][1], node)
            paths[node] = above
        return paths[pk]

    pending = []
    for pk in rows:
        path = path_of(pk)
        pending.append(Comment(pk=pk, path=path, thread=path[:SEGMENT]))
        if len(pending) >= BATCH:
            Comment.objects.bulk_update(pending, ["path", "thread"])
            pending = []
    if pending:
        Comment.objects.bulk_update(pending, ["path", "thread"])


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0003_moderate_permission"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="thread",
            field=models.CharField(
                blank=True, default="", editable=False, max_length=23, verbose_name="thread"
            ),
        ),
        migrations.AddField(
            model_name="comment",
            name="path",
            field=models.CharField(
                blank=True,
                default="",
                editable=False,
                max_length=368,
                verbose_name="place in the thread",
            ),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                fields=["article", "status", "thread", "path", "id", "parent"],
                name="comment_reading_idx",
            ),
        ),
        migrations.RunPython(fill_paths, migrations.RunPython.noop),
    ]
