"""The challenge's two fields, for any form that guards a write (the comment form)."""

from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from gazette.challenge.service import (
    MAX_ANSWER_LENGTH,
    Challenge,
    ChallengeResult,
    challenge_issue,
    challenge_verify,
)

TOKEN_FIELD = "challenge_token"  # noqa: S105 (a field name, not a secret)
ANSWER_FIELD = "challenge_answer"


class ChallengeFormMixin(forms.Form):
    """A hidden token and an answer box labelled with the question.

    A ``Form`` so that Django collects its fields; list it first among a form's bases:
    ``class CommentForm(ChallengeFormMixin, forms.ModelForm)``. ``clean()`` spends nothing:
    a form re-shown for another error keeps its question answerable. Call
    ``verify_challenge()`` once the rest of the form is valid.
    """

    challenge_token = forms.CharField(widget=forms.HiddenInput, required=False)
    # Not required: without a token (a cached page, no JavaScript) there is no question to
    # answer yet, and verify_challenge() then puts one on the re-shown form.
    challenge_answer = forms.CharField(
        label=_("Answer this question"),
        label_suffix="",  # the question ends with "=" already
        required=False,
        max_length=MAX_ANSWER_LENGTH,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get(TOKEN_FIELD) and not (self.data.get(ANSWER_FIELD) or "").strip():
            self.add_error(ANSWER_FIELD, _("Please answer the question."))
        return cleaned_data

    def verify_challenge(
        self, *, now: datetime | None = None, defer_spend: bool = False
    ) -> ChallengeResult:
        """Spend the submitted token and judge the answer (see ``challenge_verify``; with
        ``defer_spend`` a right answer's nonce is left to the caller to spend).

        When refused, the reason is tied to the answer field and a new question replaces
        the old one, so re-rendering this form is all a view has to do.
        """
        result = challenge_verify(
            token=self.data.get(TOKEN_FIELD),
            answer=self.data.get(ANSWER_FIELD),
            now=now,
            defer_spend=defer_spend,
        )
        if not result.ok:
            if self.is_bound:
                if not hasattr(self, "cleaned_data"):
                    self.full_clean()
                self.add_error(ANSWER_FIELD, result.message)
            bind_new_challenge(self, now=now)
        return result


def bind_new_challenge(form: forms.BaseForm, *, now: datetime | None = None) -> Challenge:
    """Put a fresh question on ``form`` (unbound, or bound and about to be re-shown).

    The answer box is emptied; every other field keeps what the reader typed. Only for
    pages that are never cached: the token is for one reader.
    """
    challenge = challenge_issue(now=now)
    form.fields[ANSWER_FIELD].label = challenge.question
    if form.is_bound:
        data = form.data.copy()
        data[TOKEN_FIELD] = challenge.token
        data[ANSWER_FIELD] = ""
        form.data = data
    else:
        form.initial = {**form.initial, TOKEN_FIELD: challenge.token, ANSWER_FIELD: ""}
    # Bound fields cache their label and initial value; drop them so the new ones show.
    for name in (TOKEN_FIELD, ANSWER_FIELD):
        form._bound_fields_cache.pop(name, None)
    return challenge
