from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from phrom.core.forms import QuickRadioSelect, QuickTextarea, ThaiDateField
from phrom.core.thaidates import fiscal_year
from phrom.orgs.models import Organisation, OrgKind
from phrom.plans.checker import CODE_LABELS
from phrom.plans.codes import ALL_COMPONENTS, COMPONENT_LABELS
from phrom.plans.content import bangkok_today
from phrom.plans.models import Plan, Scenario

from .models import GENERAL


class CampaignForm(forms.Form):
    collector = forms.ModelChoiceField(Organisation.objects.none(), label=_("Collector"), empty_label=None)
    title = forms.CharField(label=_("Campaign title"), max_length=255,
                            widget=forms.TextInput(attrs={"placeholder": _("e.g. ทบทวนแผน BCP ประจำปี 2570")}))
    fiscal_year = forms.IntegerField(label=_("Fiscal year (B.E.)"), min_value=2500, max_value=2700)
    deadline = ThaiDateField(label=_("Deadline"))
    description = forms.CharField(label=_("Instructions to agencies"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    kinds = forms.ModelMultipleChoiceField(
        OrgKind.objects.all(), label=_("Organisation kinds that must send"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every kind whose plans reach the collector."),
    )
    subtree = forms.CharField(
        label=_("Only units under (organisation code)"), required=False, max_length=32,
        help_text=_("e.g. a department's code, to ask only its own hospitals or schools. Empty: no limit."),
    )
    required_scenarios = forms.ModelMultipleChoiceField(
        Scenario.objects.all(), label=_("Scenarios the plans must cover"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attachment_required = forms.BooleanField(label=_("A Word or PDF copy must be attached"), required=False)
    blocking_codes = forms.MultipleChoiceField(
        label=_("Checker findings that stop a plan from being sent"), required=False,
        widget=forms.CheckboxSelectMultiple, choices=list(CODE_LABELS.items()),
    )
    reminder_days = forms.CharField(
        label=_("Automatic reminders (days from the deadline)"), required=False, initial="-7, -1, 1, 7",
        help_text=_("Comma-separated: -7 is a week before the deadline, 3 is three days after. Empty: no automatic reminders."),
    )

    def __init__(self, *args, collectors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collector"].queryset = Organisation.objects.filter(pk__in=[c.pk for c in collectors])
        if not self.is_bound and "fiscal_year" not in self.initial:
            self.initial["fiscal_year"] = fiscal_year(bangkok_today())

    def clean_subtree(self):
        code = self.cleaned_data.get("subtree", "").strip()
        if not code:
            return None
        org = Organisation.objects.filter(code=code).first()
        if org is None:
            raise forms.ValidationError(_("No organisation has the code “%(code)s”."), params={"code": code})
        return org

    def clean_reminder_days(self):
        raw = self.cleaned_data.get("reminder_days", "")
        days = []
        for part in raw.replace("−", "-").replace(" ", "").split(","):
            if not part:
                continue
            try:
                days.append(int(part))
            except ValueError:
                raise forms.ValidationError(_("Write whole numbers separated by commas, e.g. -7, -1, 3.")) from None
        return days


class _ListedPlans(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for plan in self.field.plans:
            yield self.choice(plan)

    def __len__(self):
        return len(self.field.plans) + (self.field.empty_label is not None)

    def __bool__(self):
        return bool(len(self))


class PlanChoiceField(forms.ModelChoiceField):
    """One of the plans the view has read (`plans`, set by the form): shown and checked from those rows,
    where a ModelChoiceField queries its queryset again, twice to show a select and once more to check."""

    iterator = _ListedPlans

    def __init__(self, **kwargs):
        super().__init__(Plan.objects.none(), **kwargs)
        self.plans: list[Plan] = []

    def choose_from(self, plans) -> None:
        self.plans = list(plans)
        self.widget.choices = self.choices

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = getattr(value, "pk", value)  # a plan itself, as a ModelChoiceField takes it too
        for plan in self.plans:
            if str(plan.pk) == str(value):
                return plan
        raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                    params={"value": value})


class SubmitForm(forms.Form):
    plan = PlanChoiceField(label=_("Plan to send"), empty_label=None)

    def __init__(self, *args, plans=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choose_from(sorted(plans, key=lambda p: -p.fiscal_year))


class DeclarationForm(forms.Form):
    title = forms.CharField(label=_("Title of the security-sensitive plan"), max_length=500)
    reviewed_on = ThaiDateField(label=_("Last reviewed on"), required=False)
    plan = PlanChoiceField(label=_("The plan in Phrom (optional)"), required=False)

    def __init__(self, *args, plans=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choose_from(plans)


class DeclineForm(forms.Form):
    comment = forms.CharField(label=_("Why (for the coordinator)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(forms.Form):
    """Accept or return, with one comment box per component (and one on the plan as a whole)."""

    decision = forms.ChoiceField(
        label=_("Decision"), widget=QuickRadioSelect,
        choices=[("accept", _("Accept")), ("return", _("Return for correction"))],
    )
    lock = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for component in (GENERAL, *ALL_COMPONENTS):
            label = COMPONENT_LABELS.get(component, _("the plan as a whole"))
            self.fields[f"comment_{component}"] = forms.CharField(
                label=label, required=False, widget=QuickTextarea(attrs={"rows": 2})
            )

    def comments(self) -> list[dict]:
        return [
            {"component": c, "text": self.cleaned_data.get(f"comment_{c}", "")}
            for c in (GENERAL, *ALL_COMPONENTS) if self.cleaned_data.get(f"comment_{c}", "").strip()
        ]
