import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from gazette.comments.clients import ClientInfo
from gazette.comments.notifications import connect
from gazette.comments.services import comment_approve, comment_submit
from tests.comments_admin.helpers import make_comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db

READER = ClientInfo(ip_prefix="203.0.113.0/24", user_agent="t")


@pytest.fixture(autouse=True)
def _connected():
    # CommentsConfig.ready() should do this; until then wagtail_hooks does, when loaded.
    connect()


@pytest.fixture
def team(superuser, moderator, outsider):
    """Two who may moderate (superuser, group member), one who may not, and one without email."""
    silent = get_user_model().objects.create_user("silent", email="", password="x")
    silent.groups.add(Group.objects.get(name="Moderators"))
    retired = get_user_model().objects.create_user(
        "retired", email="retired@example.com", password="x", is_active=False
    )
    retired.groups.add(Group.objects.get(name="Moderators"))


def submit(article, django_capture_on_commit_callbacks, **overrides):
    fields = {"author_name": "Reader", "body": "What about the budget?", "client": READER}
    fields.update(overrides)
    with django_capture_on_commit_callbacks(execute=True):
        return comment_submit(article=article, **fields)


def test_a_held_comment_emails_each_moderator(
    team, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = "https://news.example"
    article = make_article(title="Budget day")

    result = submit(article, django_capture_on_commit_callbacks)

    assert result.comment.status == "pending"
    assert sorted(mail.to[0] for mail in mailoutbox) == ["chief@example.com", "mod@example.com"]
    assert all(len(mail.to) == 1 for mail in mailoutbox)
    mail = mailoutbox[0]
    assert "Budget day" in mail.subject
    assert "Reader" in mail.body
    assert "What about the budget?" in mail.body
    assert f"https://news.example/admin/comments/{result.comment.pk}/" in mail.body


def test_no_email_when_switched_off(team, mailoutbox, settings, django_capture_on_commit_callbacks):
    settings.GAZETTE_MODERATOR_EMAILS = False

    submit(make_article(), django_capture_on_commit_callbacks)

    assert mailoutbox == []


def test_no_email_for_a_published_comment(team, mailoutbox, django_capture_on_commit_callbacks):
    article = make_article(comment_mode="open")

    result = submit(article, django_capture_on_commit_callbacks)

    assert result.comment.status == "approved"
    assert mailoutbox == []


def test_no_email_for_moderation_actions(team, mailoutbox, django_capture_on_commit_callbacks):
    comment = make_comment()

    with django_capture_on_commit_callbacks(execute=True):
        comment_approve(comment=comment)

    assert mailoutbox == []


def test_a_failing_mail_server_does_not_fail_the_submission(
    team, settings, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("gazette.comments.notifications.send_mail", broken)

    result = submit(make_article(), django_capture_on_commit_callbacks)

    assert result.comment.pk
