"""``ArticlePage.listed``, a copy of ``Page.live`` on the article's row, and the section
index with it, so that counting a section's published articles reads this table's index
alone instead of looking every article up in Wagtail's page table.

The column is added with ``ALTER TABLE ... ADD COLUMN ... DEFAULT false``: for a NOT NULL
column Django would rebuild the whole article table on SQLite. Then one UPDATE copies
``live``.
"""

from django.db import migrations, models


def add_column(apps, schema_editor):
    ArticlePage = apps.get_model("articles", "ArticlePage")
    quote = schema_editor.quote_name
    kind = schema_editor.connection.data_types["BooleanField"]
    schema_editor.execute(
        f"ALTER TABLE {quote(ArticlePage._meta.db_table)}"
        f" ADD COLUMN {quote('listed')} {kind} NOT NULL DEFAULT false"
    )


def drop_column(apps, schema_editor):
    ArticlePage = apps.get_model("articles", "ArticlePage")
    quote = schema_editor.quote_name
    schema_editor.execute(
        f"ALTER TABLE {quote(ArticlePage._meta.db_table)} DROP COLUMN {quote('listed')}"
    )


def copy_live(apps, schema_editor):
    ArticlePage = apps.get_model("articles", "ArticlePage")
    Page = apps.get_model("wagtailcore", "Page")
    quote = schema_editor.quote_name
    article = quote(ArticlePage._meta.db_table)
    page = quote(Page._meta.db_table)
    schema_editor.execute(
        f"UPDATE {article} SET {quote('listed')} = ("
        f" SELECT page.live FROM {page} page WHERE page.id = {article}.page_ptr_id)"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0006_article_section'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='articlepage',
            name='article_section_published',
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(add_column, drop_column)],
            state_operations=[
                migrations.AddField(
                    model_name='articlepage',
                    name='listed',
                    field=models.BooleanField(default=False, editable=False, verbose_name='live (copy)'),
                ),
            ],
        ),
        migrations.RunPython(copy_live, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name='articlepage',
            index=models.Index(fields=['section_page', 'published_at', 'page_ptr', 'listed'], name='article_section_listed'),
        ),
    ]
