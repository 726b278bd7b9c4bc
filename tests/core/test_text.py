"""Language tags and the text direction pages are laid out in."""

import pytest

from gazette.core.text import is_language_tag, text_direction


@pytest.mark.parametrize("language", ["fa", "ar", "he", "ur", "fa-IR", "AR", "ar-EG"])
def test_right_to_left_languages_read_rtl(language):
    assert text_direction(language) == "rtl"


@pytest.mark.parametrize("language", ["en", "pt-BR", "de", "zh-Hant-TW", "en-GB"])
def test_left_to_right_languages_read_ltr(language):
    assert text_direction(language) == "ltr"


def test_latin_script_persian_reads_ltr():
    assert text_direction("fa-Latn") == "ltr"


def test_arabic_script_kurdish_reads_rtl():
    assert text_direction("ku-Arab") == "rtl"


def test_kurdish_in_latin_script_reads_ltr():
    assert text_direction("ku-Latn") == "ltr"


@pytest.mark.parametrize("language", ["", None])
def test_missing_language_uses_the_site_default_direction(settings, language):
    settings.LANGUAGE_CODE = "fa"
    assert text_direction(language) == "rtl"

    settings.LANGUAGE_CODE = "en"
    assert text_direction(language) == "ltr"


@pytest.mark.parametrize("tag", ["en", "fa", "pt-BR", "zh-Hant-TW", "sr-Latn-RS", "es-419"])
def test_well_formed_language_tags_are_accepted(tag):
    assert is_language_tag(tag)


@pytest.mark.parametrize(
    "value",
    ["", "english", "en_", "en_US", "<script>", "e", "en-", "-en", "en US", '" onload="x'],
)
def test_malformed_language_tags_are_rejected(value):
    assert not is_language_tag(value)


def test_language_tag_with_a_trailing_newline_is_rejected():
    # The value ends up in <html lang="...">; full_clean must not let it through.
    assert not is_language_tag("en\n")
