"""Demo comments: threads on open articles, a long one, a queue for moderators, some spam.

The text is assembled from short original phrases with a seeded generator, so every run
produces the same conversations.
"""

import hashlib
import random
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from gazette.comments.models import Comment, CommentStatus, ModerationLogEntry, WordRule
from gazette.comments.rendering import body_fingerprint, render_comment

NAMES = [
    "Ana Lima",
    "Tomasz W.",
    "Grace O.",
    "Reza",
    "Mei Chen",
    "Jonas Berg",
    "Priya N.",
    "Kwame Mensah",
    "Lucía Ortega",
    "Olek",
    "Sara Haddad",
    "Daniel K.",
    "Ife Adeyemi",
    "Marta Rossi",
    "Hiro T.",
    "Nadia",
    "Carlos M.",
    "Elif Demir",
    "Sam Okafor",
    "Birgit L.",
    "Yusuf A.",
    "Chloé",
    "Ravi S.",
    "Helena V.",
]
OPENERS = [
    "Good piece.",
    "This matches what I see in my neighbourhood.",
    "Thanks for covering this.",
    "I'm not convinced.",
    "Useful background, especially the numbers.",
    "Finally someone asked.",
    "Interesting, but one thing is missing.",
    "As someone who works in this field:",
    "My family has lived here for decades.",
    "Clear and fair reporting.",
]
MIDDLES = [
    "The council has promised this before and *nothing changed*.",
    "What happens to people who can't afford the change?",
    "The figures in the third paragraph are **worth reading twice**.",
    "Small businesses will feel this first.",
    "I'd like to know who pays for the maintenance in five years.",
    "The pilot in the next district worked better than anyone expected.",
    "Public meetings were held at times when most people were at work.",
    "It would help to see the full report, not only the summary.",
    "Young people were barely consulted.",
    "This is a long-term problem that needs a long-term plan.",
]
CLOSERS = [
    "Please keep following this story.",
    "Hoping for an update next month.",
    "Would love a follow-up with residents.",
    "Let's see what the vote brings.",
    "The full report is [on the council's site](https://example.org/report).",
    "",
    "",
    "",
]
REPLIES = [
    "Fair point, though the article does mention the cost.",
    "> What happens to people who can't afford the change?\n\nThat is the real question.",
    "I had the same experience last winter.",
    "Not sure that's right: the numbers were revised in `2024`.",
    "Agreed. The last plan was quietly dropped.",
    "Source? I'd like to read more.",
    "Thanks, I hadn't thought of it that way.",
    "This is exactly why local reporting matters.",
]
PERSIAN = [
    "ممنون از این گزارش دقیق.",
    "کاش این نمایشگاه در شهرهای دیگر هم برگزار شود.",
    "عکس‌های قدیمی همیشه خاطره‌انگیزند.",
]
HELD = [
    (
        "Sara Haddad",
        "Is anyone from the water utility reading this? "
        "The pressure in our building has been low for weeks.",
    ),
    ("Olek", "First time commenting here. The bus changes made my commute twice as long."),
    ("Priya N.", "The report linked above contradicts the minister's statement."),
    ("Jonas Berg", "Could you publish the full list of districts affected?"),
]
SPAM = [
    (
        "Best Deals",
        "Cheap watches!!! [click](https://example.com/a) [here](https://example.com/b) "
        "https://example.com/c https://example.com/d https://example.com/e https://example.com/f",
    ),
    ("casino king", "Win big at the casino tonight, visit now"),
    ("Crypto Bot", "Double your crypto in 24 hours, guaranteed returns"),
]

THREADS = {  # article slug → number of comments
    "glasgow-low-emission-zone-review": 64,
    "marseille-street-football-tournament": 0,  # premoderated: gets a pending comment instead
    "hanoi-water-puppeteers-train-new-generation": 9,
    "krakow-festival-puts-translators-on-stage": 7,
    "kigali-independent-cinema-opens": 11,
    "chicago-library-digitises-lost-blues-tapes": 8,
    "lima-chefs-revive-native-potato-varieties": 6,
    "tehran-asks-residents-to-cut-water-use": 5,  # closed: the thread stays readable
}
PENDING_ON = [
    "nairobi-eases-water-rationing",
    "lisbon-council-caps-short-term-rentals",
    "marseille-street-football-tournament",
    "jakarta-pumps-and-sea-wall-north-districts",
]


def _body(rng: random.Random) -> str:
    parts = [rng.choice(OPENERS), rng.choice(MIDDLES), rng.choice(CLOSERS)]
    text = " ".join(part for part in parts if part)
    if rng.random() < 0.25:
        text += "\n\n" + rng.choice(MIDDLES)
    return text


def _create(article, *, name, body, status, created_at, parent=None, reasons=()) -> Comment:
    digest = hashlib.sha256(name.encode()).digest()
    comment = Comment.objects.create(
        article=article,
        parent=parent,
        author_name=name,
        body=body,
        body_html=render_comment(body),
        body_hash=body_fingerprint(body),
        status=status,
        spam_score=sum(reason["score"] for reason in reasons),
        spam_reasons=list(reasons),
        ip_prefix=f"2001:db8:{digest[0]:x}{digest[1]:02x}::/48",
        user_agent="demo",
        created_at=created_at,
    )
    ModerationLogEntry.objects.create(
        comment=comment,
        actor_label="demo",
        action="submit",
        to_status=status,
        created_at=created_at,
    )
    return comment


def _thread(article, count: int, rng: random.Random, now: datetime) -> int:
    start = article.published_at or now - timedelta(days=1)
    span = max((now - start).total_seconds() - 60, 60)
    made: list[Comment] = []
    for index in range(count):
        created = start + timedelta(seconds=span * (index + 1) / (count + 1))
        parent = None
        if made and rng.random() < 0.45:
            # Reply mostly to recent comments, so some chains go deeper than the nesting limit.
            parent = made[-1] if rng.random() < 0.5 else rng.choice(made)
        body = rng.choice(REPLIES) if parent else _body(rng)
        if article.language.startswith("fa"):
            body = rng.choice(PERSIAN)
        made.append(
            _create(
                article,
                name=rng.choice(NAMES),
                body=body,
                status=CommentStatus.APPROVED,
                created_at=created,
                parent=parent,
            )
        )
    return len(made)


@transaction.atomic
def load_demo_comments(articles_by_slug: dict, *, now: datetime | None = None) -> int:
    """Create the demo conversations once; returns how many comments were made (0 if any exist)."""
    if Comment.objects.exists():
        return 0
    now = now or timezone.now()
    rng = random.Random("gazette-demo-comments")
    WordRule.objects.get_or_create(word="casino", kind=WordRule.Kind.BANNED)
    WordRule.objects.get_or_create(word="crypto", kind=WordRule.Kind.SUSPECT)
    made = 0
    for slug, count in THREADS.items():
        if slug in articles_by_slug and count:
            made += _thread(articles_by_slug[slug], count, rng, now)
    persian = next((a for a in articles_by_slug.values() if a.language.startswith("fa")), None)
    if persian is not None:
        made += _thread(persian, 3, rng, now)
    held = {
        "action": "hold",
        "check": "first_time",
        "reason": "First comment from this commenter.",
        "score": 0.1,
    }
    for slug, (name, body) in zip(PENDING_ON, HELD, strict=False):
        if slug in articles_by_slug:
            _create(
                articles_by_slug[slug],
                name=name,
                body=body,
                status=CommentStatus.PENDING,
                created_at=now - timedelta(minutes=rng.randint(5, 300)),
                reasons=[held],
            )
            made += 1
    target = articles_by_slug.get("glasgow-low-emission-zone-review")
    for name, body in SPAM if target else []:
        reason = {"action": "reject", "check": "links", "reason": "Too many links.", "score": 1.0}
        _create(
            target,
            name=name,
            body=body,
            status=CommentStatus.SPAM,
            created_at=now - timedelta(minutes=rng.randint(5, 600)),
            reasons=[reason],
        )
        made += 1
    return made
