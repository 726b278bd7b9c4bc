"""Fetching and parsing feeds the way a feed reader does."""

import json
from urllib.parse import urlsplit

import feedparser


def parse_feed(client, url: str):
    """The feed at ``url`` as feedparser reads it; fails the test unless it is well-formed."""
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, f"{url}: {parsed.get('bozo_exception')}"
    return parsed


def fetch_json_feed(client, url: str = "/feeds/json/") -> dict:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/feed+json")
    return json.loads(response.content)


def path_of(url: str) -> str:
    return urlsplit(url).path


def titles(parsed) -> list[str]:
    return [entry.title for entry in parsed.entries]
