"""Moderation views in the Wagtail admin; every write goes through gazette.comments.services.

Mounted by wagtail_hooks under /admin/comments/; Wagtail requires a logged-in admin user and
``moderator_required`` the moderate permission.
"""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.paginator import WagtailPaginator

from gazette.comments import services
from gazette.comments.admin_access import moderator_required
from gazette.comments.admin_forms import BULK_ACTIONS, BulkActionForm, CommentEditForm, ReasonForm
from gazette.comments.admin_queries import (
    QUEUE_PAGE_SIZE,
    QUEUES,
    QueueFilterForm,
    excerpt,
    queue_comments,
)
from gazette.comments.models import Ban, Comment, CommentStatus

app_name = "gazette_comments_admin"

ACTIONS = {
    "approve": (services.comment_approve, gettext_lazy("Approve")),
    "reject": (services.comment_reject, gettext_lazy("Reject")),
    "spam": (services.comment_mark_spam, gettext_lazy("Mark as spam")),
    "remove": (services.comment_remove, gettext_lazy("Remove")),
    "restore": (services.comment_restore, gettext_lazy("Restore")),
}
# The status an action leads to, to hide buttons that would change nothing.
ACTION_TARGETS = {
    "approve": CommentStatus.APPROVED,
    "reject": CommentStatus.REJECTED,
    "spam": CommentStatus.SPAM,
    "remove": CommentStatus.REMOVED,
}


def available_actions(comment: Comment) -> list[tuple[str, str]]:
    if comment.status == CommentStatus.REMOVED:
        return [("restore", ACTIONS["restore"][1])]
    return [
        (action, ACTIONS[action][1])
        for action, target in ACTION_TARGETS.items()
        if comment.status != target
    ]


def next_url(request, default: str) -> str:
    """Where to go after a POST: the form's ``next`` when it is on this site, else ``default``."""
    url = request.POST.get("next", "")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


def detail_url(comment: Comment) -> str:
    return reverse(f"{app_name}:detail", args=[comment.pk])


def queue_counts() -> dict[str, int]:
    rows = Comment.objects.values("status").annotate(n=Count("pk"))
    counts = dict.fromkeys(QUEUES, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


@moderator_required
def queue(request, status=CommentStatus.PENDING):
    if status not in QUEUES:
        raise Http404
    filter_form = QueueFilterForm(request.GET or None)
    if filter_form.is_bound and not filter_form.is_valid():
        # A filter that cannot be read must not silently widen to the whole queue.
        comments = Comment.objects.none()
    else:
        comments = queue_comments(status, filter_form.cleaned_data if filter_form.is_bound else {})
    paginator = WagtailPaginator(comments, QUEUE_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("p"))
    counts = queue_counts()
    return TemplateResponse(
        request,
        "comments/admin/queue.html",
        {
            "page_title": _("Comments: %(queue)s") % {"queue": CommentStatus(status).label},
            "header_icon": "comment",
            "status": status,
            "queues": [
                (slug, CommentStatus(slug).label, counts[slug], slug == status) for slug in QUEUES
            ],
            "filter_form": filter_form,
            "page_obj": page,
            "elided_page_range": paginator.get_elided_page_range(page.number),
            "rows": [(comment, excerpt(comment), available_actions(comment)) for comment in page],
            "bulk_actions": BULK_ACTIONS,
            "next": request.get_full_path(),
        },
    )


@moderator_required
def detail(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article", "parent"), pk=pk)
    return TemplateResponse(
        request,
        "comments/admin/detail.html",
        {
            "page_title": _("Comment by %(name)s") % {"name": comment.author_name},
            "header_icon": "comment",
            "comment": comment,
            "actions": available_actions(comment),
            "log": comment.log.select_related("actor").order_by("created_at", "pk"),
            "replies": comment.replies.order_by("created_at", "pk"),
            "ip_banned": bool(comment.ip_prefix)
            and Ban.objects.filter(kind=Ban.Kind.IP_PREFIX, value=comment.ip_prefix).exists(),
            "name_banned": Ban.objects.filter(
                kind=Ban.Kind.NAME, value=comment.author_name.strip()
            ).exists(),
            "queue_url": reverse(f"{app_name}:queue", args=[comment.status]),
        },
    )


@require_POST
@moderator_required
def act(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    comment = get_object_or_404(Comment, pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    service, label = ACTIONS[action]
    comment = service(comment=comment, actor=request.user, reason=reason)
    messages.success(
        request,
        _("%(action)s: comment by %(name)s is now %(status)s.")
        % {"action": label, "name": comment.author_name, "status": comment.get_status_display()},
    )
    return redirect(next_url(request, detail_url(comment)))


@require_POST
@moderator_required
def bulk(request):
    form = BulkActionForm(request.POST)
    back = next_url(request, reverse(f"{app_name}:pending"))
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(back)
    service, _label = ACTIONS[form.cleaned_data["action"]]
    comments = list(form.cleaned_data["comment"])
    for comment in comments:
        service(comment=comment, actor=request.user, reason=form.cleaned_data["reason"])
    messages.success(
        request,
        ngettext("%(count)d comment changed.", "%(count)d comments changed.", len(comments))
        % {"count": len(comments)},
    )
    return redirect(back)


@moderator_required
def edit(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    form = CommentEditForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(
                comment=comment,
                body=form.cleaned_data["body"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except services.CommentError as error:
            form.add_error("body", str(error.message))
        else:
            messages.success(request, _("Comment saved."))
            return redirect(detail_url(comment))
    return TemplateResponse(
        request,
        "comments/admin/edit.html",
        {
            "page_title": _("Edit comment by %(name)s") % {"name": comment.author_name},
            "header_icon": "edit",
            "comment": comment,
            "form": form,
        },
    )


@require_POST
@moderator_required
def ban(request, pk, kind):
    if kind not in Ban.Kind.values:
        raise Http404
    comment = get_object_or_404(Comment, pk=pk)
    value = comment.ip_prefix if kind == Ban.Kind.IP_PREFIX else comment.author_name
    back = next_url(request, detail_url(comment))
    if not value.strip():
        messages.error(
            request, _("This comment has no %(kind)s to ban.") % {"kind": Ban.Kind(kind).label}
        )
        return redirect(back)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    created = services.ban_create(kind=kind, value=value, actor=request.user, reason=reason)
    # A ban is not a status change, but moderators reading the log should see who banned whom.
    services.log_change(
        comment=comment,
        action="ban",
        actor=request.user,
        from_status=comment.status,
        reason=f"{created}" + (f" ({reason})" if reason else ""),
    )
    messages.success(request, _("Banned %(ban)s.") % {"ban": created})
    return redirect(back)


urlpatterns = [
    path("", queue, name="pending"),
    path("queue/<slug:status>/", queue, name="queue"),
    path("bulk/", bulk, name="bulk"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/edit/", edit, name="edit"),
    path("<int:pk>/ban/<slug:kind>/", ban, name="ban"),
    path("<int:pk>/<slug:action>/", act, name="act"),
]
