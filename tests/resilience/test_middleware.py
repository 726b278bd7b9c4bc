import json
import logging

import pytest
from django.core.handlers.exception import convert_exception_to_response
from django.db import OperationalError, ProgrammingError
from django.http import HttpResponse
from django.test import RequestFactory

from gazette.resilience import middleware
from gazette.resilience.middleware import DatabaseUnavailableMiddleware, Outage


class Clock:
    def __init__(self):
        self.now = 50.0

    def __call__(self):
        return self.now


@pytest.fixture(autouse=True)
def fresh_outage(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(middleware, "outage", Outage(clock=clock))
    return clock


def raising(error: Exception):
    def view(request):
        raise error

    return view


def through_view(request, error):
    """As Django runs a view: an exception goes to process_exception first."""
    handler = DatabaseUnavailableMiddleware(lambda r: HttpResponse("ok"))
    response = handler.process_exception(request, error)
    return response


def test_a_lost_database_is_a_503_page_with_retry_after(settings):
    settings.GAZETTE_RETRY_AFTER = 7
    request = RequestFactory().get("/world/a-story/", HTTP_ACCEPT="text/html")
    response = through_view(request, OperationalError("connection refused"))
    assert response.status_code == 503
    assert response["Retry-After"] == "7"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "<!DOCTYPE html>" in page and "try again in 7 seconds" in page
    assert "connection refused" not in page, "nothing about the fault reaches the client"


def test_the_api_gets_json():
    request = RequestFactory().post(
        "/api/v1/articles/3/comments", data=b'{"body": "Hi"}', content_type="application/json"
    )
    response = through_view(request, OperationalError("server closed the connection"))
    assert response.status_code == 503
    detail = json.loads(response.content)["detail"]
    assert "try again in 5 seconds" in detail
    assert "may not have been saved" in detail
    assert request._read_started, "the unread body is read, so the connection stays usable"


def test_other_database_errors_are_not_hidden():
    request = RequestFactory().get("/")
    assert through_view(request, ProgrammingError("no such column")) is None
    assert through_view(request, ValueError("bug")) is None


def test_an_outage_raised_in_another_middleware_is_a_503_too():
    # Django turns it into a 500 inside the inner middleware; the 500 is replaced.
    inner = convert_exception_to_response(raising(OperationalError("the database is shut down")))
    handler = DatabaseUnavailableMiddleware(inner)
    response = handler(RequestFactory().get("/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"


def test_a_bug_in_another_middleware_stays_a_500():
    inner = convert_exception_to_response(raising(ZeroDivisionError()))
    response = DatabaseUnavailableMiddleware(inner)(RequestFactory().get("/"))
    assert response.status_code == 500


def test_an_outage_is_logged_when_it_starts_and_when_it_ends(caplog, fresh_outage):
    handler = DatabaseUnavailableMiddleware(lambda r: HttpResponse("ok"))
    factory = RequestFactory()
    with caplog.at_level(logging.WARNING, logger="gazette.resilience"):
        full = OperationalError("database or disk is full")
        for _ in range(30):
            handler.process_exception(factory.get("/"), full)
        fresh_outage.now += 8
        handler(factory.get("/static/gazette.css"))  # files say nothing about the database
        handler(factory.get("/"))
        handler(factory.get("/"))
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2, messages
    assert "database or disk is full; free some disk space" in messages[0]
    assert "back after 8.0 s; 30 request(s) were answered 503" in messages[1]


@pytest.mark.django_db
def test_the_site_answers_503_when_its_database_refuses(client, monkeypatch):
    from gazette.articles.models import HomePage

    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(HomePage, "serve", refuse)
    from tests.factories import ensure_home

    ensure_home()
    response = client.get("/", HTTP_ACCEPT="text/html")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert b"Connection refused" not in response.content
