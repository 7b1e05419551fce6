"""The members API: the same rules as the members page, in the API's error envelope."""

import pytest
from rest_framework.test import APIClient

from phrom.accounts.models import Membership
from phrom.members.models import Invitation
from tests.conftest import member

R = Membership.Role


@pytest.fixture
def unit(structure):
    return structure.rayong_unit


@pytest.fixture
def api(unit):
    client = APIClient()
    client.force_authenticate(member(unit, R.COORDINATOR, "unit-coordinator"))
    return client


def test_invite_list_resend_cancel(api, unit, smtp_server):
    base = f"/api/v1/organisations/{unit.code}"
    created = api.post(f"{base}/invitations/", {"email": "n@example.org", "role": "approver"}, format="json")
    assert created.status_code == 201 and created.json()["state"] == "pending"
    assert len(smtp_server.to("n@example.org")) == 1
    again = api.post(f"{base}/invitations/", {"email": "n@example.org", "role": "viewer"}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "invitation_pending"
    pk = created.json()["id"]
    assert [i["email"] for i in api.get(f"{base}/invitations/").json()] == ["n@example.org"]
    assert api.post(f"{base}/invitations/{pk}/resend/").status_code == 200
    assert len(smtp_server.to("n@example.org")) == 2
    assert api.delete(f"{base}/invitations/{pk}/").status_code == 204
    assert Invitation.objects.get(pk=pk).state == "cancelled"
    actions = [e["action"] for e in api.get(f"{base}/members/history/").json()]
    assert actions == ["cancelled", "resent", "invited"]


def test_roles_and_the_last_coordinator(api, unit):
    base = f"/api/v1/organisations/{unit.code}/members"
    me = next(m for m in api.get(f"{base}/").json() if m["username"] == "unit-coordinator")
    refused = api.patch(f"{base}/{me['id']}/", {"role": "viewer"}, format="json")
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "last_coordinator"
    other = Membership.objects.get(user=member(unit, R.VIEWER, "other"))
    assert api.patch(f"{base}/{other.pk}/", {"role": "approver"}, format="json").json()["role"] == "approver"
    assert api.delete(f"{base}/{other.pk}/").status_code == 204


def test_a_collector_reads_the_members_but_cannot_invite(unit, province_user):
    client = APIClient()
    client.force_authenticate(province_user)
    base = f"/api/v1/organisations/{unit.code}"
    assert client.get(f"{base}/members/").status_code == 200
    assert client.post(f"{base}/invitations/", {"email": "x@example.org", "role": "viewer"}, format="json").status_code == 403
    assert client.get(f"{base}/members/history/").status_code == 403
