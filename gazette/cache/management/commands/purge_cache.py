from django.core.management.base import BaseCommand, CommandError

from gazette.cache.purge import purge_now


class Command(BaseCommand):
    help = (
        "Purge cached pages (and a CDN, through GAZETTE_CACHE_PURGERS): every page, or "
        "those carrying the given tags, such as article-12 or section-3."
    )

    def add_arguments(self, parser):
        parser.add_argument("tags", nargs="*", help="Tags to purge (see docs/caching.md).")
        parser.add_argument("--all", action="store_true", help="Purge every cached page.")

    def handle(self, *args, tags, all, **options):
        if all == bool(tags):
            raise CommandError("Give either --all or one or more tags, such as article-12.")
        chosen = ["all"] if all else tags
        purge_now(chosen)
        self.stdout.write(f"Purged: {' '.join(chosen)}")
