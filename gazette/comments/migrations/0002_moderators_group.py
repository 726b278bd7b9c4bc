"""Who moderates: the "Moderators" group moderates comments and no longer edits pages;
"Editors" write, publish and moderate.

Wagtail's initial data gives "Moderators" page add/edit/publish rights and makes them the
approvers of the default workflow. In a newsroom those are the editors' jobs, so the page
rights and the workflow task move to "Editors". The permission is created here as well as by
Comment.Meta so that this migration can grant it before post_migrate runs.
"""

from django.db import migrations

CODENAME = "moderate_comment"
MODERATORS = "Moderators"
EDITORS = "Editors"
EDITOR_PAGE_RIGHTS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def moderate_permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="comments", model="comment")
    permission, _ = Permission.objects.get_or_create(
        codename=CODENAME, content_type=content_type, defaults={"name": "Can moderate comments"}
    )
    return permission


def admin_access_permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    permission, _ = Permission.objects.get_or_create(
        codename="access_admin",
        content_type=content_type,
        defaults={"name": "Can access Wagtail admin"},
    )
    return permission


def page_permission(apps, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    return Permission.objects.filter(codename=codename, content_type=content_type).first()


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Page = apps.get_model("wagtailcore", "Page")
    moderate = moderate_permission(apps)

    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    moderators.permissions.add(moderate, admin_access_permission(apps))
    GroupPagePermission.objects.filter(group=moderators).delete()

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(moderate, admin_access_permission(apps))
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for codename in EDITOR_PAGE_RIGHTS:
            permission = page_permission(apps, codename)
            if permission is not None:
                GroupPagePermission.objects.get_or_create(
                    group=editors, page=root, permission=permission
                )
    for task in GroupApprovalTask.objects.filter(groups=moderators):
        task.groups.remove(moderators)
        task.groups.add(editors)


def remove_groups(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="comments", codename=CODENAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
