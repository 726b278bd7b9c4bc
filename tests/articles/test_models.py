"""ArticlePage and SectionPage: publication time, comment mode, language, dateline."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from gazette.articles.models import ArticlePage, CommentMode
from tests.factories import (
    aware,
    make_article,
    make_author,
    make_section,
    republish,
    unpublish,
)

EM_DASH = "\N{EM DASH}"


def frozen_now(moment):
    """Wagtail and Gazette read the clock through django.utils.timezone.now."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


# --- published_at ---------------------------------------------------------------------------


def test_published_at_defaults_to_the_first_publication_time(home):
    with frozen_now(aware(2024, 4, 2, 9, 30)):
        article = make_article(published_at=None)

    assert article.published_at == aware(2024, 4, 2, 9, 30)
    assert article.published_at == article.first_published_at


def test_draft_has_no_publication_time_until_it_is_published(home):
    draft = make_article(publish=False)
    assert ArticlePage.objects.get(pk=draft.pk).published_at is None

    with frozen_now(aware(2024, 4, 2, 9, 30)):
        article = republish(draft)

    assert article.published_at == aware(2024, 4, 2, 9, 30)


def test_republishing_keeps_the_first_publication_time(home):
    with frozen_now(aware(2024, 4, 2, 9, 30)):
        article = make_article(published_at=None)

    with frozen_now(aware(2024, 4, 9, 18, 0)):
        article = republish(article, title="Corrected headline")

    assert article.title == "Corrected headline"
    assert article.last_published_at == aware(2024, 4, 9, 18, 0)
    assert article.published_at == aware(2024, 4, 2, 9, 30)


def test_back_dated_publication_time_survives_first_publication(home):
    with frozen_now(aware(2024, 4, 2, 9, 30)):
        article = make_article(published_at=aware(2019, 11, 15, 8, 0))

    assert article.published_at == aware(2019, 11, 15, 8, 0)
    assert article.first_published_at == aware(2024, 4, 2, 9, 30)


def test_back_dated_publication_time_survives_republishing(home):
    article = make_article(published_at=aware(2019, 11, 15, 8, 0))

    with frozen_now(aware(2024, 4, 9, 18, 0)):
        article = republish(article, standfirst="Updated with a correction.")

    assert article.standfirst == "Updated with a correction."
    assert article.published_at == aware(2019, 11, 15, 8, 0)


def test_back_dated_publication_time_survives_unpublishing_and_publishing_again(home):
    article = make_article(published_at=aware(2019, 11, 15, 8, 0))
    unpublish(article)

    with frozen_now(aware(2024, 4, 9, 18, 0)):
        article = republish(article)

    assert article.live
    assert article.published_at == aware(2019, 11, 15, 8, 0)


def test_editor_can_back_date_an_already_published_article(home):
    article = make_article(published_at=None)

    article = republish(article, published_at=aware(2015, 1, 1, 12, 0))

    assert article.published_at == aware(2015, 1, 1, 12, 0)


# --- comment mode ---------------------------------------------------------------------------


def test_new_section_premoderates_comments_by_default(home):
    assert make_section().default_comment_mode == CommentMode.PREMODERATED


def test_article_without_a_comment_mode_uses_the_section_default(home):
    article = make_article(section=make_section(default_comment_mode=CommentMode.OPEN))

    assert article.comment_mode == ""
    assert article.effective_comment_mode == CommentMode.OPEN


def test_article_in_a_default_section_is_premoderated(home):
    assert make_article().effective_comment_mode == CommentMode.PREMODERATED


@pytest.mark.parametrize("mode", [CommentMode.CLOSED, CommentMode.PREMODERATED])
def test_article_comment_mode_wins_over_the_section_default(home, mode):
    section = make_section(default_comment_mode=CommentMode.OPEN)

    article = make_article(section=section, comment_mode=mode)

    assert article.effective_comment_mode == mode


def test_article_follows_a_later_change_of_the_section_default(home):
    section = make_section(default_comment_mode=CommentMode.OPEN)
    article = make_article(section=section)

    section.default_comment_mode = CommentMode.CLOSED
    section.save_revision().publish()

    assert ArticlePage.objects.get(pk=article.pk).effective_comment_mode == CommentMode.CLOSED


# --- language -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["english", "en_", "<script>", "pt_BR", ""])
def test_invalid_language_tag_is_rejected_by_full_clean(home, language):
    article = make_article()
    article.language = language

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert list(error.value.message_dict) == ["language"]


@pytest.mark.parametrize("language", ["fa", "pt-BR", "zh-Hant-TW"])
def test_valid_language_tag_passes_full_clean(home, language):
    article = make_article()
    article.language = language

    article.full_clean()


def test_article_language_defaults_to_the_site_language(home, settings):
    settings.LANGUAGE_CODE = "fa"

    article = make_article()

    assert article.language == "fa"
    assert article.text_direction == "rtl"


# --- reading helpers ------------------------------------------------------------------------


def test_dateline_shows_the_place_and_publication_time_in_the_site_zone(home, settings):
    settings.TIME_ZONE = "Asia/Tehran"

    article = make_article(dateline_place="Tehran", published_at=aware(2022, 5, 18, 16, 48))

    assert article.dateline == f"TEHRAN {EM_DASH} May 18, 2022 - 21:18"


def test_dateline_without_a_place_shows_only_the_time(home, settings):
    settings.TIME_ZONE = "UTC"

    article = make_article(dateline_place="", published_at=aware(2022, 5, 18, 16, 48))

    assert article.dateline == "May 18, 2022 - 16:48"


def test_dateline_of_an_article_published_without_a_date_uses_its_first_publication(home, settings):
    settings.TIME_ZONE = "America/New_York"
    with frozen_now(aware(2024, 7, 4, 16, 0)):
        article = make_article(dateline_place="Washington", published_at=None)

    assert article.dateline == f"WASHINGTON {EM_DASH} July 4, 2024 - 12:00"


def test_headline_is_the_page_title(home):
    assert make_article(title="Rains return to Tehran").headline == "Rains return to Tehran"


def test_section_is_the_parent_section(home):
    section = make_section(title="Economy")

    assert make_article(section=section).section == section


def test_bylines_keep_the_order_the_editor_gave(home):
    ali = make_author(name="Ali Amini")
    zoe = make_author(name="Zoe Zand")
    mina = make_author(name="Mina Moradi")

    article = make_article(authors=(zoe, ali, mina))

    assert ArticlePage.objects.get(pk=article.pk).ordered_bylines == [zoe, ali, mina]
