import pytest
from django.contrib.auth.models import Group

from gazette.comments.admin_access import can_moderate
from gazette.comments.models import Ban, WordRule
from tests.comments_admin.helpers import make_comment, url
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def every_view(comment):
    return [
        ("get", url("pending")),
        ("get", url("queue", "spam")),
        ("get", url("detail", comment.pk)),
        ("get", url("edit", comment.pk)),
        ("post", url("act", comment.pk, "approve")),
        ("post", url("ban", comment.pk, "name")),
        ("post", url("bulk")),
    ]


def test_users_without_the_permission_are_turned_away_and_change_nothing(client, outsider):
    """Wagtail turns the views' PermissionDenied into its usual redirect to the dashboard."""
    comment = make_comment()
    client.force_login(outsider)

    for method, address in every_view(comment):
        response = getattr(client, method)(address, {"comment": [comment.pk], "action": "approve"})
        assert (response.status_code, response.url) == (302, "/admin/"), address

    dashboard = client.get("/admin/")
    assert "you do not have permission" in dashboard.text

    comment.refresh_from_db()
    assert comment.status == "pending"
    assert comment.log.count() == 0


def test_anonymous_visitors_are_sent_to_the_login(client):
    comment = make_comment()

    response = client.get(url("detail", comment.pk))

    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_superuser_may_moderate(as_superuser, superuser):
    comment = make_comment()

    as_superuser.post(url("act", comment.pk, "approve"))

    comment.refresh_from_db()
    assert comment.status == "approved"
    assert comment.log.get().actor == superuser


def test_moderators_may_moderate_but_not_edit_pages(as_moderator):
    article = make_article()
    comment = make_comment(article)

    assert as_moderator.get(url("pending")).status_code == 200
    as_moderator.post(url("act", comment.pk, "reject"))
    page_editor = as_moderator.get(f"/admin/pages/{article.pk}/edit/")

    comment.refresh_from_db()
    assert comment.status == "rejected"
    assert (page_editor.status_code, page_editor.url) == (302, "/admin/")


def test_the_page_editor_itself_works_for_those_allowed(as_superuser):
    article = make_article()

    assert as_superuser.get(f"/admin/pages/{article.pk}/edit/").status_code == 200


def test_editors_write_publish_and_moderate(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    article = make_article()

    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200
    assert client.get("/admin/comments/").status_code == 200
    assert article.permissions_for_user(editor).can_publish()


def test_the_default_workflow_is_approved_by_editors_not_comment_moderators():
    from wagtail.models import GroupApprovalTask

    approvers = set(GroupApprovalTask.objects.values_list("groups__name", flat=True))

    assert approvers == {"Editors"}


def test_migration_gives_groups_the_moderate_permission():
    moderators = Group.objects.get(name="Moderators")
    codenames = set(moderators.permissions.values_list("codename", flat=True))

    assert {"moderate_comment", "access_admin"} <= codenames
    assert not moderators.page_permissions.exists()
    for name in ["Moderators", "Editors"]:
        assert Group.objects.get(name=name).permissions.filter(codename="moderate_comment").exists()


def test_inactive_users_may_not_moderate(moderator):
    moderator.is_active = False
    moderator.save()

    assert not can_moderate(moderator)


def test_moderators_edit_word_rules_and_bans_as_snippets(as_moderator):
    listing = as_moderator.get("/admin/snippets/comments/wordrule/")
    created = as_moderator.post(
        "/admin/snippets/comments/wordrule/add/", {"word": "casino", "kind": "banned"}
    )
    bans = as_moderator.get("/admin/snippets/comments/ban/")

    assert listing.status_code == 200
    assert created.status_code == 302
    assert WordRule.objects.filter(word="casino", kind="banned").exists()
    assert bans.status_code == 200


def test_word_rules_are_closed_to_users_who_may_not_moderate(client, outsider):
    client.force_login(outsider)

    response = client.get("/admin/snippets/comments/wordrule/add/")
    posted = client.post("/admin/snippets/comments/wordrule/add/", {"word": "x", "kind": "banned"})

    assert (response.status_code, response.url) == (302, "/admin/")
    assert posted.status_code == 302
    assert not WordRule.objects.exists()


def test_menu_links_to_the_word_lists(as_moderator):
    response = as_moderator.get("/admin/")

    assert "/admin/snippets/comments/wordrule/" in response.text
    assert "/admin/snippets/comments/ban/" in response.text


def test_word_rules_can_be_searched(as_moderator):
    WordRule.objects.create(word="casino", kind="banned")
    WordRule.objects.create(word="lottery", kind="suspect")

    response = as_moderator.get("/admin/snippets/comments/wordrule/", {"q": "casi"})

    assert "casino" in response.text
    assert "lottery" not in response.text


def test_a_ban_added_in_the_admin_records_who_added_it(as_moderator, moderator):
    as_moderator.post(
        "/admin/snippets/comments/ban/add/",
        {"kind": "name", "value": "Troll", "reason": "abuse"},
    )

    assert Ban.objects.get(value="Troll").created_by == moderator


def test_the_moderate_permission_can_be_granted_in_the_group_editor(as_superuser):
    group = Group.objects.get(name="Moderators")

    response = as_superuser.get(f"/admin/groups/edit/{group.pk}/")

    assert response.status_code == 200
    assert "Can moderate comments" in response.text
