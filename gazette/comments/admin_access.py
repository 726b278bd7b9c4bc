"""Who may moderate comments: one permission, checked by every moderation view."""

from functools import wraps

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

from gazette.comments.models import Comment

# Created by migration 0002 rather than Comment.Meta.permissions, so models.py stays untouched.
MODERATE_CODENAME = "moderate_comment"
MODERATE_PERMISSION = f"comments.{MODERATE_CODENAME}"


def can_moderate(user) -> bool:
    """Active superusers, and active users holding ``comments.moderate_comment``."""
    return bool(user and user.is_active and user.has_perm(MODERATE_PERMISSION))


def moderator_required(view):
    """Answer 403 to anyone who may not moderate; Wagtail already requires a login."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def moderators():
    """Active users who may moderate, superusers included."""
    permissions = Permission.objects.filter(
        content_type__app_label="comments", codename=MODERATE_CODENAME
    )
    holders = (
        Q(is_superuser=True)
        | Q(user_permissions__in=permissions)
        | Q(groups__permissions__in=permissions)
    )
    return get_user_model().objects.filter(holders, is_active=True).distinct()


class ModeratePermissionPolicy(BaseDjangoAuthPermissionPolicy):
    """Every action on the model (add, change, delete...) needs only the moderate permission.

    Used for the moderators' own lists, word rules and bans, so a Moderators group needs one
    permission rather than six.
    """

    def __init__(self, model):
        super().__init__(model, auth_model=Comment)

    def _get_permission_codename(self, action):
        return MODERATE_CODENAME

    def user_has_permission(self, user, action):
        return can_moderate(user)

    def user_has_any_permission(self, user, actions):
        return can_moderate(user)

    def users_with_any_permission(self, actions):
        return moderators()

    def users_with_permission(self, action):
        return moderators()
