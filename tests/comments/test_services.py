from datetime import timedelta

import pytest
from django.utils import timezone

from gazette.comments.models import CommentStatus, ModerationLogEntry, WordRule
from gazette.comments.services import (
    CommentError,
    CommentsClosed,
    RateLimited,
    author_may_change,
    comment_approve,
    comment_edit,
    comment_reject,
    comment_remove,
    comment_restore,
)
from tests.comments.helpers import submit
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_article():
    return make_article(section=make_section(default_comment_mode="open"))


@pytest.fixture
def premoderated_article():
    return make_article(section=make_section(default_comment_mode="premoderated"))


def test_comment_on_an_open_article_is_published_and_logged(open_article):
    result = submit(open_article, "Nice **report**.")

    assert result.published
    assert result.comment.body_html == "<p>Nice <strong>report</strong>.</p>"
    entry = ModerationLogEntry.objects.get(comment=result.comment)
    assert (entry.action, entry.to_status, entry.actor_label) == ("submit", "approved", "reader")


def test_comment_on_a_premoderated_article_waits_with_the_reason_stored(premoderated_article):
    result = submit(premoderated_article)

    assert result.comment.status == CommentStatus.PENDING
    assert [reason["check"] for reason in result.comment.spam_reasons] == ["premoderation"]


def test_article_mode_overrides_the_section_default():
    article = make_article(section=make_section(default_comment_mode="open"), comment_mode="closed")

    with pytest.raises(CommentsClosed):
        submit(article)


def test_section_closes_comments_some_days_after_publication():
    section = make_section(default_comment_mode="open", close_comments_after_days=7)
    old = make_article(section=section, published_at=timezone.now() - timedelta(days=8))
    fresh = make_article(section=section, published_at=timezone.now() - timedelta(days=6))

    with pytest.raises(CommentsClosed):
        submit(old)
    assert submit(fresh).published


def test_first_time_commenters_are_held_when_the_setting_is_on(open_article, settings):
    settings.GAZETTE_HOLD_FIRST_COMMENTS = True

    first = submit(open_article, "First words.", name="Newcomer")
    comment_approve(comment=first.comment)
    second = submit(open_article, "Second words.", name="Newcomer")

    assert first.comment.status == CommentStatus.PENDING
    assert second.published


def test_banned_word_rejects_and_suspect_word_holds(open_article):
    WordRule.objects.create(word="casino", kind=WordRule.Kind.BANNED)
    WordRule.objects.create(word="crypto", kind=WordRule.Kind.SUSPECT)

    banned = submit(open_article, "Visit my CASINO today")
    suspect = submit(open_article, "What about crypto here?")

    assert banned.comment.status == CommentStatus.SPAM
    assert banned.decision.public_reason() == "Contains a banned word."
    assert suspect.comment.status == CommentStatus.PENDING


def test_the_same_body_posted_again_within_a_day_is_rejected(open_article):
    submit(open_article, "Exactly this text.")

    again = submit(open_article, "exactly   THIS text.")

    assert again.comment.status == CommentStatus.SPAM


def test_too_many_links_reject_and_a_few_hold(open_article):
    held = submit(open_article, "https://a.example https://b.example https://c.example")
    rejected = submit(open_article, " ".join(f"https://{n}.example" for n in range(8)))

    assert held.comment.status == CommentStatus.PENDING
    assert rejected.comment.status == CommentStatus.SPAM


def test_filled_honeypot_is_rejected(open_article):
    assert submit(open_article, honeypot="http://spam.example").comment.status == "spam"


def test_answer_faster_than_the_minimum_fill_time_is_held(open_article, settings):
    settings.GAZETTE_CHALLENGE_MIN_SECONDS = 3
    now = timezone.now()

    result = submit(open_article, issued_at=now - timedelta(seconds=1), now=now)

    assert result.comment.status == CommentStatus.PENDING
    assert result.comment.spam_reasons[0]["check"] == "fill_time"


def test_body_longer_than_the_limit_is_an_error_not_a_silent_cut(open_article, settings):
    settings.GAZETTE_COMMENT_MAX_LENGTH = 50

    with pytest.raises(CommentError) as error:
        submit(open_article, "x" * 51)

    assert error.value.field == "body"
    assert "51" in str(error.value)


def test_rate_limit_per_network_holds_across_articles(open_article, settings):
    settings.GAZETTE_COMMENT_RATE_LIMITS = "2/m"
    other = make_article(section=open_article.get_parent().specific)

    submit(open_article, "one")
    submit(other, "two")
    with pytest.raises(RateLimited) as limited:
        submit(open_article, "three")

    assert 0 < limited.value.retry_after <= 61


def test_reply_to_an_unapproved_comment_is_refused(premoderated_article):
    pending = submit(premoderated_article).comment

    with pytest.raises(CommentError) as error:
        submit(premoderated_article, "A reply", parent_id=pending.pk)

    assert error.value.field == "parent"


def test_moderation_actions_change_status_and_log_who_and_why(
    premoderated_article, django_user_model
):
    moderator = django_user_model.objects.create_user("mod")
    comment = submit(premoderated_article).comment

    comment_approve(comment=comment, actor=moderator, reason="fine")
    comment_remove(comment=comment, actor=moderator, reason="off topic")
    comment_restore(comment=comment, actor=moderator)
    comment.refresh_from_db()
    comment_reject(comment=comment, actor=moderator)

    log = list(comment.log.values_list("action", "from_status", "to_status", "actor_label"))
    assert log == [
        ("submit", "", "pending", "reader"),
        ("approve", "pending", "approved", "mod"),
        ("remove", "approved", "removed", "mod"),
        ("restore", "removed", "approved", "mod"),
        ("reject", "approved", "rejected", "mod"),
    ]


def test_edit_re_renders_and_logs(open_article):
    comment = submit(open_article, "Frist").comment

    comment_edit(comment=comment, body="First, *fixed*", actor_label="author")

    comment.refresh_from_db()
    assert comment.body_html == "<p>First, <em>fixed</em></p>"
    assert comment.edited_at is not None
    assert comment.log.last().action == "edit"


def test_author_edit_window_is_fifteen_minutes(open_article):
    comment = submit(open_article).comment

    assert author_may_change(comment, now=comment.created_at + timedelta(minutes=14))
    assert not author_may_change(comment, now=comment.created_at + timedelta(minutes=16))
