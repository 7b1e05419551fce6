from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from phrom.accounts.models import Membership


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices,
                             help_text=_("Coordinators write the plan and manage the people; approvers approve the "
                                         "plan before it is sent; viewers read it."))


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class NewAccountForm(UserCreationForm):
    """An account made while accepting an invitation (its e-mail is the invited address)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    class Meta(UserCreationForm.Meta):
        fields = ("username", "first_name", "last_name")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django's own help texts have no Thai: these say the same in the agency's words.
        self.fields["username"].help_text = _("The name you sign in with: Latin letters, digits and @ . + - _ only.")
        self.fields["password2"].help_text = _("Type the same password again.")
