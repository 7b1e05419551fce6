"""One formatter for a plan's values: the plan pages, the submission page and the printed plan
tell the same value in the same words."""

import copy
import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from phrom.documents.context import print_context
from phrom.documents.sample import typical_header
from phrom.plans.codes import Category, ImpactLevel
from phrom.plans.formatting import (
    choice_label,
    date_text,
    duration_text,
    format_thai_date,
    number_text,
    own_scenario_name,
    parse_duration,
    parse_number,
    parse_thai_date,
    split_duration,
)
from phrom.plans.services import create_plan
from tests.helpers.plans import FULL


@pytest.mark.parametrize(
    ("hours", "text"),
    [(4, "4 ชั่วโมง"), (24, "1 วัน"), (168, "1 สัปดาห์"), (336, "2 สัปดาห์"), (720, "1 เดือน"), (1440, "2 เดือน"),
     (36, "36 ชั่วโมง"), (0.5, "30 นาที"), (1.5, "1.5 ชั่วโมง"), ("720", "1 เดือน"), (None, ""), ("", "")],
)
def test_durations_in_the_largest_whole_unit(hours, text):
    assert duration_text(hours) == text


def test_durations_in_english_agree_in_number():
    with translation.override("en"):
        assert duration_text(720) == "1 month"
        assert duration_text(1440) == "2 months"
        assert duration_text(4) == "4 hours"


@pytest.mark.parametrize(("hours", "typed"), [(720, ("1", "month")), (36, ("36", "hour")), (48, ("2", "day")),
                                              (None, ("", "hour")), (2.5, ("2.5", "hour"))])
def test_a_duration_is_typed_as_number_and_unit(hours, typed):
    assert split_duration(hours) == typed


@pytest.mark.parametrize("amount,unit,hours", [
    (4, "hour", 4), (1, "วัน", 24), (2, "สัปดาห์", 336), (1, "เดือน", 720), ("1.5", "day", 36),
])
def test_durations_from_number_and_unit(amount, unit, hours):
    assert parse_duration(amount, unit) == hours


@pytest.mark.parametrize("amount,unit", [(0, "day"), (-1, "hour"), (1, "fortnight"), ("abc", "day")])
def test_bad_durations_refused(amount, unit):
    with pytest.raises(ValueError):
        parse_duration(amount, unit)


def test_numbers_read_as_typed():
    assert number_text(1500) == "1500" and number_text(2.0) == "2" and number_text(12.345) == "12.345"
    assert number_text(None) == "" and parse_number("1,500") == 1500 and parse_number("2.5") == 2.5
    with pytest.raises(ValueError):
        parse_number("inf")


def test_dates_in_the_buddhist_era():
    assert format_thai_date("2025-10-15") == "15/10/2568"
    assert parse_thai_date("๑๕/๑๐/๒๕๖๘") == datetime.date(2025, 10, 15)
    assert parse_thai_date("2025-10-15") == datetime.date(2025, 10, 15)
    assert date_text("2025-10-15") == "15 ตุลาคม 2568" and date_text(None) == "" and format_thai_date("") == ""


def test_codes_read_as_their_labels():
    assert choice_label(ImpactLevel, "high") == str(ImpactLevel.HIGH.label)
    assert choice_label(Category, "unknown") == "unknown" and choice_label(Category, None) == ""


# ---- the same value on every page


@pytest.fixture
def month_plan(structure, coordinator):
    doc = copy.deepcopy(FULL)
    doc["processes"][0]["mtpd_hours"] = 720
    return create_plan(structure.rayong_unit, user=coordinator, fiscal_year=2569, template=doc)


def test_a_month_on_the_plan_page(client, coordinator, month_plan):
    client.force_login(coordinator)
    page = client.get(reverse("plans:version", args=[month_plan.pk, 1])).content.decode()
    assert "1 เดือน" in page and "720" not in page


def test_a_month_on_the_printed_plan():
    doc = copy.deepcopy(FULL)
    doc["processes"][0]["mtpd_hours"] = 720
    assert print_context(doc, typical_header())["bia"]["rows"][0]["mtpd"] == "1 เดือน"
    assert print_context(doc, typical_header(), thai_digits=True)["bia"]["rows"][0]["mtpd"] == "๑ เดือน"


def test_a_scenario_the_plan_adds_is_named_in_the_request_language():
    own = {"code": "x-landslide", "name_th": "ดินถล่ม", "name_en": "Landslide"}
    assert own_scenario_name(own) == "ดินถล่ม"
    with translation.override("en"):
        assert own_scenario_name(own) == "Landslide"
        assert own_scenario_name({**own, "name_en": ""}) == "ดินถล่ม"
    assert own_scenario_name({"code": "flood", "note": ""}) == ""
