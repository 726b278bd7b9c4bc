import json
import threading

import pytest
from django.db import connection
from django.test import Client

from gazette.comments.models import Comment
from tests.comments.helpers import solved_challenge
from tests.factories import make_article, make_section

SUBMISSIONS = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_posts_of_one_solved_token_store_exactly_one_comment():
    article = make_article(section=make_section(default_comment_mode="open"))
    payload = json.dumps(
        {"author_name": "Racer", "body": "Only once, please.", **solved_challenge()}
    )
    start = threading.Barrier(SUBMISSIONS)
    statuses = []

    def post():
        client = Client()
        start.wait()
        try:
            response = client.post(
                f"/api/v1/articles/{article.pk}/comments", payload, content_type="application/json"
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(SUBMISSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(statuses) == SUBMISSIONS
    assert sorted(statuses) == [201] + [400] * (SUBMISSIONS - 1)
    assert Comment.objects.count() == 1
