from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def machine_time(moment) -> str:
    """A ``<time datetime>`` value: ISO 8601 to the second, in the site zone, with its offset.

    Python's microseconds are more digits than HTML's time syntax allows.
    """
    if not moment:
        return ""
    local = timezone.localtime(moment, timezone.get_default_timezone())
    return local.replace(microsecond=0).isoformat()
