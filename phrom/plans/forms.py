"""The plain Django forms of the plan pages: starting a plan, attaching the agency's original
document, and the answers of the checklist. The component editors are in phrom.plans.editors."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .codes import Classification
from .models import ATTACHMENT_EXTENSIONS, ATTACHMENT_MAX_BYTES


class StartPlanForm(forms.Form):
    """Start a plan: from a starter template, as a copy of an earlier plan, or empty."""

    fiscal_year = forms.IntegerField(label=gettext_lazy("Fiscal year (B.E.)"), min_value=2500, max_value=2800)
    source = forms.CharField(label=gettext_lazy("Start from"))
    classification = forms.ChoiceField(label=gettext_lazy("Classification"), choices=Classification.choices,
                                       initial=Classification.NORMAL)

    def __init__(self, *args, templates=(), plans=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.templates = {t.code: t for t in templates}
        self.plans = {str(p.pk): p for p in plans}

    def clean_source(self):
        value = self.cleaned_data["source"]
        kind, _sep, ref = value.partition(":")
        if kind == "template" and ref in self.templates:
            return ("template", self.templates[ref])
        if kind == "copy" and ref in self.plans:
            return ("copy", self.plans[ref])
        if value == "empty":
            return ("empty", None)
        raise forms.ValidationError(_("Choose how to start the plan."))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Original document (Word or PDF, at most 20 MB)"),
                           error_messages={"required": gettext_lazy("Choose a file to upload.")})

    def clean_file(self):
        """Type and size, told in the user's words before the model's own validators run."""
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in ATTACHMENT_EXTENSIONS:
            raise forms.ValidationError(_("Upload a Word (.doc, .docx) or PDF (.pdf) file."))
        if upload.size > ATTACHMENT_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": ATTACHMENT_MAX_BYTES // 2**20})
        return upload


CHECKLIST_ANSWERS = [
    ("yes", gettext_lazy("yes")), ("no", gettext_lazy("no")), ("na", gettext_lazy("not applicable")),
]
