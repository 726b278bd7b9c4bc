"""Run inside the stock Wagtail project: one published article under the home page.

The body has as many paragraphs and words as a `gazette bench_data` article, so both
pages carry the same text.
"""

import random

import django

django.setup()

from home.models import HomePage  # noqa: E402
from news.models import NewsArticlePage  # noqa: E402

WORDS = (
    "council budget river harbour station market school clinic bridge tram election court "
    "museum stadium water housing rent energy grid farmers festival library police weather"
).split()
rng = random.Random(5)


def sentence(words):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[:1].upper() + text[1:] + "."


home = HomePage.objects.get()
article = NewsArticlePage.objects.filter(slug="bench-article").first()
if article is None:
    body = "".join(f"<p>{sentence(24)}</p>" for _ in range(6))
    article = NewsArticlePage(title=sentence(9).rstrip("."), slug="bench-article", body=body)
    home.add_child(instance=article)
    article.save_revision().publish()
print("URL", article.url)
