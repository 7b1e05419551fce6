import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from phrom.core.thaidates import buddhist_year, fiscal_year, fiscal_year_bounds, format_date

UTC = datetime.UTC


@pytest.fixture
def thai():
    with translation.override("th"):
        yield


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_thai_date_is_buddhist_era_with_thai_month(thai):
    assert format_date(datetime.date(2020, 6, 30)) == "30 มิถุนายน 2563"
    assert format_date(datetime.date(2021, 1, 5)) == "5 มกราคม 2564"
    assert format_date(datetime.date(2020, 12, 31)) == "31 ธันวาคม 2563"


def test_thai_short_date(thai):
    assert format_date(datetime.date(2020, 6, 30), short=True) == "30 มิ.ย. 63"


def test_thai_digits(thai):
    assert format_date(datetime.date(2020, 6, 30), thai_digits=True) == "๓๐ มิถุนายน ๒๕๖๓"


def test_english_date_is_gregorian(english):
    assert format_date(datetime.date(2020, 6, 30)) == "30 June 2020"
    assert format_date(datetime.date(2020, 6, 30), short=True) == "30 Jun 2020"


def test_aware_datetime_is_shown_in_bangkok_time(thai):
    # 20:00 UTC on 29 June is 03:00 on 30 June in Bangkok (UTC+7): the day changes too.
    moment = datetime.datetime(2020, 6, 29, 20, 0, tzinfo=UTC)
    assert format_date(moment) == "30 มิถุนายน 2563"
    assert format_date(moment, with_time=True) == "30 มิถุนายน 2563 03:00 น."


def test_aware_datetime_in_english(english):
    moment = datetime.datetime(2020, 6, 29, 20, 0, tzinfo=UTC)
    assert format_date(moment, with_time=True) == "30 June 2020 03:00"


def test_empty_values_are_blank(thai):
    assert format_date(None) == ""
    assert format_date("") == ""


def test_buddhist_year():
    assert buddhist_year(2020) == 2563
    assert buddhist_year(1957) == 2500


@pytest.mark.parametrize(
    "day, expected",
    [
        (datetime.date(2020, 9, 30), 2563),
        (datetime.date(2020, 10, 1), 2564),
        (datetime.date(2020, 1, 1), 2563),
        (datetime.date(2020, 12, 31), 2564),
        (datetime.date(2019, 10, 1), 2563),
    ],
)
def test_fiscal_year_starts_on_1_october(day, expected):
    assert fiscal_year(day) == expected


def test_fiscal_year_bounds():
    assert fiscal_year_bounds(2563) == (datetime.date(2019, 10, 1), datetime.date(2020, 9, 30))
    assert fiscal_year_bounds(2564) == (datetime.date(2020, 10, 1), datetime.date(2021, 9, 30))


@pytest.mark.parametrize("day", [datetime.date(2019, 10, 1), datetime.date(2020, 3, 15), datetime.date(2020, 9, 30)])
def test_every_day_lies_within_its_fiscal_years_bounds(day):
    start, end = fiscal_year_bounds(fiscal_year(day))
    assert start <= day <= end


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_template_filters(thai):
    day = datetime.date(2020, 6, 30)
    assert render("{{ d|thaidate }}", d=day) == "30 มิถุนายน 2563"
    assert render('{{ d|thaidate:"short" }}', d=day) == "30 มิ.ย. 63"
    assert render('{{ d|thaidate:"digits" }}', d=day) == "๓๐ มิถุนายน ๒๕๖๓"
    assert render("{{ d|fiscalyear }}", d=datetime.date(2020, 10, 1)) == "2564"
    moment = datetime.datetime(2020, 6, 29, 20, 0, tzinfo=UTC)
    assert render('{{ m|thaidate:"time" }}', m=moment) == "30 มิถุนายน 2563 03:00 น."
    assert render("{{ d|thaidate }}", d=None) == ""


def test_template_filter_in_english(english):
    assert render("{{ d|thaidate }}", d=datetime.date(2020, 6, 30)) == "30 June 2020"


def test_minutes_filter():
    assert render("{{ t|minutes }}", t=datetime.timedelta(minutes=15)) == "15"
    assert render("{{ t|minutes }}", t=datetime.timedelta(seconds=61)) == "2"
    assert render("{{ t|minutes }}", t=datetime.timedelta(seconds=5)) == "1"
