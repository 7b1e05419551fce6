"""The members of an agency over the API: the same service functions as the members page."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from phrom.accounts import permissions
from phrom.accounts.models import Membership
from phrom.accounts.names import display_name
from phrom.core.api import error_responses
from phrom.orgs.access import get_organisation_for_user

from . import roster, services
from .models import Invitation, MemberEvent


class MemberSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    username = serializers.CharField(source="user.username", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "username", "name", "email", "role"]
        read_only_fields = ["id"]

    def get_name(self, m) -> str:
        return display_name(m.user)


class RoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Membership.Role.choices)


class InvitationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invitation
        fields = ["id", "email", "role", "state", "sent_at", "expires_at"]
        read_only_fields = ["id", "state", "sent_at", "expires_at"]


class MemberEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = MemberEvent
        fields = ["at", "action", "actor_name", "subject", "role", "old_role"]


def _org(request, code, predicate):
    org = get_organisation_for_user(request, code)
    if not predicate(request.user, org):
        raise PermissionDenied
    return org


class MemberList(APIView):
    """The agency's people and their roles: its own members, its collectors, OPDC."""

    @extend_schema(responses={200: MemberSerializer(many=True), **error_responses(403, 404)})
    def get(self, request, code):
        org = _org(request, code, permissions.can_view_members)
        return Response(MemberSerializer(roster.members_of(org), many=True).data)


class MemberDetail(APIView):
    """Change one member's role, or remove them (the agency's coordinators; never its last coordinator)."""

    def _membership(self, request, code, pk):
        org = _org(request, code, permissions.can_manage_members)
        return get_object_or_404(Membership.objects.select_related("user"), pk=pk, organisation=org)

    @extend_schema(request=RoleSerializer, responses={200: MemberSerializer, **error_responses(400, 403, 404, 409)})
    def patch(self, request, code, pk):
        membership = self._membership(request, code, pk)
        data = RoleSerializer(data=request.data, partial=True)  # PATCH: no role given changes nothing
        data.is_valid(raise_exception=True)
        changed = services.change_role(membership, role=data.validated_data.get("role", membership.role),
                                       user=request.user)
        return Response(MemberSerializer(changed).data)

    @extend_schema(responses={204: None, **error_responses(403, 404, 409)})
    def delete(self, request, code, pk):
        services.remove_member(self._membership(request, code, pk), user=request.user)
        return Response(status=204)


class InvitationList(APIView):
    """Invitations waiting for an answer; POST invites someone by e-mail (the e-mail is sent at once)."""

    @extend_schema(responses={200: InvitationSerializer(many=True), **error_responses(403, 404)})
    def get(self, request, code):
        org = _org(request, code, permissions.can_manage_members)
        return Response(InvitationSerializer(roster.pending_invitations(org), many=True).data)

    @extend_schema(request=InvitationSerializer,
                   responses={201: InvitationSerializer, **error_responses(400, 403, 404, 409, 503)})
    def post(self, request, code):
        org = _org(request, code, permissions.can_manage_members)
        data = InvitationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invitation = services.invite(org, user=request.user, email=data.validated_data["email"],
                                     role=data.validated_data["role"])
        return Response(InvitationSerializer(invitation).data, status=201)


def _invitation(request, code, pk):
    org = _org(request, code, permissions.can_manage_members)
    return get_object_or_404(Invitation, pk=pk, organisation=org)


class InvitationDetail(APIView):
    @extend_schema(responses={204: None, **error_responses(403, 404, 409)})
    def delete(self, request, code, pk):
        """Cancel the invitation: its link stops working."""
        services.cancel_invitation(_invitation(request, code, pk), user=request.user)
        return Response(status=204)


class InvitationResend(APIView):
    @extend_schema(request=None, responses={200: InvitationSerializer, **error_responses(403, 404, 409, 503)})
    def post(self, request, code, pk):
        """Send the invitation again with a new link and a new expiry (the old link stops working)."""
        invitation = services.resend_invitation(_invitation(request, code, pk), user=request.user)
        return Response(InvitationSerializer(invitation).data)


class MemberHistory(APIView):
    """Every change of the agency's people, newest first (its own members)."""

    @extend_schema(responses={200: MemberEventSerializer(many=True), **error_responses(403, 404)})
    def get(self, request, code):
        org = _org(request, code, permissions.can_view_member_history)
        return Response(MemberEventSerializer(org.member_events.all()[:200], many=True).data)
