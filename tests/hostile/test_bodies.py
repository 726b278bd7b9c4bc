"""Hostile request bodies: too large, badly encoded, deeply nested, of unknown types.

Each gets a 4xx with a message a client can act on, nothing is stored, and a body refused
for its size is never read.
"""

import json

import pytest

from gazette.comments.models import Comment
from tests.comments.helpers import solved_challenge
from tests.hostile.conftest import CountingInput

MiB = 1024 * 1024


def api_url(article) -> str:
    return f"/api/v1/articles/{article.pk}/comments"


def form_url(article) -> str:
    return f"/comments/{article.pk}/post/"


def comment_json(**fields) -> bytes:
    payload = {"author_name": "Parvin", "body": "A fair point.", **solved_challenge(), **fields}
    return json.dumps(payload).encode()


def post_raw(client, url, body: bytes, content_type: str, **extra):
    return client.generic("POST", url, body, content_type=content_type, **extra)


# --- Size ---------------------------------------------------------------------------------


def test_a_one_mebibyte_json_comment_is_413_and_never_read(client, newsroom):
    body = comment_json(body="x" * MiB)
    stream = CountingInput(body)

    response = client.post(
        api_url(newsroom),
        data=b"",
        content_type="application/json",
        CONTENT_LENGTH=str(len(body)),
        **{"wsgi.input": stream},
    )

    assert response.status_code == 413
    assert response.json()["detail"] == (
        "This request is too large: at most 262144 bytes are accepted."
    )
    assert stream.read_bytes == 0
    assert not Comment.objects.filter(author_name="Parvin").exists()


def test_a_ten_mebibyte_form_is_413_and_never_read(client, newsroom):
    body = b"author_name=Parvin&body=" + b"x" * (10 * MiB)
    stream = CountingInput(body)

    response = client.post(
        form_url(newsroom),
        data=b"",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(len(body)),
        **{"wsgi.input": stream},
    )

    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/plain")
    assert b"too large" in response.content
    assert stream.read_bytes == 0
    assert not Comment.objects.filter(author_name="Parvin").exists()


def test_a_body_sent_in_full_is_refused_the_same_way(client, newsroom):
    response = post_raw(
        client, api_url(newsroom), comment_json(body="x" * MiB), "application/json"
    )
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def test_a_body_under_the_limit_reaches_the_form_which_judges_its_length(client, newsroom):
    response = post_raw(
        client, api_url(newsroom), comment_json(body="x" * 100_000), "application/json"
    )

    assert response.status_code == 400
    assert "body" in response.json()["errors"]


def test_the_limit_follows_the_setting(client, newsroom, settings, no_limits):
    settings.GAZETTE_MAX_BODY_SIZE = 2048

    small = post_raw(client, api_url(newsroom), comment_json(), "application/json")
    large = post_raw(client, api_url(newsroom), comment_json(body="y" * 3000), "application/json")

    assert small.status_code == 201, small.content
    assert large.status_code == 413
    assert large.json()["detail"].endswith("at most 2048 bytes are accepted.")


def test_the_admin_takes_uploads_larger_than_reader_pages_up_to_its_own_limit(
    client, db, settings
):
    settings.GAZETTE_MAX_ADMIN_BODY_SIZE = 4 * MiB
    upload = CountingInput(b"")
    under = client.post(
        "/admin/login/",
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(3 * MiB),
        **{"wsgi.input": upload},
    )
    over = client.post(
        "/admin/login/",
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(5 * MiB),
        **{"wsgi.input": CountingInput(b"")},
    )

    assert under.status_code != 413
    assert over.status_code == 413


@pytest.mark.parametrize("length", ["abc", "-1", "1e6", "0x10"])
def test_a_content_length_that_is_not_a_number_is_400(client, newsroom, length):
    response = client.post(
        api_url(newsroom),
        data=b"",
        content_type="application/json",
        CONTENT_LENGTH=length,
        **{"wsgi.input": CountingInput(b"{}")},
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "The Content-Length header is not a number."


# --- Encoding -----------------------------------------------------------------------------


def test_invalid_utf8_json_is_400_naming_the_encoding(client, newsroom):
    body = comment_json(body="caf\u00e9").replace(b"caf\\u00e9", b"caf\xe9\xff")

    response = post_raw(client, api_url(newsroom), body, "application/json")

    assert response.status_code == 400
    assert response.json()["detail"] == "The request body is not valid UTF-8."
    assert not Comment.objects.filter(author_name="Parvin").exists()


def test_invalid_utf8_in_a_form_post_does_not_break_the_page(client, newsroom):
    body = b"author_name=Parv%FFin&body=caf%E9%FF&challenge_token=x&challenge_answer=1"

    response = post_raw(client, form_url(newsroom), body, "application/x-www-form-urlencoded")

    assert response.status_code < 500
    assert not Comment.objects.filter(author_name__startswith="Parv").exists()


@pytest.mark.parametrize("field", ["author_name", "email", "body", "challenge_answer"])
def test_nul_characters_in_json_fields_are_a_field_error(client, newsroom, no_limits, field):
    value = {
        "author_name": "Par\x00vin",
        "email": "a\x00@example.com",
        "body": "Fair\x00 point.",
        "challenge_answer": "1\x00",
    }

    response = post_raw(
        client, api_url(newsroom), comment_json(**{field: value[field]}), "application/json"
    )

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Comment.objects.filter(author_name__startswith="Par").exists()


def test_a_raw_nul_byte_in_the_json_text_is_invalid_json(client, newsroom):
    body = comment_json(body="PLACEHOLDER").replace(b"PLACEHOLDER", b"a\x00b")

    response = post_raw(client, api_url(newsroom), body, "application/json")

    assert response.status_code == 400
    assert response.json()["detail"] == "The request body is not valid JSON."


# --- Shape --------------------------------------------------------------------------------


@pytest.mark.parametrize("opener,closer", [("[", "]"), ('{"a":', "}")])
def test_deeply_nested_json_is_400_not_a_crash(client, newsroom, opener, closer):
    depth = 40_000  # deep enough for any parser's stack, within the size limit
    body = (opener * depth + "1" + closer * depth).encode()

    response = post_raw(client, api_url(newsroom), body, "application/json")

    assert response.status_code == 400
    assert response.json()["detail"] == "The request body is not valid JSON."


def test_nested_values_inside_the_comment_are_field_errors(client, newsroom):
    nested = json.loads("[" * 200 + "]" * 200)

    response = post_raw(
        client, api_url(newsroom), comment_json(author_name=nested, body={"a": nested}),
        "application/json",
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]) >= {"author_name", "body"}


@pytest.mark.parametrize("body", [b"[]", b'"text"', b"42", b"null", b" "])
def test_json_that_is_not_an_object_is_400(client, newsroom, body):
    response = post_raw(client, api_url(newsroom), body, "application/json")

    assert response.status_code == 400
    assert response.json()["detail"] in {
        "The request body must be a JSON object.",
        "The request body is not valid JSON.",
    }


# --- Content types ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/octet-stream",
        "",
    ],
)
def test_the_api_takes_comments_only_as_json(client, newsroom, content_type):
    response = post_raw(client, api_url(newsroom), comment_json(), content_type)

    assert response.status_code == 415
    assert response.json()["detail"] == (
        "Send the comment as JSON: Content-Type: application/json."
    )


@pytest.mark.parametrize(
    "content_type", ["application/json", "text/plain", "application/xml", "image/png"]
)
def test_the_comment_form_takes_only_form_encodings(client, newsroom, content_type):
    response = post_raw(client, form_url(newsroom), comment_json(), content_type)

    assert response.status_code == 415
    assert b"application/x-www-form-urlencoded or multipart/form-data" in response.content
    assert not Comment.objects.filter(author_name="Parvin").exists()


def test_an_empty_post_to_the_form_still_gets_the_form_page(client, newsroom):
    response = client.post(form_url(newsroom))

    assert response.status_code == 200
    assert b"<form" in response.content


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_methods_the_api_does_not_offer_are_405(client, newsroom, method):
    response = getattr(client, method)(
        api_url(newsroom), data=b"{}", content_type="application/json"
    )

    assert response.status_code == 405
