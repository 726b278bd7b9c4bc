from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gazette.portability import PortabilityError
from gazette.portability.exporter import export_site


class Command(BaseCommand):
    help = (
        "Write every section, article, author, tag, image, correction and comment (with its "
        "moderation log) to one archive that `gazette import` reads on any Gazette, SQLite or "
        "PostgreSQL. Reads one consistent snapshot; the site may keep running. See docs/backup.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="Archive to write: .tar.gz (compressed) or .tar (uncompressed)."
        )
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace an existing file at PATH."
        )

    def handle(self, *args, path, overwrite, **options):
        self.stdout.write(f"Exporting to {path} …")
        try:
            counts = export_site(Path(path), overwrite=overwrite, log=self.stdout.write)
        except PortabilityError as error:
            raise CommandError(str(error)) from None
        summary = ", ".join(f"{kind.replace('_', ' ')} {count}" for kind, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Exported {summary}."))
