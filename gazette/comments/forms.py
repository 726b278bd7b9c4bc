"""One form validates a comment from the HTML page and from the JSON API."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gazette.challenge.forms import ChallengeFormMixin

HONEYPOT_FIELD = "website"


class CommentForm(ChallengeFormMixin, forms.Form):
    author_name = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(
        label=_("Email (optional, never shown)"),
        required=False,
        help_text=_("Never published and never sent anywhere."),
    )
    body = forms.CharField(
        label=_("Comment"),
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown: *emphasis*, **bold**, [links](https://…), > quotes, `code`."),
    )
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    field_order = ["author_name", "email", "body", "challenge_answer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Checked on the server with a clear error (clean_body); a maxlength attribute would
        # let the browser cut a pasted comment short without a word.
        self.fields["body"].max_length = settings.GAZETTE_COMMENT_MAX_LENGTH
        self.fields["body"].widget.attrs.pop("maxlength", None)

    def clean_body(self):
        """The service's own rule (normalised, not empty, not too long), checked here so that
        a body it would refuse never spends the reader's question."""
        from gazette.comments.services import CommentError, clean_body

        body = self.cleaned_data["body"]
        try:
            clean_body(body)
        except CommentError as error:
            raise forms.ValidationError(error.message) from None
        return body

    def submit(self, *, article, challenge, client):
        """Store the validated comment through ``comment_submit`` (see its promises).

        Call after ``is_valid()`` and a passed ``verify_challenge()``; the HTML view and the
        JSON API share this, so both hand the pipeline the same fields. A challenge
        verified with ``defer_spend=True`` is spent here: with the comment, in its
        transaction, or on its own when the comment is refused before it is stored.
        """
        from gazette.comments.services import ChallengeReplayed, CommentError, comment_submit

        data = self.cleaned_data
        try:
            return comment_submit(
                article=article,
                author_name=data["author_name"],
                email=data["email"],
                body=data["body"],
                parent_id=data["parent"],
                honeypot=data[HONEYPOT_FIELD],
                issued_at=challenge.issued_at,
                client=client,
                challenge=challenge.deferred,
            )
        except ChallengeReplayed:
            raise
        except CommentError:
            if challenge.deferred is not None:
                challenge.deferred.spend()
            raise
