"""What a search asks: the words, the fiscal year (B.E., the current one by default) and a component.
The page and the API read their parameters through this one form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from phrom.core.thaidates import fiscal_year
from phrom.plans.codes import COMPONENT_LABELS, COMPONENTS, HEADER
from phrom.plans.content import bangkok_today
from phrom.statistics.figures import FIRST_YEAR

MAX_QUERY = 200


def current_fiscal_year() -> int:
    return fiscal_year(bangkok_today())


def fiscal_year_choices():
    return [(y, str(y)) for y in range(current_fiscal_year() + 1, FIRST_YEAR - 1, -1)]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words"), max_length=MAX_QUERY, required=False, strip=True)
    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int, choices=fiscal_year_choices,
                                         required=False, empty_value=None)
    component = forms.ChoiceField(label=_("Part of the plan"), required=False, choices=lambda: [
        ("", _("(every part)")), *[(c, COMPONENT_LABELS[c]) for c in (HEADER, *COMPONENTS) if c != "call_tree"]])
    page = forms.IntegerField(min_value=1, required=False)

    def query(self) -> dict:
        """The cleaned search: q, fiscal_year (the current one when not given), component, page."""
        data = self.cleaned_data
        return {"query": data.get("q") or "", "fiscal_year": data.get("fiscal_year") or current_fiscal_year(),
                "component": data.get("component") or "", "page": data.get("page") or 1}
