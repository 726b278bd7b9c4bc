"""Fewer index entries written per comment posted.

The article's own index goes (every other index of the table starts with the article), and
the parent's and the moderator's become partial: a top-level comment, or an entry a reader's
submission writes, adds nothing to them. The indexes are dropped by name, as the database
lists them, rather than by altering the fields: on SQLite an altered field rebuilds the
whole table, which on a site with a million comments takes minutes.
"""

from django.conf import settings
from django.db import migrations, models

FOREIGN_KEYS = [
    ("comments_comment", "article_id"),
    ("comments_comment", "parent_id"),
    ("comments_moderationlogentry", "actor_id"),
]


def single_column_indexes(schema_editor, table: str, column: str) -> list[str]:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return [
        name
        for name, info in constraints.items()
        if info["index"]
        and not info["unique"]
        and not info["primary_key"]
        and info["columns"] == [column]
        and name not in {"comment_reply_idx", "log_actor_idx"}
    ]


def drop_foreign_key_indexes(apps, schema_editor):
    quote = schema_editor.quote_name
    for table, column in FOREIGN_KEYS:
        for name in single_column_indexes(schema_editor, table, column):
            schema_editor.execute(f"DROP INDEX {quote(name)}")


def restore_foreign_key_indexes(apps, schema_editor):
    quote = schema_editor.quote_name
    for table, column in FOREIGN_KEYS:
        if not single_column_indexes(schema_editor, table, column):
            name = schema_editor._create_index_name(table, [column], suffix="")
            schema_editor.execute(f"CREATE INDEX {quote(name)} ON {quote(table)} ({quote(column)})")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_article_listed"),
        ("comments", "0004_comment_thread_path"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="comment",
                    name="article",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=models.deletion.CASCADE,
                        related_name="comments",
                        to="articles.articlepage",
                        verbose_name="article",
                    ),
                ),
                migrations.AlterField(
                    model_name="comment",
                    name="parent",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=models.deletion.SET_NULL,
                        related_name="replies",
                        to="comments.comment",
                        verbose_name="in reply to",
                    ),
                ),
                migrations.AlterField(
                    model_name="moderationlogentry",
                    name="actor",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(drop_foreign_key_indexes, restore_foreign_key_indexes),
            ],
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                condition=models.Q(("parent__isnull", False)),
                fields=["parent"],
                name="comment_reply_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="moderationlogentry",
            index=models.Index(
                condition=models.Q(("actor__isnull", False)),
                fields=["actor"],
                name="log_actor_idx",
            ),
        ),
    ]
