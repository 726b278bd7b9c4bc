import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission


@pytest.fixture(autouse=True)
def _no_rate_limits_or_first_comment_hold(settings):
    settings.GAZETTE_COMMENT_RATE_LIMITS = "off"
    settings.GAZETTE_COMMENT_ARTICLE_RATE_LIMITS = "off"
    settings.GAZETTE_HOLD_FIRST_COMMENTS = False


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        "chief", email="chief@example.com", password="x"
    )


@pytest.fixture
def moderator(db):
    """A member of the group migration 0002 creates: admin login and comments, no pages."""
    user = get_user_model().objects.create_user("mod", email="mod@example.com", password="x")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def outsider(db):
    """May log in to the admin, may not moderate."""
    user = get_user_model().objects.create_user("out", email="out@example.com", password="x")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


@pytest.fixture
def as_moderator(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def as_superuser(client, superuser):
    client.force_login(superuser)
    return client
