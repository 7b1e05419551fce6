"""The members page of an agency and the page an invited person opens from the e-mail."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phrom.accounts import permissions
from phrom.accounts.models import Membership
from phrom.accounts.names import display_name
from phrom.core.errors import PhromError, show_on_form
from phrom.orgs.access import get_organisation_for_user

from . import roster, services
from .forms import InviteForm, NewAccountForm, RoleForm
from .models import Invitation


def _organisation(request, code, predicate):
    org = get_organisation_for_user(request, code)
    if not predicate(request.user, org):
        raise PermissionDenied
    return org


@login_required
def members_page(request, code):
    org = _organisation(request, code, permissions.can_view_members)
    manage = permissions.can_manage_members(request.user, org)
    form = InviteForm()
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        form = InviteForm(request.POST)
        if form.is_valid():
            try:
                invitation = services.invite(org, user=request.user, **form.cleaned_data)
            except PhromError as e:
                show_on_form(form, e)
            else:
                messages.success(request, _("The invitation was sent to %(email)s.") % {"email": invitation.email})
                return redirect("members:page", org.code)
    context = {
        "org": org, "manage": manage, "form": form, "members": roster.members_of(org),
        "no_approver": not roster.has_approver(org), "roles": Membership.Role.choices,
        "invitations": roster.pending_invitations(org) if manage else None,
        "history": org.member_events.all()[:50] if permissions.can_view_member_history(request.user, org) else None,
    }
    return render(request, "members/page.html", context)


def _change(request, code, change, done):
    org = _organisation(request, code, permissions.can_manage_members)
    try:
        subject = change(org)
    except PhromError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, done % {"who": subject})
    return redirect("members:page", org.code)


def _invitation_change(request, code, pk, service, done):
    def change(org):
        return service(get_object_or_404(Invitation, pk=pk, organisation=org), user=request.user).email
    return _change(request, code, change, done)


@login_required
@require_POST
def resend(request, code, pk):
    return _invitation_change(request, code, pk, services.resend_invitation,
                              _("The invitation was sent again to %(who)s."))


@login_required
@require_POST
def cancel(request, code, pk):
    return _invitation_change(request, code, pk, services.cancel_invitation,
                              _("The invitation to %(who)s was cancelled."))


@login_required
@require_POST
def change_role(request, code, pk):
    def change(org):
        membership = get_object_or_404(Membership.objects.select_related("user"), pk=pk, organisation=org)
        form = RoleForm(request.POST)
        if not form.is_valid():
            raise PhromError("invalid", field="role")
        services.change_role(membership, role=form.cleaned_data["role"], user=request.user)
        return display_name(membership.user)
    return _change(request, code, change, _("The role of %(who)s was changed."))


@login_required
@require_POST
def remove(request, code, pk):
    def change(org):
        membership = get_object_or_404(Membership.objects.select_related("user"), pk=pk, organisation=org)
        services.remove_member(membership, user=request.user)
        return display_name(membership.user)
    return _change(request, code, change, _("%(who)s no longer belongs to the agency."))


def accept(request, token):
    """Open to anyone holding the link: join with the account signed in, or make one."""
    try:
        invitation = services.invitation_from_token(token)
    except PhromError as e:
        return render(request, "members/accept.html", {"refusal": e.message}, status=e.status)
    form = NewAccountForm(initial={"username": invitation.email.split("@")[0]})
    if request.method == "POST":
        try:
            with transaction.atomic():
                if request.user.is_authenticated:
                    user = request.user
                else:
                    form = NewAccountForm(request.POST)
                    if not form.is_valid():
                        raise _FormInvalid
                    user = form.save(commit=False)
                    user.email = invitation.email
                    user.save()
                services.accept_invitation(invitation, user=user)
        except _FormInvalid:
            pass
        except PhromError as e:
            messages.error(request, e.message)
        else:
            if not request.user.is_authenticated:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to %(org)s.") % {"org": invitation.organisation.name})
            return redirect("orgs:detail", invitation.organisation.code)
    return render(request, "members/accept.html", {"invitation": invitation, "form": form})


class _FormInvalid(Exception):
    """The new-account form has errors: shown beside its fields, nothing stored."""
