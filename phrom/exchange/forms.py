from django import forms
from django.utils.translation import gettext_lazy as _

from phrom.plans.codes import Classification


class WordUploadForm(forms.Form):
    file = forms.FileField(label=_("Word file of the plan (.docx)"))


class WordConfirmForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("Fiscal year (B.E.)"), min_value=2500, max_value=2800)
    classification = forms.ChoiceField(label=_("Classification"), choices=Classification.choices,
                                       initial=Classification.NORMAL)
