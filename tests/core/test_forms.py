"""The one date field (phrom.core.forms): typed and shown as dd/mm/yyyy of the Buddhist era."""

import datetime

from django import forms

from phrom.core.forms import ThaiDateField
from phrom.core.thaidates import input_text, parse_input


class DayForm(forms.Form):
    day = ThaiDateField(label="วันที่", required=False)


def test_typed_in_the_buddhist_era_thai_digits_or_iso():
    for typed in ("08/01/2568", "8/1/2568", "๘/๑/๒๕๖๘", "2025-01-08", " 08.01.2568 "):
        form = DayForm({"day": typed})
        assert form.is_valid(), typed
        assert form.cleaned_data["day"] == datetime.date(2025, 1, 8)
    assert DayForm({"day": ""}).is_valid()


def test_a_wrong_date_says_how_to_write_it():
    form = DayForm({"day": "31/02/2568"})
    assert not form.is_valid()
    assert "15/10/2568" in form.errors["day"][0]
    assert not DayForm({"day": "01/08/"}).is_valid()


def test_shown_as_it_is_typed_never_as_a_date_picker():
    html = str(DayForm(initial={"day": datetime.date(2025, 1, 8)})["day"])
    assert 'value="08/01/2568"' in html and 'type="text"' in html and 'inputmode="numeric"' in html
    assert 'type="date"' not in html
    bound = str(DayForm({"day": "31/02/2568"})["day"])
    assert 'value="31/02/2568"' in bound  # what the person typed comes back to be corrected


def test_input_text_and_parse_input_round_trip():
    day = datetime.date(2026, 10, 1)
    assert input_text(day) == "01/10/2569" and parse_input(input_text(day)) == day
    assert input_text(None) == "" and parse_input("") is None
