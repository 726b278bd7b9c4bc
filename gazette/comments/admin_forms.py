"""Forms of the moderation admin: a reason for any action, the edit form, bulk selection."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gazette.comments.models import Comment

BULK_ACTIONS = [
    ("approve", _("Approve")),
    ("reject", _("Reject")),
    ("spam", _("Mark as spam")),
    ("remove", _("Remove")),
]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=1000)


class CommentEditForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 10}))
    reason = forms.CharField(
        label=_("Reason for the edit"),
        max_length=1000,
        help_text=_("Kept in the moderation log."),
    )


class BulkActionForm(ReasonForm):
    action = forms.ChoiceField(choices=BULK_ACTIONS)
    comment = forms.ModelMultipleChoiceField(
        queryset=Comment.objects.all(),
        error_messages={"required": _("Select at least one comment.")},
    )
