import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from phrom.accounts.models import Membership
from tests.helpers.people import member

ME = "/api/v1/me/"


@pytest.fixture
def auth(province_user):
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=province_user).key}"}


def test_me_with_a_token(client, structure, province_user, auth):
    response = client.get(ME, **auth)
    assert response.status_code == 200
    assert response.json() == {
        "username": "rayong_office",
        "full_name": province_user.get_full_name(),
        "email": "rayong_office@example.go.th",
        "is_staff": False,
        "memberships": [
            {
                "organisation": {
                    "code": "PO21", "name_th": "สำนักงานจังหวัดระยอง",
                    "name_en": structure.rayong_office.name_en, "kind": "provincial_office",
                },
                "role": "coordinator",
            }
        ],
    }


def test_me_lists_every_membership(client, structure, province_user, auth):
    Membership.objects.create(user=province_user, organisation=structure.rayong_unit, role=Membership.Role.VIEWER)
    roles = {(m["organisation"]["code"], m["role"]) for m in client.get(ME, **auth).json()["memberships"]}
    assert roles == {("PO21", "coordinator"), ("PU21-HEALTH", "viewer")}


def test_me_with_a_session(client, structure, opdc_user):
    client.force_login(opdc_user)
    body = client.get(ME).json()
    assert body["username"] == "opdc"
    assert [m["organisation"]["code"] for m in body["memberships"]] == ["OPDC"]


def test_me_for_a_user_without_organisation(client, admin_user):
    client.force_login(admin_user)
    body = client.get(ME).json()
    assert body["is_staff"] is True and body["memberships"] == []


def test_me_shows_only_the_caller(client, structure, province_user, auth):
    member(structure.municipality, username="someone_else")
    assert client.get(ME, **auth).json()["username"] == "rayong_office"


def test_me_needs_authentication(client, db):
    response = client.get(ME)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_me_is_read_only(client, structure, auth):
    for method in (client.post, client.put, client.delete):
        response = method(ME, **auth)
        assert response.status_code == 405
        assert response.json()["error"]["code"] == "method_not_allowed"


def test_me_query_count_does_not_grow_with_memberships(client, structure, province_user, auth):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(ME, **auth).status_code == 200
        return len(captured)

    one = queries()
    for org in (structure.rayong_unit, structure.hospital, structure.municipality):
        Membership.objects.create(user=province_user, organisation=org, role=Membership.Role.VIEWER)
    assert queries() == one
