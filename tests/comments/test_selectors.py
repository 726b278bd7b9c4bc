import pytest

from gazette.comments.selectors import comment_counts, comment_thread
from tests.comments.helpers import submit
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def test_replies_nest_three_deep_and_deeper_ones_show_flat_in_their_thread(settings):
    settings.GAZETTE_COMMENT_MAX_DEPTH = 3
    article = make_article(section=make_section(default_comment_mode="open"))
    ids = []
    parent = None
    for level in range(6):
        comment = submit(article, f"level {level}", parent_id=parent).comment
        ids.append(comment.pk)
        parent = comment.pk

    [root] = comment_thread(article)

    level1 = root.replies[0]
    level2 = level1.replies[0]
    level3 = level2.replies[0]
    assert [node.depth for node in (root, level1, level2, level3)] == [0, 1, 2, 3]
    flat = [node.comment.pk for node in level2.replies]
    assert flat == ids[3:], "levels 4 and 5 sit beside level 3, oldest first"
    assert level2.replies[1].reply_to.pk == ids[3]


def test_counts_for_many_articles_in_one_query(django_assert_num_queries):
    section = make_section(default_comment_mode="open")
    first, second, quiet = (make_article(section=section) for _ in range(3))
    submit(first, "a")
    submit(first, "b")
    submit(second, "c")

    with django_assert_num_queries(1):
        counts = comment_counts([first.pk, second.pk, quiet.pk])

    assert counts == {first.pk: 2, second.pk: 1, quiet.pk: 0}
