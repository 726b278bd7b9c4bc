"""Datelines: ``PLACE — Month d, YYYY - HH:MM`` in the site's zone (settings.TIME_ZONE)."""

from datetime import datetime

import pytest

from gazette.core.datelines import format_dateline, format_dateline_time
from tests.factories import aware

EM_DASH = "\N{EM DASH}"


def test_dateline_joins_upper_cased_place_and_time_with_an_em_dash(settings):
    settings.TIME_ZONE = "Asia/Tehran"

    text = format_dateline("Tehran", aware(2022, 5, 18, 16, 48))

    assert text == f"TEHRAN {EM_DASH} May 18, 2022 - 21:18"


def test_dateline_strips_and_upper_cases_the_place(settings):
    settings.TIME_ZONE = "UTC"

    assert format_dateline("  rio de janeiro ", aware(2024, 1, 5, 9, 3)).startswith(
        f"RIO DE JANEIRO {EM_DASH} "
    )


def test_dateline_keeps_a_non_latin_place_as_written(settings):
    settings.TIME_ZONE = "Asia/Tehran"

    assert format_dateline("تهران", aware(2022, 5, 18, 16, 48)) == (
        f"تهران {EM_DASH} May 18, 2022 - 21:18"
    )


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("UTC", "May 18, 2022 - 16:48"),
        ("Asia/Tehran", "May 18, 2022 - 21:18"),
        ("America/New_York", "May 18, 2022 - 12:48"),
        ("Europe/London", "May 18, 2022 - 17:48"),
    ],
)
def test_dateline_time_is_shown_in_the_site_zone(settings, zone, expected):
    settings.TIME_ZONE = zone

    assert format_dateline_time(aware(2022, 5, 18, 16, 48)) == expected


def test_dateline_time_does_not_depend_on_the_zone_the_datetime_carries(settings):
    settings.TIME_ZONE = "Asia/Tehran"
    instant_in_utc = aware(2022, 5, 18, 16, 48)
    same_instant_in_new_york = aware(2022, 5, 18, 12, 48, zone="America/New_York")

    assert format_dateline_time(instant_in_utc) == "May 18, 2022 - 21:18"
    assert format_dateline_time(same_instant_in_new_york) == "May 18, 2022 - 21:18"


def test_dateline_follows_a_time_zone_change_within_one_process(settings):
    # Django caches the default zone; the settings fixture's setting_changed signal resets it.
    moment = aware(2022, 5, 18, 16, 48)

    settings.TIME_ZONE = "Asia/Tehran"
    in_tehran = format_dateline_time(moment)
    settings.TIME_ZONE = "America/New_York"
    in_new_york = format_dateline_time(moment)

    assert (in_tehran, in_new_york) == ("May 18, 2022 - 21:18", "May 18, 2022 - 12:48")


@pytest.mark.parametrize(
    ("utc_instant", "expected"),
    [
        # 2024-03-10: New York springs forward from 02:00 EST to 03:00 EDT.
        ((2024, 3, 10, 6, 59), "March 10, 2024 - 01:59"),
        ((2024, 3, 10, 7, 0), "March 10, 2024 - 03:00"),
        # 2024-11-03: New York falls back from 02:00 EDT to 01:00 EST; 01:30 happens twice.
        ((2024, 11, 3, 5, 30), "November 3, 2024 - 01:30"),
        ((2024, 11, 3, 6, 30), "November 3, 2024 - 01:30"),
        ((2024, 11, 3, 7, 0), "November 3, 2024 - 02:00"),
    ],
)
def test_dateline_uses_site_zone_across_new_york_dst_changes(settings, utc_instant, expected):
    settings.TIME_ZONE = "America/New_York"

    assert format_dateline_time(aware(*utc_instant)) == expected


@pytest.mark.parametrize(
    ("utc_instant", "expected"),
    [
        ((2024, 3, 10, 6, 59), "2024-03-10 01:59 EST"),
        ((2024, 3, 10, 7, 0), "2024-03-10 03:00 EDT"),
        ((2024, 11, 3, 7, 0), "2024-11-03 02:00 EST"),
    ],
)
def test_custom_dateline_format_names_the_zone_in_effect(settings, utc_instant, expected):
    # Django's "T" is blank for a wall time that occurs twice (01:30 on 2024-11-03), so
    # those instants are left out here: the hour shown is still right (test above).
    settings.TIME_ZONE = "America/New_York"
    settings.GAZETTE_DATELINE_FORMAT = "Y-m-d H:i T"

    assert format_dateline_time(aware(*utc_instant)) == expected


@pytest.mark.parametrize(
    ("utc_instant", "expected"),
    [
        # 2024-03-31, the last Sunday of March: London goes from 01:00 GMT to 02:00 BST.
        ((2024, 3, 31, 0, 59), "NEWS — March 31, 2024 - 00:59"),
        ((2024, 3, 31, 1, 0), "NEWS — March 31, 2024 - 02:00"),
        # 2024-10-27, the last Sunday of October: back from 02:00 BST to 01:00 GMT.
        ((2024, 10, 27, 0, 30), "NEWS — October 27, 2024 - 01:30"),
        ((2024, 10, 27, 1, 30), "NEWS — October 27, 2024 - 01:30"),
        ((2024, 10, 27, 2, 0), "NEWS — October 27, 2024 - 02:00"),
    ],
)
def test_dateline_uses_site_zone_across_london_dst_changes(settings, utc_instant, expected):
    settings.TIME_ZONE = "Europe/London"

    assert format_dateline("News", aware(*utc_instant)) == expected


def test_tehran_dateline_uses_the_zone_database_not_a_fixed_offset(settings):
    # Iran kept summer time in 2022 (+04:30) and dropped it from 2023 on (+03:30 all year).
    settings.TIME_ZONE = "Asia/Tehran"

    assert format_dateline_time(aware(2022, 5, 18, 16, 48)) == "May 18, 2022 - 21:18"
    assert format_dateline_time(aware(2023, 5, 18, 16, 48)) == "May 18, 2023 - 20:18"
    assert format_dateline_time(aware(2024, 1, 10, 16, 48)) == "January 10, 2024 - 20:18"


def test_dateline_uses_the_configured_format(settings):
    settings.TIME_ZONE = "Asia/Tehran"
    settings.GAZETTE_DATELINE_FORMAT = "Y-m-d H:i"

    assert format_dateline("Tehran", aware(2022, 5, 18, 16, 48)) == (
        f"TEHRAN {EM_DASH} 2022-05-18 21:18"
    )


def test_dateline_format_given_by_the_caller_wins_over_the_setting(settings):
    settings.TIME_ZONE = "UTC"
    settings.GAZETTE_DATELINE_FORMAT = "Y-m-d H:i"

    assert format_dateline("Kabul", aware(2022, 5, 18, 16, 48), fmt="j M Y") == (
        f"KABUL {EM_DASH} 18 May 2022"
    )


def test_dateline_refuses_a_naive_datetime():
    with pytest.raises(ValueError, match="timezone-aware"):
        format_dateline("Tehran", datetime(2022, 5, 18, 16, 48))


def test_dateline_time_refuses_a_naive_datetime():
    with pytest.raises(ValueError, match="timezone-aware"):
        format_dateline_time(datetime(2022, 5, 18, 16, 48))


@pytest.mark.parametrize("place", ["", "   ", None])
def test_dateline_without_a_place_is_just_the_time(settings, place):
    settings.TIME_ZONE = "Asia/Tehran"

    assert format_dateline(place, aware(2022, 5, 18, 16, 48)) == "May 18, 2022 - 21:18"


def test_dateline_without_a_time_is_just_the_place():
    assert format_dateline("Tehran", None) == "TEHRAN"


def test_dateline_without_place_or_time_is_empty():
    assert format_dateline("", None) == ""
