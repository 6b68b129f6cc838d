import datetime as dt

import pytest

from faqs.helplines.opening_hours import (
    LONDON,
    HoursError,
    clock_text,
    describe_hours,
    is_bank_holiday,
    opening_status,
    parse_hours,
)

# The Family Rights Group advice line: Monday to Friday, 9.30am to 3pm, closed on bank holidays.
FRG = [{"days": "mon-fri", "opens": "09:30", "closes": "15:00"}]
WEEKENDS = [{"days": "sat-sun", "opens": "09:00", "closes": "18:00"}]
NSPCC = [
    {"days": "mon-fri", "opens": "08:00", "closes": "22:00"},
    {"days": "sat-sun", "opens": "09:00", "closes": "18:00"},
]


def london(*args):
    return dt.datetime(*args, tzinfo=LONDON)


def utc(*args):
    return dt.datetime(*args, tzinfo=dt.UTC)


def frg(now):
    return opening_status(now, FRG, closed_on_bank_holidays=True).text


@pytest.mark.parametrize(
    ("now", "text"),
    [
        (london(2026, 11, 23, 9, 29), "Closed - opens at 9.30am"),  # Monday, a minute before opening
        (london(2026, 11, 23, 9, 30), "Open now - closes at 3pm"),
        (london(2026, 11, 23, 9, 31), "Open now - closes at 3pm"),
        (london(2026, 11, 23, 14, 59), "Open now - closes at 3pm"),  # a minute before closing
        (london(2026, 11, 23, 15, 0), "Closed - opens tomorrow at 9.30am"),
        (london(2026, 11, 23, 15, 1), "Closed - opens tomorrow at 9.30am"),
        (london(2026, 11, 24, 2, 0), "Closed - opens at 9.30am"),  # the small hours
        (london(2026, 11, 26, 12, 0), "Open now - closes at 3pm"),  # a Thursday
    ],
)
def test_a_weekday_either_side_of_opening_and_closing(now, text):
    assert frg(now) == text


@pytest.mark.parametrize(
    "now",
    [london(2026, 11, 27, 15, 0), london(2026, 11, 28, 10, 0), london(2026, 11, 28, 23, 59)],
)
def test_at_the_weekend_a_weekday_service_opens_on_monday(now):
    assert frg(now) == "Closed - opens Monday 9.30am"
    assert frg(london(2026, 11, 29, 23, 59)) == "Closed - opens tomorrow at 9.30am"


def test_a_weekend_service_is_open_at_the_weekend_and_closed_in_the_week():
    assert opening_status(london(2026, 11, 28, 12, 0), WEEKENDS).text == "Open now - closes at 6pm"
    assert opening_status(london(2026, 11, 25, 12, 0), WEEKENDS).text == "Closed - opens Saturday 9am"


@pytest.mark.parametrize(
    ("now", "text"),
    [
        (london(2026, 12, 24, 16, 0), "Closed - opens Tuesday 9.30am"),  # Christmas Eve, after closing
        (london(2026, 12, 25, 10, 0), "Closed - opens Tuesday 9.30am"),  # Christmas Day, a Friday
        (london(2026, 12, 28, 10, 0), "Closed - opens tomorrow at 9.30am"),  # Boxing Day's substitute Monday
        (london(2026, 12, 29, 10, 0), "Open now - closes at 3pm"),
        (london(2027, 3, 25, 16, 0), "Closed - opens Tuesday 9.30am"),  # before Good Friday 2027
        (london(2027, 3, 29, 10, 0), "Closed - opens tomorrow at 9.30am"),  # Easter Monday 2027
        (london(2027, 12, 24, 16, 0), "Closed - opens Wednesday 9.30am"),  # Christmas 2027: two substitutes
    ],
)
def test_a_service_closed_on_bank_holidays_opens_on_the_next_working_day(now, text):
    assert frg(now) == text


def test_bank_holidays_in_england_and_wales():
    for day in (dt.date(2026, 12, 25), dt.date(2026, 12, 28), dt.date(2027, 3, 29), dt.date(2027, 3, 26)):
        assert is_bank_holiday(day)
    # Boxing Day 2026 is a Saturday: the bank holiday is the Monday after, not the Saturday itself.
    assert not is_bank_holiday(dt.date(2026, 12, 26))
    assert not is_bank_holiday(dt.date(2026, 12, 29))
    # St Andrew's Day is a bank holiday in Scotland only.
    assert not is_bank_holiday(dt.date(2026, 11, 30))


def test_a_service_that_keeps_its_hours_on_bank_holidays_is_open_on_them():
    assert opening_status(london(2026, 12, 25, 12, 0), NSPCC).text == "Open now - closes at 10pm"
    saturday_boxing_day = london(2026, 12, 26, 12, 0)
    assert opening_status(saturday_boxing_day, WEEKENDS, closed_on_bank_holidays=True).is_open


@pytest.mark.parametrize(
    ("now", "is_open"),
    [
        # Sunday 29 March 2026: clocks go forward at 1am. 9am is 8am UTC that morning.
        (utc(2026, 3, 29, 7, 59), False),
        (utc(2026, 3, 29, 8, 0), True),
        (utc(2026, 3, 29, 16, 59), True),  # 5.59pm BST
        (utc(2026, 3, 29, 17, 0), False),  # 6pm BST
        # The day before, still GMT: 9am is 9am UTC.
        (utc(2026, 3, 28, 8, 59), False),
        (utc(2026, 3, 28, 9, 0), True),
        # Sunday 25 October 2026: clocks go back at 2am. 9am is 9am UTC again.
        (utc(2026, 10, 24, 8, 0), True),  # Saturday, BST
        (utc(2026, 10, 25, 8, 59), False),
        (utc(2026, 10, 25, 9, 0), True),
        (utc(2026, 10, 25, 17, 59), True),
        (utc(2026, 10, 25, 18, 0), False),
    ],
)
def test_hours_are_london_wall_clock_time_in_gmt_and_bst(now, is_open):
    assert opening_status(now, WEEKENDS).is_open is is_open


def test_the_text_is_in_london_time_whatever_the_time_zone_asked_in():
    assert opening_status(utc(2026, 3, 29, 7, 0), WEEKENDS).text == "Closed - opens at 9am"
    assert opening_status(utc(2026, 3, 30, 20, 30), NSPCC).text == "Open now - closes at 10pm"
    assert opening_status(utc(2026, 3, 30, 21, 0), NSPCC).text == "Closed - opens tomorrow at 8am"


def test_an_overnight_period_runs_into_the_next_day_across_the_clock_change():
    nights = [{"days": "mon-sun", "opens": "22:00", "closes": "06:00"}]
    assert opening_status(london(2026, 11, 23, 21, 59), nights).text == "Closed - opens at 10pm"
    assert opening_status(london(2026, 11, 23, 23, 0), nights).text == "Open now - closes tomorrow at 6am"
    assert opening_status(london(2026, 11, 24, 5, 59), nights).text == "Open now - closes at 6am"
    assert not opening_status(london(2026, 11, 24, 6, 0), nights).is_open
    # Saturday 10pm GMT to Sunday 6am BST is only seven hours: 6am BST is 5am UTC.
    assert opening_status(utc(2026, 3, 29, 4, 59), nights).is_open
    assert not opening_status(utc(2026, 3, 29, 5, 0), nights).is_open


def test_closing_at_midnight_and_periods_that_run_on():
    late = [{"days": "mon-fri", "opens": "18:00", "closes": "24:00"}]
    assert opening_status(london(2026, 11, 23, 23, 0), late).text == "Open now - closes at midnight"
    every_hour = [{"days": "mon-sun", "opens": "00:00", "closes": "24:00"}]
    assert opening_status(london(2026, 11, 23, 23, 59), every_hour).text.startswith("Open now")


def test_a_next_opening_a_week_or_more_away_gives_the_date():
    mondays = [{"days": "mon", "opens": "10:00", "closes": "12:00"}]
    assert opening_status(london(2026, 11, 24, 9, 0), mondays).text == "Closed - opens Monday 10am"
    assert (
        opening_status(london(2026, 11, 23, 12, 0), mondays).text
        == "Closed - opens Monday 30 November at 10am"
    )


def test_always_open_and_unknown_hours():
    assert opening_status(london(2026, 12, 25, 3, 0), [], always_open=True).text == "Open 24 hours"
    assert opening_status(london(2026, 12, 25, 3, 0), []) is None


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        opening_status(dt.datetime(2026, 11, 23, 10, 0), FRG)


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ([{"days": "mon-fry", "opens": "09:30", "closes": "15:00"}], "not a day"),
        ([{"days": "mon-fri", "opens": "9:30", "closes": "15:00"}], "not a time"),
        ([{"days": "mon-fri", "opens": "09:30", "closes": "25:00"}], "not a time"),
        ([{"days": "mon-fri", "opens": "24:00", "closes": "02:00"}], "not a time"),
        ([{"days": "mon-fri", "opens": "09:00", "closes": "09:00"}], "same time"),
        ([{"days": "mon-fri", "opens": "09:00"}], "exactly"),
        ({"days": "mon-fri"}, "a list"),
    ],
)
def test_hours_that_cannot_be_understood_are_refused(hours, message):
    with pytest.raises(HoursError, match=message):
        parse_hours(hours)


def test_hours_in_words():
    assert describe_hours(FRG, closed_on_bank_holidays=True) == (
        "Monday to Friday, 9.30am to 3pm. Closed on bank holidays."
    )
    assert describe_hours(NSPCC) == "Monday to Friday, 8am to 10pm; Saturday and Sunday, 9am to 6pm."
    assert describe_hours([{"days": "mon-sun", "opens": "12:00", "closes": "24:00"}]) == (
        "Every day, midday to midnight."
    )
    assert describe_hours([]) == ""


def test_clock_text():
    texts = [clock_text(dt.time(h, m)) for h, m in ((9, 30), (9, 0), (12, 0), (12, 30), (0, 0), (15, 5))]
    assert texts == ["9.30am", "9am", "midday", "12.30pm", "midnight", "3.05pm"]
