"""Form pieces every app shares: the one date field, typed and shown as Thai officials write dates
(day/month/year of the Buddhist era, phrom.core.thaidates), never a browser's own date picker."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from . import thaidates


class ThaiDateInput(forms.TextInput):
    """A text box for dd/mm/yyyy of the Buddhist era: the same on every browser and phone."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", "placeholder": _("dd/mm/yyyy"),
                          **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return thaidates.input_text(value)
        return super().format_value(value)


class ThaiDateField(forms.DateField):
    """A date typed as 15/10/2568 (or in Thai digits, or ISO as the API and old links send it)."""

    widget = ThaiDateInput
    default_error_messages = {"invalid": _("Enter the date as day/month/year of the Buddhist era, e.g. 15/10/2568.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("Day/month/year of the Buddhist era, e.g. 15/10/2568."))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return thaidates.parse_input(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
