"""Language tags and text direction."""

import re

from django.conf import settings

# RFC 5646 in outline: a 2-3 letter language, then optional script, region and variants.
BCP47 = re.compile(
    r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$"
)
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku-arab", "ps", "sd", "ug", "ur", "yi"}
)
RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand"})
LTR_SCRIPTS_OF_RTL_LANGUAGES = frozenset({"latn", "cyrl"})


def is_language_tag(value: str) -> bool:
    return bool(BCP47.fullmatch(value or ""))


def text_direction(language: str | None) -> str:
    """``"rtl"`` or ``"ltr"`` for a BCP 47 tag; unknown or empty tags read left to right.

    The script subtag wins over the language: ``ku-Arab`` is rtl, ``az-Latn`` is ltr.
    """
    if not language:
        language = settings.LANGUAGE_CODE
    parts = language.lower().replace("_", "-").split("-")
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    if script in RTL_SCRIPTS:
        return "rtl"
    if script in LTR_SCRIPTS_OF_RTL_LANGUAGES:
        return "ltr"
    return "rtl" if parts[0] in RTL_LANGUAGES else "ltr"
