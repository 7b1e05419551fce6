"""The forms of new exercises, events, scenarios and corrective actions (the result itself is one
page of many rows: results.views reads it into the dict services.save_result takes)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from phrom.core.forms import ThaiDateField
from phrom.orgs.models import Organisation
from phrom.plans.models import Scenario

from .models import COMPONENT_CHOICES, ExerciseScenario, ExerciseType


class AgencyCodes(forms.CharField):
    """Other agencies by their codes, separated by spaces, commas or new lines."""

    def clean(self, value):
        codes = [c for c in (super().clean(value) or "").replace(",", " ").split() if c]
        found = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(_("No agency has the code %(codes)s."), params={"codes": ", ".join(unknown)})
        return [found[c] for c in dict.fromkeys(codes)]


class OccasionForm(forms.Form):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Agency"), empty_label=None)
    title = forms.CharField(label=pgettext_lazy("results", "Title"), max_length=255)
    hazard = forms.ModelChoiceField(Scenario.objects.all(), label=_("Hazard"), empty_label=None)
    others = AgencyCodes(label=_("Other agencies taking part (codes)"), required=False,
                         help_text=_("For an exercise or event of several agencies: their codes, e.g. BMA-DIST-PHN BMA-DIST-BKN. "
                                     "Each records its own results."))

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])


class ExerciseForm(OccasionForm):
    kind = forms.ChoiceField(label=_("Type of exercise"), choices=ExerciseType.choices)
    held_on = ThaiDateField(label=_("Held on"))
    scenario = forms.ModelChoiceField(ExerciseScenario.objects.all(), label=_("Scenario from the library"), required=False)
    objectives = forms.CharField(label=_("Objectives (one per line)"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    field_order = ["organisation", "title", "kind", "held_on", "hazard", "scenario", "objectives", "others"]

    def __init__(self, *args, scenarios=None, **kwargs):
        super().__init__(*args, **kwargs)
        if scenarios is not None:  # the library as the user sees it (permissions.readable_scenarios)
            self.fields["scenario"].queryset = scenarios


class EventForm(OccasionForm):
    area = forms.CharField(label=_("Area"), max_length=255, required=False)
    started_on = ThaiDateField(label=_("Started on"))
    started_time = forms.TimeField(label=_("at (time)"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    ended_on = ThaiDateField(label=_("Ended on"), required=False, help_text=_("Leave empty while the event goes on."))
    ended_time = forms.TimeField(label=_("at (time)"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))

    field_order = ["organisation", "title", "hazard", "area", "started_on", "started_time", "ended_on", "ended_time", "others"]


class EndForm(forms.Form):
    ended_on = ThaiDateField(label=_("Ended on"))
    ended_time = forms.TimeField(label=_("at (time)"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))


class ActionForm(forms.Form):
    component = forms.ChoiceField(label=_("Plan component to change"), choices=COMPONENT_CHOICES)
    description = forms.CharField(label=_("Corrective action"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(label=_("Responsible"), max_length=255)
    due_on = ThaiDateField(label=_("Due on"))


class ScenarioForm(forms.Form):
    publisher = forms.ModelChoiceField(Organisation.objects.none(), label=_("Published by"), empty_label=None)
    title = forms.CharField(label=pgettext_lazy("results", "Title"), max_length=255)
    hazard = forms.ModelChoiceField(Scenario.objects.all(), label=_("Hazard"), empty_label=None)
    lead_office = forms.CharField(label=_("Lead office"), max_length=255, required=False)
    narrative = forms.CharField(label=_("Narrative"), widget=forms.Textarea(attrs={"rows": 5}))
    injects = forms.CharField(label=_("Timed injects (one per line: minute, then the text)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}), help_text=_("e.g. 30 ไฟฟ้าดับทั้งอาคาร"))
    expected_actions = forms.CharField(label=_("Expected actions"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    participants = AgencyCodes(label=_("Agencies taking part (codes)"), required=False)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publisher"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])

    def clean_injects(self):
        rows = []
        for line in self.cleaned_data["injects"].splitlines():
            minute, _sep, text = line.strip().partition(" ")
            if not line.strip():
                continue
            if not minute.isdigit() or not text.strip():
                raise forms.ValidationError(_("Each line: the minute as a number, a space, then the text."))
            rows.append({"minute": int(minute), "text": text.strip()})
        return rows
