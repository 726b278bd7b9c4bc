import json
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from gazette.core.benchdata import Progress, load_bench_site


def comment_counts(raw: str) -> list[int]:
    try:
        counts = [int(part) for part in raw.split(",") if part.strip()]
    except ValueError:
        raise CommandError(f"--threads takes counts like 50,5000, not {raw!r}") from None
    if any(count < 0 for count in counts):
        raise CommandError("--threads counts must not be negative.")
    return counts


class Command(BaseCommand):
    help = (
        "Add a large bench site quickly: published articles in bench sections, with bylines, "
        "tags and approved comments, written in bulk. Running it again adds more."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=0, help="Articles to add.")
        parser.add_argument(
            "--comments", type=int, default=0, help="Approved comments spread over them."
        )
        parser.add_argument(
            "--sections", type=int, default=10, help="Bench sections the articles go in."
        )
        parser.add_argument(
            "--threads",
            type=comment_counts,
            default=[],
            metavar="N,N",
            help="Also add one article per count, with exactly that many comments.",
        )
        parser.add_argument("--seed", type=int, default=5, help="Random seed for the text.")
        parser.add_argument(
            "--json", action="store_true", help="Print what was added as JSON on stdout."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, articles, comments, sections, threads, seed, **options):
        if articles < 0 or comments < 0 or sections < 1:
            raise CommandError("--articles and --comments must be >= 0, --sections >= 1.")
        if comments and not articles:
            raise CommandError("--comments needs --articles.")
        started = time.monotonic()
        bar = None
        if not options["no_progress"]:
            from tqdm import tqdm

            bar = tqdm(total=articles, unit="article", file=sys.stderr, disable=None)
        progress = Progress(report=lambda what, done, total: bar and bar.update(done - bar.n))
        try:
            loaded = load_bench_site(
                articles=articles,
                comments=comments,
                sections=sections,
                threads=threads,
                seed=seed,
                progress=progress,
            )
        except (RuntimeError, ValueError) as error:
            raise CommandError(str(error)) from None
        finally:
            if bar is not None:
                bar.close()
        seconds = round(time.monotonic() - started, 1)
        if options["json"]:
            summary = {
                "articles": loaded.articles,
                "comments": loaded.comments,
                "seconds": seconds,
                "sections": [{"id": section.pk, "url": section.url} for section in loaded.sections],
                "threads": {
                    str(count): {"id": article.pk, "url": article.url}
                    for count, article in loaded.threads.items()
                },
            }
            self.stdout.write(json.dumps(summary))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {loaded.articles} article(s) and {loaded.comments} comment(s) in "
                f"{len(loaded.sections)} bench section(s), plus {len(loaded.threads)} thread "
                f"article(s), in {seconds} s."
            )
        )
        for count, article in loaded.threads.items():
            self.stdout.write(f"  {count} comments: {article.url} (id {article.pk})")
