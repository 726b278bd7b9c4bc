import pytest
from django import forms
from django.http import QueryDict

from gazette.challenge.forms import ChallengeFormMixin, bind_new_challenge
from gazette.challenge.models import UsedNonce
from gazette.challenge.service import Outcome, challenge_issue, challenge_verify
from tests.challenge.helpers import QUESTION, solve

LOCAL_MEMORY = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ch"}
}


class CommentForm(ChallengeFormMixin, forms.Form):
    body = forms.CharField(widget=forms.Textarea)


@pytest.fixture(autouse=True)
def _on_database(settings):
    settings.CACHES = LOCAL_MEMORY


def posted(**fields) -> QueryDict:
    data = QueryDict(mutable=True)
    data.update(fields)
    return data


def test_fresh_form_shows_the_question_as_the_label():
    form = CommentForm()
    challenge = bind_new_challenge(form)
    html = str(form)
    assert f">{challenge.question}</label>" in html
    assert f'value="{challenge.token}"' in html
    assert 'type="hidden" name="challenge_token"' in html
    assert 'inputmode="numeric"' in html


@pytest.mark.django_db
def test_right_answer_passes():
    challenge = challenge_issue()
    form = CommentForm(
        posted(
            body="Hello",
            challenge_token=challenge.token,
            challenge_answer=str(solve(challenge.question)),
        )
    )
    assert form.is_valid()
    assert form.verify_challenge().ok
    assert form.is_valid() and not form.errors


@pytest.mark.django_db
def test_wrong_answer_keeps_the_text_and_asks_a_new_question():
    challenge = challenge_issue()
    form = CommentForm(
        posted(
            body="My long comment",
            challenge_token=challenge.token,
            challenge_answer=str(solve(challenge.question) + 1),
        )
    )
    assert form.is_valid()
    str(form)  # rendered once already, as a view might have done
    result = form.verify_challenge()
    assert result.outcome == Outcome.WRONG
    assert form.errors["challenge_answer"] == [result.message]
    assert form.data["body"] == "My long comment"
    assert form.data["challenge_answer"] == ""
    new_token = form.data["challenge_token"]
    assert new_token != challenge.token
    html = str(form)
    assert "My long comment" in html
    new_question = form["challenge_answer"].label
    assert QUESTION.fullmatch(new_question)
    assert f">{new_question}</label>" in html
    assert f'value="{new_token}"' in html
    assert challenge_verify(token=new_token, answer=str(solve(new_question))).ok


@pytest.mark.django_db
def test_without_a_token_the_comment_is_kept_and_a_question_is_shown():
    form = CommentForm(posted(body="Sent from a cached page without JavaScript"))
    assert form.is_valid()
    result = form.verify_challenge()
    assert result.outcome == Outcome.MISSING
    assert form.errors["challenge_answer"] == [result.message]
    assert QUESTION.fullmatch(form["challenge_answer"].label)
    assert form.data["challenge_token"]
    assert not UsedNonce.objects.exists()


@pytest.mark.django_db
def test_empty_answer_is_a_form_error_that_spends_nothing():
    challenge = challenge_issue()
    form = CommentForm(posted(body="Hi", challenge_token=challenge.token, challenge_answer=" "))
    assert not form.is_valid()
    assert "challenge_answer" in form.errors
    assert not UsedNonce.objects.exists()
    answer = str(solve(challenge.question))
    assert challenge_verify(token=challenge.token, answer=answer).ok


def test_mixes_into_a_model_form():
    class NonceForm(ChallengeFormMixin, forms.ModelForm):
        class Meta:
            model = UsedNonce
            fields = ["nonce"]

    assert set(NonceForm().fields) == {"challenge_token", "challenge_answer", "nonce"}
