from datetime import datetime, timedelta

import pytest
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone

from gazette.challenge.service import challenge_verify
from tests.challenge.helpers import QUESTION, solve

URL = "/api/v1/challenge"


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_challenge_has_question_token_expiry_and_csrf_token(client):
    response = client.get(URL)
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"question", "token", "expires_at", "csrf_token"}
    assert QUESTION.fullmatch(data["question"])
    expires_at = datetime.fromisoformat(data["expires_at"])
    assert timedelta(hours=23) < expires_at - timezone.now() <= timedelta(hours=24)


def test_challenge_is_never_cached(client):
    response = client.get(URL)
    assert {"no-store", "private"} <= directives(response)
    assert "public" not in directives(response)


def test_each_call_and_each_reader_gets_a_new_token(client, django_user_model):
    from django.test import Client

    first, second = client.get(URL).json(), client.get(URL).json()
    assert first["token"] != second["token"]
    other_reader = Client().get(URL)
    assert other_reader.json()["token"] not in {first["token"], second["token"]}
    assert other_reader.cookies["csrftoken"].value != client.cookies["csrftoken"].value


def test_csrf_token_works_with_the_cookie_it_sets(client, rf):
    response = client.get(URL)
    cookie = response.cookies["csrftoken"]
    assert cookie.value

    def post_with(token: str):
        request = rf.post("/comments/", HTTP_X_CSRFTOKEN=token)
        request.COOKIES["csrftoken"] = cookie.value
        middleware = CsrfViewMiddleware(lambda request: HttpResponse())
        middleware.process_request(request)
        return middleware.process_view(request, lambda request: HttpResponse(), (), {})

    assert post_with(response.json()["csrf_token"]) is None  # accepted
    assert post_with("x" * 64).status_code == 403


@pytest.mark.django_db
def test_fetched_challenge_verifies(client):
    data = client.get(URL).json()
    assert challenge_verify(token=data["token"], answer=str(solve(data["question"]))).ok


def test_challenge_is_described_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/challenge"]["get"]
    assert "challenge" in operation["tags"]
    properties = schema["components"]["schemas"]["ChallengeOut"]["properties"]
    assert set(properties) == {"question", "token", "expires_at", "csrf_token"}
    assert properties["expires_at"]["format"] == "date-time"
