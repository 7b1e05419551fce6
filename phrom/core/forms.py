"""Form pieces every app shares: the one date field, typed and shown as Thai officials write dates
(day/month/year of the Buddhist era, phrom.core.thaidates), never a browser's own date picker; and
widgets that write Django's own HTML in Python, for forms a busy page shows many fields of."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe
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


# Django renders each widget through two or three templates (the widget, its attributes, for a radio
# button also its option): ~0.2 ms a field. These write the same HTML in Python.


def _attrs_html(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html writes them."""
    return mark_safe("".join(format_html(" {}", k) if v is True else format_html(' {}="{}"', k, v)
                             for k, v in attrs.items() if v is not False))


class QuickTextarea(forms.Textarea):
    def render(self, name, value, attrs=None, renderer=None):
        return format_html('<textarea name="{}"{}>\n{}</textarea>', name, _attrs_html(self.build_attrs(self.attrs, attrs)),
                           self.format_value(value) or "")


class QuickRadioSelect(forms.RadioSelect):
    """Its buttons, as a template loops over them ({{ radio.tag }}), written in Python; the whole
    widget ({{ field }}) still through Django's templates."""

    def _render(self, template_name, context, renderer=None):
        option = context["widget"]
        if template_name != self.option_template_name or option.get("wrap_label"):
            return super()._render(template_name, context, renderer)
        value = format_html(' value="{}"', option["value"]) if option["value"] is not None else ""
        return format_html('<input type="{}" name="{}"{}{}>', option["type"], option["name"], value,
                           _attrs_html(option["attrs"]))
