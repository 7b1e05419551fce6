from django import forms
from django.utils.translation import gettext_lazy as _

from phrom.accounts import permissions
from phrom.campaigns.models import Campaign
from phrom.orgs.models import Organisation, Province

from .models import PlanBundle


class BundleForm(forms.Form):
    """What to put in a bundle. Which scopes the user may ask for is checked by the view (403), so
    that the page and the API refuse alike; the lists offer only what the user may ask for."""

    scope = forms.ChoiceField(label=_("Plans of"), choices=PlanBundle.Scope.choices, widget=forms.RadioSelect)
    province = forms.ModelChoiceField(label=_("Province"), queryset=Province.objects.all(), required=False,
                                      to_field_name="code")
    organisation = forms.CharField(
        label=_("Organisation code"), max_length=32, required=False,
        help_text=_("The organisation and every unit under it, e.g. a department and its hospitals."),
    )
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.select_related("collector").order_by("-deadline", "-pk"),
        required=False, widget=forms.Select(attrs={"aria-describedby": "campaign-help"}), empty_label=_("— none: each agency's latest plan that it has sent —"),
        help_text=_("With a campaign, the versions sent to that campaign."),
    )
    fiscal_year = forms.IntegerField(
        label=_("Fiscal year (B.E.)"), min_value=2500, max_value=2700, required=False,
        widget=forms.NumberInput(attrs={"aria-describedby": "fiscal-year-help"}),
        help_text=_("Without a campaign: only plans of this fiscal year (empty: each agency's latest)."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            if permissions.is_national(user):
                offered = Province.objects.all()
            else:
                offered = Province.objects.filter(code__in=permissions.provinces_collected_by(user))
            self.fields["province"].widget.choices = [("", "—")] + [(p.code, p.name) for p in offered]
            self.own_organisations = list(
                Organisation.objects.filter(pk__in=permissions.member_organisation_ids(user)).order_by("code")
            )

    def clean_organisation(self):
        code = self.cleaned_data.get("organisation", "").strip()
        if not code:
            return None
        org = Organisation.objects.filter(code=code).select_related("kind").first()
        if org is None:
            raise forms.ValidationError(_("There is no organisation with the code %(code)s."), params={"code": code})
        return org

    def clean(self):
        data = super().clean()
        scope = data.get("scope")
        if scope == PlanBundle.Scope.PROVINCE and not data.get("province"):
            self.add_error("province", _("Choose a province."))
        if scope == PlanBundle.Scope.SUBTREE and not data.get("organisation") and "organisation" not in self.errors:
            self.add_error("organisation", _("Enter an organisation code."))
        return data

    def scope_kwargs(self) -> dict:
        data = self.cleaned_data
        province = data["province"] if data["scope"] == PlanBundle.Scope.PROVINCE else None
        root = data["organisation"] if data["scope"] == PlanBundle.Scope.SUBTREE else None
        return {"province": province, "root": root, "campaign": data.get("campaign"),
                "fiscal_year": data.get("fiscal_year")}
