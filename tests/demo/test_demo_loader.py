from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from gazette.articles.models import ArticlePage, Author, SectionPage
from gazette.articles.selectors import published_articles
from gazette.comments.models import Comment
from gazette.comments.selectors import comment_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("demo", "--no-admin", stdout=open("/dev/null", "w"))


def test_demo_creates_a_believable_newsroom_over_ninety_days(demo):
    articles = list(published_articles())
    now = datetime.now(UTC)
    ages = sorted((now - article.published_at).days for article in articles)
    back_dated = ArticlePage.objects.get(slug__contains="tehran")

    assert SectionPage.objects.live().count() == 4
    assert Author.objects.count() == 4
    assert len(articles) == 40
    assert len({article.dateline_place for article in articles}) >= 20
    assert all(article.lead_image_id for article in articles)
    assert all(article.ordered_bylines for article in articles)
    assert all(article.tags.exists() for article in articles)
    assert {article.text_direction for article in articles} == {"ltr", "rtl"}
    assert back_dated.published_at == datetime(2022, 5, 18, 16, 48, tzinfo=UTC)
    assert ages[-1] == (now - back_dated.published_at).days
    assert 0 <= ages[0] and ages[-2] < 90
    assert sum(1 for age in ages if age < 2) >= 2, "some stories for the news sitemap"

    # The whole comment loop at once: every mode, long threads, a queue, spam.
    modes = {article.effective_comment_mode for article in articles}
    approved = Comment.objects.visible()
    largest = max(comment_counts([article.pk for article in articles]).values())

    assert modes == {"open", "premoderated", "closed"}
    assert largest >= 60
    assert approved.exclude(parent=None).exists(), "threads have replies"
    assert approved.filter(article__comment_mode="closed").exists(), "a closed thread stays"
    assert Comment.objects.filter(status="pending").count() >= 3
    assert Comment.objects.filter(status="spam").count() >= 3


def test_demo_shows_the_back_dated_dateline_in_tehran_time_and_runs_again_adding_nothing(
    demo, client, settings
):
    settings.TIME_ZONE = "Asia/Tehran"
    article = ArticlePage.objects.get(slug__contains="tehran")
    assert "TEHRAN — May 18, 2022 - 21:18" in client.get(article.url).content.decode()

    counts = (SectionPage.objects.count(), Author.objects.count(), ArticlePage.objects.count())

    call_command("demo", "--no-admin", stdout=open("/dev/null", "w"))

    assert counts == (
        SectionPage.objects.count(),
        Author.objects.count(),
        ArticlePage.objects.count(),
    )


def test_if_empty_leaves_a_site_with_articles_alone(settings, tmp_path):
    from tests.factories import make_article

    settings.DATA_DIR = tmp_path
    make_article(title="Our own story")

    call_command("demo", "--if-empty", "--no-admin", stdout=open("/dev/null", "w"))

    assert list(ArticlePage.objects.values_list("title", flat=True)) == ["Our own story"]
