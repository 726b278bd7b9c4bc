"""An index on Wagtail's page table for reading one page's children by a range of ``path``.

Section pages list and count their articles through ``selectors.children_q()``: ``depth`` equal
and ``path`` between the section's first and last possible child. With ``live`` and the
content type in the index too, counting a section's articles reads only the index, not every
page row. The table belongs to Wagtail, so the index is plain SQL: the models' state does
not change.
"""

from django.db import migrations

INDEX = "page_children"


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_corrections_and_breaking_news"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f'CREATE INDEX "{INDEX}" ON "wagtailcore_page" ("depth", "path", "live", "content_type_id")',
            reverse_sql=f'DROP INDEX "{INDEX}"',
        ),
    ]
