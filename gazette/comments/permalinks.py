"""``/comments/<id>/``: the lasting address of a comment, sent on to the page that shows it.

A conversation grows in the middle (a reply joins its thread), so the page a comment is on
can change; this address never does. The redirect is temporary for that reason.
"""

from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gazette.articles.selectors import published_articles
from gazette.comments.models import Comment
from gazette.comments.selectors import comment_anchor_url, comment_page_number


@require_GET
def comment_permalink(request, comment_id: int):
    shown = Comment.objects.visible().only("id", "article_id", "thread", "path")
    comment = shown.filter(pk=comment_id).first()
    article = comment and published_articles().filter(pk=comment.article_id).first()
    if article is None:
        raise Http404(_("No such comment."))
    page = comment_page_number(comment)
    return HttpResponseRedirect(comment_anchor_url(article.get_url(request), comment.pk, page))
