"""Reader-facing comment views: post, reply, edit and delete, all working without JavaScript.

The article page may come from a cache, so its form carries no per-reader secret. A post
without a valid CSRF token or challenge stores nothing and answers with this module's own,
never-cached form page: the text kept, a fresh question, a fresh CSRF token.
"""

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gazette.articles.selectors import published_articles
from gazette.challenge.forms import TOKEN_FIELD, bind_new_challenge
from gazette.comments.clients import client_info
from gazette.comments.forms import CommentForm
from gazette.comments.models import Comment
from gazette.comments.services import (
    CommentError,
    RateLimited,
    author_may_change,
    comment_edit,
    comment_remove,
    comments_open,
)

EDIT_COOKIE_SALT = "gazette.comments.author"


def edit_cookie_name(comment_id: int) -> str:
    return f"gazette_comment_{comment_id}"


def _article(article_id: int):
    article = published_articles().filter(pk=article_id).first()
    if article is None:
        raise Http404(_("No such article."))
    return article


def _csrf_ok(request) -> bool:
    return CsrfViewMiddleware(lambda req: None).process_view(request, None, (), {}) is None


def _form_page(request, article, form, *, status=200, notice="", error=""):
    response = render(
        request,
        "comments/form_page.html",
        {
            "article": article,
            "form": form,
            "notice": notice,
            "error": error,
            "comments_open": comments_open(article),
        },
        status=status,
    )
    return response


@never_cache
@require_GET
def comment_form(request, article_id: int):
    """The form alone, with a fresh question; ``?parent=`` makes it a reply."""
    article = _article(article_id)
    form = CommentForm(initial={"parent": request.GET.get("parent") or None})
    parent = None
    if request.GET.get("parent", "").isdigit():
        parent = Comment.objects.visible().filter(article=article, pk=request.GET["parent"]).first()
    bind_new_challenge(form)
    return render(
        request,
        "comments/form_page.html",
        {
            "article": article,
            "form": form,
            "parent": parent,
            "comments_open": comments_open(article),
        },
    )


@never_cache
@csrf_exempt  # checked below, once the comment is about to be stored
@require_POST
def comment_post(request, article_id: int):
    article = _article(article_id)
    form = CommentForm(request.POST)
    if not comments_open(article):
        return _form_page(
            request, article, form, status=403, error=_("Comments on this article are closed.")
        )
    if not request.POST.get(TOKEN_FIELD) or not _csrf_ok(request):
        bind_new_challenge(form)
        return _form_page(
            request, article, form, notice=_("Answer the question below to post your comment.")
        )
    if not form.is_valid():
        bind_new_challenge(form)
        return _form_page(request, article, form, status=400)
    challenge = form.verify_challenge(defer_spend=True)
    if not challenge.ok:
        return _form_page(request, article, form, status=400)
    try:
        result = form.submit(article=article, challenge=challenge, client=client_info(request))
    except CommentError as error:
        bind_new_challenge(form)
        if error.field in form.fields:
            form.add_error(error.field, str(error.message))
        response = _form_page(
            request,
            article,
            form,
            status=error.status_code,
            error="" if error.field in form.fields else str(error.message),
        )
        if isinstance(error, RateLimited):
            response["Retry-After"] = str(error.retry_after)
        return response
    comment = result.comment
    if result.rejected:
        bind_new_challenge(form)
        return _form_page(
            request,
            article,
            form,
            status=400,
            error=_("Your comment was not accepted: %(reason)s")
            % {"reason": result.decision.public_reason()},
        )
    # A page of its own rather than a redirect: the article page may be cached, and this one
    # carries what only the author may see, the link to edit or delete.
    response = render(
        request,
        "comments/received.html",
        {
            "article": article,
            "comment": comment,
            "published": result.published,
            "edit_minutes": settings.GAZETTE_COMMENT_EDIT_MINUTES,
        },
    )
    _remember_author(response, comment)
    return response


def _remember_author(response, comment: Comment) -> None:
    response.set_signed_cookie(
        edit_cookie_name(comment.pk),
        str(comment.pk),
        salt=EDIT_COOKIE_SALT,
        max_age=settings.GAZETTE_COMMENT_EDIT_MINUTES * 60,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _own_comment(request, comment_id: int) -> Comment:
    """The comment, if this reader wrote it and the edit window is open; else 403/404."""
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=comment_id)
    try:
        signed = request.get_signed_cookie(
            edit_cookie_name(comment.pk),
            salt=EDIT_COOKIE_SALT,
            max_age=settings.GAZETTE_COMMENT_EDIT_MINUTES * 60,
        )
    except (KeyError, signing.BadSignature):
        signed = None
    if signed != str(comment.pk) or not author_may_change(comment, now=timezone.now()):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(
            _("Only the author can change this comment, within %(minutes)d minutes.")
            % {"minutes": settings.GAZETTE_COMMENT_EDIT_MINUTES}
        )
    return comment


@never_cache
@require_http_methods(["GET", "POST"])
def comment_author_edit(request, comment_id: int):
    comment = _own_comment(request, comment_id)
    error = ""
    if request.method == "POST":
        try:
            comment_edit(comment=comment, body=request.POST.get("body", ""), actor_label="author")
        except CommentError as exc:
            error = str(exc.message)
        else:
            return HttpResponseRedirect(f"{comment.article.url}#{comment.anchor}", status=303)
    body = request.POST.get("body", comment.body) if request.method == "POST" else comment.body
    return render(
        request,
        "comments/edit.html",
        {"comment": comment, "body": body, "error": error},
        status=400 if error else 200,
    )


@never_cache
@require_POST
def comment_author_delete(request, comment_id: int):
    comment = _own_comment(request, comment_id)
    comment_remove(comment=comment, actor_label="author", reason=_("Deleted by its author."))
    response = HttpResponseRedirect(comment.article.url, status=303)
    response.delete_cookie(edit_cookie_name(comment.pk))
    return response
