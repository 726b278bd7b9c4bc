"""The archive format keeps up with the models: a new field is exported or knowingly left out."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.apps import apps

from gazette.portability import format

RECORDS = {
    "articles.ArticlePage": [format.ArticleContent, format.ArticleRecord],
    "articles.SectionPage": [format.SectionContent, format.SectionRecord],
    "articles.HomePage": [format.HomeRecord],
    "articles.Author": [format.AuthorRecord],
    "articles.ArticleCorrection": [format.CorrectionRecord],
    "comments.Comment": [format.CommentRecord],
    "comments.ModerationLogEntry": [format.LogRecord],
    "comments.WordRule": [format.WordRuleRecord],
    "comments.Ban": [format.BanRecord],
    "wagtailimages.Image": [format.ImageRecord],
}


@pytest.mark.parametrize("label", RECORDS)
def test_every_model_field_is_exported_or_listed_as_not_carried(label):
    model = apps.get_model(label)
    fields = {field.name for field in model._meta.concrete_fields}
    exported = {name for record in RECORDS[label] for name in record.model_fields}

    unaccounted = fields - exported - format.NOT_CARRIED[label]

    assert not unaccounted, (
        f"{label} has fields the export ignores: {sorted(unaccounted)}. Export and import "
        "them (gazette/portability), or add them to format.NOT_CARRIED with the reason."
    )


def test_a_comment_key_names_the_same_comment_in_any_time_zone():
    moment = datetime(2024, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)
    tehran = moment.astimezone(timezone(timedelta(hours=3, minutes=30)))
    key = format.comment_key(article="news/a", created_at=moment, author_name="Ana", body="Hi")

    assert key == format.comment_key(
        article="news/a", created_at=tehran, author_name="Ana", body="Hi"
    )
    assert key != format.comment_key(
        article="news/b", created_at=moment, author_name="Ana", body="Hi"
    )
    assert len(key) == 24
