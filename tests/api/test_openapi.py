"""``/api/v1/openapi.json``: the API describes itself."""

import json

import pytest

from tests.api.test_articles import ARTICLE_FIELDS


@pytest.fixture
def schema(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_schema_is_openapi_json_naming_the_api(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Gazette API"


def test_schema_lists_the_article_and_section_paths(schema):
    assert {
        "/api/v1/articles",
        "/api/v1/articles/{article_id}",
        "/api/v1/sections",
    } <= set(schema["paths"])
    for path in ("/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/sections"):
        assert "get" in schema["paths"][path]


def test_schema_documents_the_list_filters_and_paging(schema):
    parameters = schema["paths"]["/api/v1/articles"]["get"]["parameters"]

    assert {p["name"] for p in parameters if p["in"] == "query"} == {
        "section",
        "tag",
        "author",
        "page",
        "page_size",
    }


def resolve(schema, node):
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def response_schema(schema, path, status="200"):
    content = schema["paths"][path]["get"]["responses"][status]["content"]
    return resolve(schema, content["application/json"]["schema"])


def test_schema_describes_every_article_field(schema):
    page = response_schema(schema, "/api/v1/articles")
    article = resolve(schema, page["properties"]["results"]["items"])
    detail = response_schema(schema, "/api/v1/articles/{article_id}")
    dateline = resolve(schema, article["properties"]["dateline"])

    assert {"count", "page", "pages", "page_size", "next", "previous", "results"} <= set(
        page["required"]
    )
    assert ARTICLE_FIELDS <= set(article["required"])
    assert ARTICLE_FIELDS | {"body_html"} <= set(detail["required"])
    assert set(dateline["required"]) == {"place", "published_at", "display"}


def test_schema_documents_not_found_answers(schema):
    for path in ("/api/v1/articles", "/api/v1/articles/{article_id}"):
        not_found = response_schema(schema, path, "404")
        assert not_found["required"] == ["detail"]


def test_interactive_docs_page_is_served(client, db):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    assert b"openapi.json" in response.content
