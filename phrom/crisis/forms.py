"""The forms of crisis mode: activating a plan, closing an activation, answering an alert."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from phrom.core.errors import in_language
from phrom.plans.models import PlanScenario, Scenario

from .models import Activation, Answer
from .services import MAX_MESSAGE


def scenario_label(row: PlanScenario) -> str:
    if row.scenario_id:
        return row.scenario.name
    return in_language(row.name_th, row.name_en) or row.code


class ScenarioChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return scenario_label(obj)


class ActivateForm(forms.Form):
    scenario = ScenarioChoice(PlanScenario.objects.none(), label=pgettext_lazy("crisis", "Scenario"), empty_label=None,
                              widget=forms.RadioSelect)
    is_test = forms.TypedChoiceField(
        label=_("Real or test"), choices=[("0", _("A real crisis")), ("1", _("A test run of the call tree"))],
        coerce=lambda v: v == "1", initial="0", widget=forms.RadioSelect,
        help_text=_("A test run is marked as such on every message and page, and closes into a call-tree exercise."))
    message = forms.CharField(label=_("Message to the people alerted"), max_length=MAX_MESSAGE,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Short and clear: what happened and what to do now. It goes by SMS and LINE too."))
    mode = forms.ChoiceField(label=_("Who is alerted"), choices=Activation.Mode.choices, initial=Activation.Mode.TREE,
                             widget=forms.RadioSelect)
    answer_minutes = forms.IntegerField(
        label=_("Minutes to answer before escalation"), initial=10, min_value=1, max_value=24 * 60,
        help_text=_("Someone silent this long: their alternate is alerted and their caller told."))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        rows = plan.scenarios.select_related("scenario")
        self.fields["scenario"].queryset = rows
        first = rows.first()
        if first is not None:
            self.fields["scenario"].initial = first.pk


class CloseForm(forms.Form):
    hazard = forms.ModelChoiceField(
        Scenario.objects.all(), label=_("Hazard in the catalogue"), required=False,
        help_text=_("The plan's own scenario is not in the catalogue: choose the hazard the event is recorded under."))

    def __init__(self, *args, activation, **kwargs):
        super().__init__(*args, **kwargs)
        if activation.hazard_id:
            del self.fields["hazard"]
        else:
            self.fields["hazard"].required = True


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=Answer.choices)
    note = forms.CharField(label=_("A note (optional)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))
