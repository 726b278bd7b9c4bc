from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gazette.articles.models import ArticlePage
from gazette.comments.models import Comment
from gazette.portability import PortabilityError
from gazette.portability.backup import backup_database, copy_media


class Command(BaseCommand):
    help = (
        "Copy the database to PATH while the site runs: SQLite through its online backup API "
        "(a plain SQLite file), PostgreSQL through pg_dump (custom format, for pg_restore). "
        "See docs/backup.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="File to write the copy to.")
        parser.add_argument(
            "--media",
            action="store_true",
            help="Also copy the media directory (uploaded images) to PATH.media/.",
        )
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace an existing backup at PATH."
        )
        parser.add_argument(
            "--pg-dump",
            default="pg_dump",
            metavar="PROGRAM",
            help="pg_dump to run for PostgreSQL (default: pg_dump on PATH).",
        )

    def handle(self, *args, path, media, overwrite, pg_dump, **options):
        destination = Path(path).expanduser().resolve()
        try:
            result = backup_database(
                destination,
                overwrite=overwrite,
                pg_dump=pg_dump,
                counted_tables=(ArticlePage._meta.db_table, Comment._meta.db_table),
            )
            # After the database: every file the copy refers to exists by then, since
            # uploads are written before the rows that name them.
            if media:
                result.media = copy_media(
                    Path(settings.MEDIA_ROOT),
                    destination.with_name(destination.name + ".media"),
                    overwrite=overwrite,
                )
        except PortabilityError as error:
            raise CommandError(str(error)) from None
        rows = ", ".join(f"{count} rows in {table}" for table, count in result.rows.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {result.engine} database to {result.path} "
                f"({result.size:,} bytes{'; ' + rows if rows else ''})."
            )
        )
        if result.media:
            self.stdout.write(f"Copied the media directory to {result.media}.")
