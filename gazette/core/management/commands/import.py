import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gazette.portability import PortabilityError
from gazette.portability.importer import check_archive, import_site


class Command(BaseCommand):
    help = (
        "Bring a `gazette export` archive into this site, under its home page. The archive is "
        "checked whole before anything is written; what is already here is kept and skipped, "
        "so an interrupted import finishes when run again. See docs/backup.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Archive written by `gazette export`.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check the archive; change nothing.",
        )

    def handle(self, *args, path, check, **options):
        try:
            if check:
                self._check(Path(path))
                return
            self.stdout.write(f"Importing {path} …")
            report = import_site(Path(path), log=self.stdout.write)
        except PortabilityError as error:
            raise CommandError(str(error)) from None
        for note in report.notes:
            self.stdout.write(self.style.WARNING(note))
        added = sum(report.added.values())
        present = sum(report.present.values())
        self.stdout.write(
            self.style.SUCCESS(f"Import complete: {added} records added, {present} already here.")
        )

    def _check(self, path: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="gazette-check-") as workdir:
            archive = check_archive(path, Path(workdir))
        counts = ", ".join(
            f"{name.removesuffix('.jsonl').replace('_', ' ')} {len(records)}"
            for name, records in archive.records.items()
        )
        self.stdout.write(self.style.SUCCESS(f"{path} is a valid Gazette export: {counts}."))
