import json
import re

import pytest
from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema
from rest_framework.authtoken.models import Token

from tests.factories import OrganisationFactory

ORGS = "/api/v1/organisations/"


@pytest.fixture
def token(province_user):
    return Token.objects.create(user=province_user).key


@pytest.fixture
def api(client, token):
    """A machine client: every request carries `Authorization: Token …`, no session."""

    class Api:
        def get(self, path, params=None, **headers):
            return client.get(path, params or {}, HTTP_AUTHORIZATION=f"Token {token}", **headers)

    return Api()


def codes(response) -> list[str]:
    return [o["code"] for o in response.json()["results"]]


# --- authentication and errors ---------------------------------------------------------------

def test_token_authentication(api, structure):
    response = api.get(ORGS)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"


def test_no_credentials_is_401_in_the_error_shape(client, structure):
    response = client.get(ORGS)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    error = response.json()["error"]
    assert error["code"] == "not_authenticated"
    assert error["message"]
    assert set(response.json()) == {"error"}


def test_bad_token_is_401(client, structure):
    response = client.get(ORGS, HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_inactive_users_token_is_refused(client, structure, province_user, token):
    province_user.is_active = False
    province_user.save()
    response = client.get(ORGS, HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_session_authentication_also_works(client, structure, province_user):
    client.force_login(province_user)
    assert client.get(ORGS).status_code == 200


def test_unknown_organisation_is_404_in_the_error_shape(api, structure):
    response = api.get(f"{ORGS}NOPE/")
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": response.json()["error"]["message"]}}
    assert response.json()["error"]["message"]


def test_error_messages_follow_accept_language(api, structure):
    response = api.get(f"{ORGS}NOPE/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["error"]["message"] == "No Organisation matches the given query."


def test_read_only(client, structure, province_user, token):
    response = client.post(ORGS, {"code": "X"}, HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


# --- list, search, pagination ----------------------------------------------------------------

def test_list_fields(api, structure):
    body = api.get(ORGS, {"q": "CU21-DMS"}).json()
    assert body["count"] == 1
    assert body["results"] == [
        {
            "code": "CU21-DMS", "name_th": "ศูนย์การแพทย์ระยอง", "name_en": structure.central_unit.name_en,
            "kind": "central_unit", "parent": "DMS", "province": "21", "site": "", "latitude": None,
            "longitude": None, "sector": "", "collector": "",
        }
    ]


def test_search_in_thai(api, structure):
    assert sorted(codes(api.get(ORGS, {"q": "ระยอง"}))) == ["CU21-DMS", "HOSP21", "PO21", "PU21-HEALTH", "TM21-001"]
    assert codes(api.get(ORGS, {"q": "เทศบาล"})) == ["TM21-001"]
    assert codes(api.get(ORGS, {"q": "ไม่มีหน่วยงานนี้"})) == []


def test_filters(api, structure):
    assert sorted(codes(api.get(ORGS, {"kind": "provincial_office"}))) == ["PO20", "PO21"]
    assert sorted(codes(api.get(ORGS, {"province": "10"}))) == ["BMA", "BMA-D01", "BMA-DPM"]


def test_pagination(api, structure):
    first = api.get(ORGS, {"page_size": 5}).json()
    assert first["count"] == 14
    assert len(first["results"]) == 5
    assert first["previous"] is None
    assert "page=2" in first["next"] and "page_size=5" in first["next"]
    last = api.get(ORGS, {"page_size": 5, "page": 3}).json()
    assert len(last["results"]) == 4 and last["next"] is None
    seen = [o["code"] for p in (1, 2, 3) for o in api.get(ORGS, {"page_size": 5, "page": p}).json()["results"]]
    assert len(set(seen)) == 14


def test_default_and_maximum_page_size(api, structure):
    for n in range(60):
        OrganisationFactory(code=f"X{n:03d}")
    assert len(api.get(ORGS).json()["results"]) == 50
    assert len(api.get(ORGS, {"page_size": 500}).json()["results"]) == 74  # at most 500: all fit
    # more than the OpenAPI document's maximum is refused, not silently capped
    assert api.get(ORGS, {"page_size": 100000}).json()["error"]["code"] == "invalid"


def test_page_out_of_range_is_404(api, structure):
    response = api.get(ORGS, {"page": 99})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


# --- detail with route -----------------------------------------------------------------------

def test_detail_with_route(api, structure):
    body = api.get(f"{ORGS}CU21-DMS/").json()
    assert body["code"] == "CU21-DMS" and body["kind"] == "central_unit" and body["parent"] == "DMS"
    assert [c["code"] for c in body["route"]["collectors"]] == ["DMS", "OPDC"]
    assert [c["code"] for c in body["route"]["informed"]] == ["PO21"]
    assert body["route"]["collectors"][1] == {
        "code": "OPDC", "name_th": "สำนักงาน ก.พ.ร.", "name_en": "OPDC", "kind": "department",
    }


def test_detail_route_rolls_up(api, structure):
    body = api.get(f"{ORGS}HOSP21/").json()
    assert [c["code"] for c in body["route"]["collectors"]] == ["PU21-HEALTH", "PO21", "OPDC"]
    assert body["route"]["informed"] == []


def test_detail_of_the_national_collector(api, structure):
    body = api.get(f"{ORGS}OPDC/").json()
    assert body["collector"] == "national"
    assert body["route"] == {"collectors": [], "informed": []}


def test_codes_with_dots_and_dashes(api, structure):
    OrganisationFactory(code="A.B-C_1", kind_id="ministry")
    assert api.get(f"{ORGS}A.B-C_1/").json()["code"] == "A.B-C_1"


# --- schema and documentation ----------------------------------------------------------------

def test_openapi_schema(api, structure):
    response = api.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)  # against the OpenAPI 3 JSON Schema; raises on any violation
    assert re.fullmatch(r"3\.\d+\.\d+", schema["openapi"])
    assert schema["info"]["title"] == "Phrom API"
    paths = schema["paths"]
    assert "/api/v1/organisations/" in paths
    assert "/api/v1/organisations/{code}/" in paths
    assert "/api/v1/me/" in paths
    listing = paths["/api/v1/organisations/"]["get"]
    assert {"q", "kind", "province", "page", "page_size"} <= {p["name"] for p in listing["parameters"]}
    detail = schema["components"]["schemas"]["OrganisationDetail"]
    assert "route" in detail["properties"]
    assert "tokenAuth" in schema["components"]["securitySchemes"]
    # Every $ref points at a defined component.
    text = response.content.decode()
    for ref in set(re.findall(r'"\$ref": ?"#/components/schemas/([^"]+)"', text)):
        assert ref in schema["components"]["schemas"], ref


def test_openapi_schema_is_public(client, db):
    """The schema describes the API and holds no data: client generators may fetch it without a token."""
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/vnd.oai.openapi+json")


def test_api_docs_load_with_local_assets_only(client, province_user):
    client.force_login(province_user)
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets, "the docs page references its scripts and styles"
    for url in assets:
        assert not re.match(r"^(https?:)?//", url), f"external asset {url}"
    for url in assets:
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), f"{url} is not served locally"
    assert any("swagger-ui" in url for url in assets)
    assert "/api/v1/openapi.json" in html
