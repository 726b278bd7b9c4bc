"""The spam checks' own SQL means what the ORM lookups it replaced meant: bans by network
exactly and by name ignoring case, word rules in order, duplicates but for removed
comments, and a commenter known by name with the same email (ignoring case) or network."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gazette.comments.models import Ban, Comment, CommentStatus, WordRule
from gazette.comments.rendering import body_fingerprint
from gazette.comments.spam import (
    Submission,
    check_bans,
    check_duplicate,
    check_first_time,
    check_words,
)
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def submission(**fields) -> Submission:
    values = {
        "article": None,
        "author_name": "Parvin",
        "email": "",
        "body": "A fair point.",
        "ip_prefix": "203.0.113.0/24",
        "now": timezone.now(),
        "comment_mode": "open",
    }
    values.update(fields)
    return Submission(**values)


def test_a_banned_network_is_rejected_and_named():
    Ban.objects.create(kind=Ban.Kind.IP_PREFIX, value="203.0.113.0/24")

    verdict = check_bans(submission())

    assert verdict.action == "reject"
    assert str(verdict.reason) == "Posted from a banned IP prefix."
    assert check_bans(submission(ip_prefix="198.51.100.0/24")) is None


@pytest.mark.parametrize("typed", ["Spammer", "SPAMMER", "  spammer "])
def test_a_banned_name_is_rejected_whatever_its_case(typed):
    Ban.objects.create(kind=Ban.Kind.NAME, value="spammer")

    verdict = check_bans(submission(author_name=typed))

    assert str(verdict.reason) == "Posted from a banned Name."


def test_a_name_ban_is_not_a_pattern_and_a_network_ban_not_a_name():
    Ban.objects.create(kind=Ban.Kind.NAME, value="sp_m%")
    Ban.objects.create(kind=Ban.Kind.IP_PREFIX, value="Parvin")

    assert check_bans(submission(author_name="spam")) is None
    assert check_bans(submission(author_name="Parvin")) is None
    assert check_bans(submission(author_name="SP_M%")).action == "reject"


def test_the_newest_ban_names_the_reason():
    older = Ban.objects.create(kind=Ban.Kind.NAME, value="parvin")
    Ban.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=1))
    Ban.objects.create(kind=Ban.Kind.IP_PREFIX, value="203.0.113.0/24")

    assert str(check_bans(submission()).reason) == "Posted from a banned IP prefix."


def test_suspect_words_are_listed_in_order():
    for word in ("zebra", "apple"):
        WordRule.objects.create(word=word, kind=WordRule.Kind.SUSPECT)
    WordRule.objects.create(word="casino", kind=WordRule.Kind.BANNED)

    held = check_words(submission(body="Apple and ZEBRA."))
    rejected = check_words(submission(body="A casino, an apple."))

    assert held.action == "hold" and "apple, zebra" in str(held.reason)
    assert rejected.action == "reject"
    assert check_words(submission()) is None


def stored(article, body, *, status=CommentStatus.APPROVED, ago=timedelta(hours=1), **fields):
    return Comment.objects.create(
        article=article,
        author_name=fields.pop("author_name", "Parvin"),
        body=body,
        body_html=f"<p>{body}</p>",
        body_hash=body_fingerprint(body),
        status=status,
        created_at=timezone.now() - ago,
        ip_prefix=fields.pop("ip_prefix", "203.0.113.0/24"),
        **fields,
    )


def test_a_duplicate_counts_within_the_window_unless_removed(home, settings):
    settings.GAZETTE_COMMENT_DUPLICATE_HOURS = 24
    article = make_article()
    stored(article, "Said before.", status=CommentStatus.PENDING)
    stored(article, "Removed before.", status=CommentStatus.REMOVED)
    stored(article, "Said long ago.", ago=timedelta(hours=25))

    assert check_duplicate(submission(body="said   BEFORE.")).action == "reject"
    assert check_duplicate(submission(body="Removed before.")) is None
    assert check_duplicate(submission(body="Said long ago.")) is None


def test_a_first_comment_is_known_by_name_and_email_or_network(home, settings):
    settings.GAZETTE_HOLD_FIRST_COMMENTS = True
    article = make_article()
    stored(article, "Hello.", email="Parvin@Example.org")
    stored(article, "Pending.", author_name="Newcomer", status=CommentStatus.PENDING)

    assert check_first_time(submission(author_name="PARVIN", email="parvin@example.ORG")) is None
    assert check_first_time(submission(author_name="parvin")) is None  # same network
    assert check_first_time(submission(ip_prefix="198.51.100.0/24")).action == "hold"
    assert check_first_time(submission(email="someone@example.org")).action == "hold"
    assert check_first_time(submission(author_name="Newcomer")).action == "hold"


@pytest.mark.django_db(transaction=True)
def test_word_rules_are_kept_until_one_changes(django_assert_num_queries):
    # Kept only outside transactions, as between requests.
    rule = WordRule.objects.create(word="Casino", kind=WordRule.Kind.SUSPECT)
    assert check_words(submission(body="A casino.")).action == "hold"
    with django_assert_num_queries(0):
        assert check_words(submission(body="A CASINO.")).action == "hold"

    rule.kind = WordRule.Kind.BANNED
    rule.save()
    assert check_words(submission(body="A casino.")).action == "reject"

    WordRule.objects.create(word="lottery", kind=WordRule.Kind.SUSPECT)
    assert check_words(submission(body="A lottery.")).action == "hold"

    rule.delete()
    assert check_words(submission(body="A casino.")) is None


@pytest.mark.django_db(transaction=True)
def test_bans_are_kept_until_one_changes(django_assert_num_queries):
    # Kept only outside transactions, as between requests.
    assert check_bans(submission()) is None
    with django_assert_num_queries(0):
        assert check_bans(submission(author_name="Someone else")) is None

    network = Ban.objects.create(kind=Ban.Kind.IP_PREFIX, value="203.0.113.0/24")
    assert check_bans(submission()).action == "reject"

    name = Ban.objects.create(kind=Ban.Kind.NAME, value="PARVIN")
    assert str(check_bans(submission()).reason) == "Posted from a banned Name."

    name.value = "Someone else"
    name.save()
    assert str(check_bans(submission()).reason) == "Posted from a banned IP prefix."

    network.delete()
    assert check_bans(submission()) is None
    assert check_bans(submission(author_name="someone ELSE")).action == "reject"
