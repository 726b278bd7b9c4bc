"""Cleaning what a reader typed before it reaches the search backend."""

from gazette.search.selectors import MAX_QUERY_LENGTH, clean_query, search_terms


def test_clean_query_drops_control_characters_and_trims():
    assert clean_query("  budget\x00vote\n\ttax ") == "budget vote tax"


def test_clean_query_cuts_long_input():
    assert len(clean_query("y" * 10_000)) == MAX_QUERY_LENGTH


def test_search_terms_split_on_punctuation_and_operators():
    assert search_terms('"budget" OR (vote*) -tax') == ["budget", "OR", "vote", "tax"]


def test_search_terms_keep_letters_of_any_script_and_their_marks():
    assert search_terms("می‌خواهم كِتاب") == ["می", "خواهم", "كِتاب"]


def test_search_terms_of_punctuation_alone_are_none():
    assert search_terms("<>'\";--") == []


def test_clean_query_cuts_between_words():
    cleaned = clean_query("budget " * 100)

    assert len(cleaned) <= MAX_QUERY_LENGTH
    assert set(cleaned.split()) == {"budget"}
