"""The moderate permission, and the groups that hold it.

The permission lives here rather than in Comment.Meta.permissions. "Comment moderators" is a
new group that may log in to the admin and moderate comments but has no page permissions.
Wagtail's own "Moderators" and "Editors" groups (created by wagtailcore's initial data, with
page add/edit rights) also receive the moderate permission when they exist.
"""

from django.db import migrations

CODENAME = "moderate_comment"
GROUP = "Comment moderators"
SHARED_GROUPS = ["Moderators", "Editors"]


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


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    moderate = moderate_permission(apps)
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(moderate, admin_access_permission(apps))
    for group in Group.objects.filter(name__in=SHARED_GROUPS):
        group.permissions.add(moderate)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name=GROUP).delete()
    Permission.objects.filter(content_type__app_label="comments", codename=CODENAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
