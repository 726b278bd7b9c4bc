"""``GET /api/v1/challenge``: a question, its token and a CSRF token, for one reader.

Article pages are cached and shared, so they carry no per-reader secret; their comment
form fetches these from here instead (architecture, hard constraint 2).
"""

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from ninja import Field, Router, Schema

from gazette.challenge.service import challenge_issue

challenge_router = Router(tags=["challenge"])


class ChallengeOut(Schema):
    question: str = Field(
        description="Plain text for the answer field's label", examples=["3 + 13 ="]
    )
    token: str = Field(description="Signed and single-use; send it back as challenge_token")
    expires_at: datetime = Field(description="ISO 8601; the token is refused after this")
    csrf_token: str = Field(
        description="Django CSRF token for this reader; the csrftoken cookie is set with it"
    )


@challenge_router.get("/challenge", response=ChallengeOut, summary="A new challenge")
def get_challenge(request: HttpRequest, response: HttpResponse):
    """A fresh question for the comment form. Never cached: each reader gets their own."""
    challenge = challenge_issue()
    response["Cache-Control"] = "no-store, private"
    return {
        "question": challenge.question,
        "token": challenge.token,
        "expires_at": challenge.expires_at,
        "csrf_token": get_token(request),
    }
