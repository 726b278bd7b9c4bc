"""The moderation admin in Wagtail: URLs, the Comments menu, the dashboard panel, word lists."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem, SubMenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from gazette.comments import admin_views, notifications
from gazette.comments.admin_access import MODERATE_CODENAME, ModeratePermissionPolicy, can_moderate
from gazette.comments.admin_queries import QUEUES, excerpt, newest_pending, pending_count
from gazette.comments.models import Ban, CommentStatus, WordRule

# --- Word lists and bans, edited by anyone who may moderate --------------------------------


class WordRuleViewSet(SnippetViewSet):
    model = WordRule
    icon = "warning"
    menu_label = _("Word rules")
    list_display = ["word", "kind"]
    list_filter = ["kind"]
    search_fields = ["word"]
    search_backend_name = None  # plain icontains; WordRule is not in the search index


class BanViewSet(SnippetViewSet):
    model = Ban
    icon = "cross"
    menu_label = _("Bans")
    list_display = ["value", "kind", "reason", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "reason"]
    search_backend_name = None
    panels = [FieldPanel("kind"), FieldPanel("value"), FieldPanel("reason")]


register_permission_policy(WordRule, ModeratePermissionPolicy(WordRule), exact_class=True)
register_permission_policy(Ban, ModeratePermissionPolicy(Ban), exact_class=True)
word_rule_viewset = WordRuleViewSet()
ban_viewset = BanViewSet()
register_snippet(word_rule_viewset)
register_snippet(ban_viewset)


# --- The Comments menu ---------------------------------------------------------------------


def with_count(label, count: int) -> str:
    return f"{label} ({count})" if count else str(label)


def request_pending_count(request) -> int:
    """The pending count, counted once per request however many menu items show it."""
    if not hasattr(request, "_gazette_pending_comments"):
        request._gazette_pending_comments = pending_count()
    return request._gazette_pending_comments


class QueueMenuItem(MenuItem):
    """One queue; the pending queue's label carries the number waiting."""

    def __init__(self, status: str, **kwargs):
        self.status = status
        super().__init__(
            CommentStatus(status).label,
            reverse("gazette_comments_admin:queue", args=[status]),
            name=f"comments-{status}",
            **kwargs,
        )

    def is_shown(self, request):
        return can_moderate(request.user)

    def render_component(self, request):
        label = self.label
        if self.status == CommentStatus.PENDING:
            label = with_count(label, request_pending_count(request))
        return LinkMenuItem(self.name, label, self.url, icon_name=self.icon_name)


class CommentsMenuItem(SubmenuMenuItem):
    """The "Comments" submenu, labelled with the pending count when there is any."""

    def is_shown(self, request):
        return can_moderate(request.user)

    def render_component(self, request):
        return SubMenuItem(
            self.name,
            with_count(self.label, request_pending_count(request)),
            self.menu.render_component(request),
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


@hooks.register("after_create_snippet")
def record_who_banned(request, instance):
    """Bans made through the snippet form record their author, as ban_create does."""
    if isinstance(instance, Ban) and instance.created_by_id is None:
        instance.created_by = request.user
        instance.save(update_fields=["created_by"])


@hooks.register("register_admin_menu_item")
def register_comments_menu():
    queues = [
        QueueMenuItem(status, icon_name="comment", order=order)
        for order, status in enumerate(QUEUES, start=1)
    ]
    lists = [
        word_rule_viewset.get_menu_item(order=100),
        ban_viewset.get_menu_item(order=101),
    ]
    return CommentsMenuItem(
        _("Comments"), Menu(items=queues + lists), name="comments", icon_name="comment", order=250
    )


@hooks.register("register_admin_urls")
def register_comments_admin_urls():
    app_name = admin_views.app_name
    return [path("comments/", include((admin_views.urlpatterns, app_name), namespace=app_name))]


@hooks.register("register_permissions")
def register_moderate_permission():
    """Lets the moderate permission be granted in Settings → Groups."""
    return Permission.objects.filter(content_type__app_label="comments", codename=MODERATE_CODENAME)


# --- Dashboard -----------------------------------------------------------------------------


class PendingCommentsPanel(Component):
    name = "pending_comments"
    template_name = "comments/admin/dashboard_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        count = pending_count()
        return {
            "heading": ngettext(
                "%(count)d comment waiting for moderation",
                "%(count)d comments waiting for moderation",
                count,
            )
            % {"count": count},
            "comments": [(comment, excerpt(comment, 100)) for comment in newest_pending(5)],
        }


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if can_moderate(request.user):
        panels.append(PendingCommentsPanel())


# Until CommentsConfig.ready() connects it, connect the moderator email here; idempotent.
notifications.connect()
