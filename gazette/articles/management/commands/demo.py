from django.conf import settings
from django.core.management.base import BaseCommand

from gazette.articles.demo import ensure_demo_admin, load_demo
from gazette.articles.models import ArticlePage


class Command(BaseCommand):
    help = "Load the demo newsroom (sections, authors, articles, images). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the site already has articles (used by `make run`).",
        )
        parser.add_argument(
            "--no-admin", action="store_true", help="Do not create the demo `admin` account."
        )

    def handle(self, *args, if_empty, no_admin, **options):
        if if_empty and ArticlePage.objects.exists():
            self.stdout.write("The site already has articles; demo content not loaded.")
            return
        created = load_demo(log=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo newsroom ready: {sections} new section(s), {authors} new author(s), "
                "{articles} new article(s), {comments} new comment(s).".format(**created)
            )
        )
        password = None if no_admin else ensure_demo_admin()
        if password:
            self.stdout.write(
                f"Editors' admin: {settings.GAZETTE_BASE_URL}/admin/  "
                f"user: admin  password: {password}\n"
                "(also saved in the data directory as demo-admin-password.txt)"
            )
