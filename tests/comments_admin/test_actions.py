import pytest

from gazette.comments.models import Ban, Comment, ModerationLogEntry
from gazette.comments.services import comment_remove
from tests.comments_admin.helpers import make_comment, url

pytestmark = pytest.mark.django_db


def last_entry(comment) -> ModerationLogEntry:
    return comment.log.order_by("-pk").first()


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", "approved"), ("reject", "rejected"), ("spam", "spam"), ("remove", "removed")],
)
def test_action_changes_status_and_logs_who_and_why(as_moderator, moderator, action, status):
    comment = make_comment()

    response = as_moderator.post(url("act", comment.pk, action), {"reason": "house rules"})

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == status
    entry = last_entry(comment)
    assert (entry.actor, entry.action, entry.from_status, entry.to_status, entry.reason) == (
        moderator,
        action,
        "pending",
        status,
        "house rules",
    )


def test_restore_returns_a_removed_comment_to_its_earlier_status(as_moderator, moderator):
    comment = make_comment(status="approved")
    comment_remove(comment=comment, reason="off topic")

    as_moderator.post(url("act", comment.pk, "restore"))

    comment.refresh_from_db()
    assert comment.status == "approved"
    assert last_entry(comment).actor == moderator


def test_action_needs_post(as_moderator):
    comment = make_comment()

    assert as_moderator.get(url("act", comment.pk, "approve")).status_code == 405
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_action_needs_a_csrf_token(client, moderator):
    csrf_client = client.__class__(enforce_csrf_checks=True)
    csrf_client.force_login(moderator)
    comment = make_comment()

    assert csrf_client.post(url("act", comment.pk, "approve")).status_code == 403
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_action_goes_back_to_the_queue_it_came_from_but_not_off_site(as_moderator):
    comment = make_comment()
    queue = url("pending") + "?author=Reader"

    back = as_moderator.post(url("act", comment.pk, "approve"), {"next": queue})
    away = as_moderator.post(url("act", comment.pk, "reject"), {"next": "https://evil.example/"})

    assert back.url == queue
    assert away.url == url("detail", comment.pk)


def test_unknown_action_is_not_found(as_moderator):
    comment = make_comment()

    assert as_moderator.post(url("act", comment.pk, "delete")).status_code == 404


def test_bulk_action_changes_the_selected_comments_only(as_moderator, moderator):
    chosen = [make_comment(author_name="A"), make_comment(author_name="B")]
    left = make_comment(author_name="C")

    response = as_moderator.post(
        url("bulk"),
        {"action": "spam", "comment": [c.pk for c in chosen], "reason": "link farm"},
    )

    assert response.status_code == 302
    assert sorted(Comment.objects.filter(status="spam").values_list("author_name", flat=True)) == [
        "A",
        "B",
    ]
    left.refresh_from_db()
    assert left.status == "pending"
    assert all(
        (last_entry(c).actor, last_entry(c).reason) == (moderator, "link farm") for c in chosen
    )


def test_bulk_action_without_a_selection_changes_nothing(as_moderator):
    comment = make_comment()

    response = as_moderator.post(url("bulk"), {"action": "approve"}, follow=True)

    assert "Select at least one comment." in response.text
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_edit_replaces_the_body_and_logs_the_reason(as_moderator, moderator):
    comment = make_comment(body="Call me on 555-0100")

    form = as_moderator.get(url("edit", comment.pk))
    response = as_moderator.post(
        url("edit", comment.pk), {"body": "Call me [number removed]", "reason": "personal data"}
    )

    assert form.status_code == 200
    assert "Call me on 555-0100" in form.text
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Call me [number removed]"
    assert "555-0100" not in comment.body_html
    assert comment.edited_at is not None
    entry = last_entry(comment)
    assert (entry.action, entry.actor, entry.reason) == ("edit", moderator, "personal data")


def test_edit_requires_a_reason_and_a_body(as_moderator):
    comment = make_comment(body="Original")

    no_reason = as_moderator.post(url("edit", comment.pk), {"body": "Changed", "reason": ""})
    blank_body = as_moderator.post(url("edit", comment.pk), {"body": "   ", "reason": "why"})

    assert no_reason.status_code == 200
    assert blank_body.status_code == 200
    comment.refresh_from_db()
    assert comment.body == "Original"
    assert not comment.log.filter(action="edit").exists()


def test_ban_ip_prefix_and_name(as_moderator, moderator):
    comment = make_comment(author_name="Troll", ip_prefix="198.51.100.0/24")

    as_moderator.post(url("ban", comment.pk, "ip"), {"reason": "repeat spam"})
    as_moderator.post(url("ban", comment.pk, "name"))

    ip_ban = Ban.objects.get(kind="ip")
    assert (ip_ban.value, ip_ban.reason, ip_ban.created_by) == (
        "198.51.100.0/24",
        "repeat spam",
        moderator,
    )
    assert Ban.objects.filter(kind="name", value="Troll").exists()
    assert comment.log.filter(action="ban", actor=moderator).count() == 2


def test_ban_of_a_comment_without_an_ip_prefix_bans_nothing(as_moderator):
    comment = make_comment(ip_prefix="")

    response = as_moderator.post(url("ban", comment.pk, "ip"), follow=True)

    assert "has no IP prefix to ban" in response.text
    assert not Ban.objects.exists()


def test_detail_shows_the_comment_and_its_moderation_log(as_moderator, moderator):
    comment = make_comment(author_name="Reader", email="r@example.com", body="Hello there")
    as_moderator.post(url("act", comment.pk, "approve"), {"reason": "fine by me"})

    response = as_moderator.get(url("detail", comment.pk))

    assert response.status_code == 200
    text = response.text
    assert "Hello there" in text
    assert "r@example.com" in text
    assert "Comments are premoderated." in text
    log = list(response.context["log"])
    assert [(e.actor_label, e.action, e.from_status, e.to_status) for e in log] == [
        ("mod", "approve", "pending", "approved")
    ]
    assert "fine by me" in text
    assert "pending → approved" in text
