"""Comment test data: readers, solved challenges, comments through the services."""

from datetime import timedelta

from django.utils import timezone

from gazette.challenge.service import challenge_issue
from gazette.comments.clients import ClientInfo
from gazette.comments.services import comment_submit
from tests.challenge.helpers import solve

READER = ClientInfo(ip_prefix="203.0.113.0/24", user_agent="pytest")


def solved_challenge(seconds_ago: int = 30) -> dict:
    """Form fields of a challenge issued ``seconds_ago`` and answered correctly."""
    challenge = challenge_issue(now=timezone.now() - timedelta(seconds=seconds_ago))
    return {"challenge_token": challenge.token, "challenge_answer": str(solve(challenge.question))}


def submit(article, body="A thoughtful comment.", *, name="Reader", client=READER, **overrides):
    return comment_submit(article=article, author_name=name, body=body, client=client, **overrides)
