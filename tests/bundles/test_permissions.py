"""Who may ask for the plans of a province or of a subtree as one ZIP (phrom.accounts.permissions),
and the 403s of the pages and the API for everyone else."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from phrom.accounts import permissions as p
from phrom.accounts.models import Membership
from phrom.bundles.models import PlanBundle
from tests.helpers.people import member

R = Membership.Role
pytestmark = pytest.mark.django_db


@pytest.fixture
def users(structure):
    s = structure
    return {
        "province_collector": member(s.rayong_office, R.COORDINATOR),
        "province_viewer": member(s.rayong_office, R.VIEWER),
        "other_province": member(s.chonburi_office, R.COORDINATOR),
        "opdc": member(s.opdc, R.VIEWER),
        # Collects its hospital's plan, inside its own subtree: not a collector of the province.
        "unit": member(s.rayong_unit, R.COORDINATOR),
        "hospital": member(s.hospital, R.COORDINATOR),
        "municipality": member(s.municipality, R.COORDINATOR),
        "department": member(s.dms, R.COORDINATOR),
        "bma_collector": member(s.bma_disaster, R.COORDINATOR),
    }


# rows: user; columns: province 21, province 20, province 10, subtree PU21-HEALTH, subtree DMS
MATRIX = {
    "province_collector": (True,  False, False, True,  False),
    "province_viewer":    (True,  False, False, True,  False),
    "other_province":     (False, True,  False, False, False),
    "opdc":               (True,  True,  True,  True,  True),
    "unit":               (False, False, False, True,  False),
    "hospital":           (False, False, False, False, False),
    "municipality":       (False, False, False, False, False),
    "department":         (False, False, False, False, True),
    "bma_collector":      (False, False, True,  False, False),
}


@pytest.mark.parametrize("who", MATRIX)
def test_who_may_ask_for_a_bundle(structure, users, who):
    user, s = users[who], structure
    got = (
        p.can_bundle_province(user, "21"), p.can_bundle_province(user, "20"), p.can_bundle_province(user, "10"),
        p.can_bundle_subtree(user, s.rayong_unit), p.can_bundle_subtree(user, s.dms),
    )
    assert got == MATRIX[who]


def test_provinces_collected_by(users):
    assert p.provinces_collected_by(users["province_collector"]) == ["21"]
    assert p.provinces_collected_by(users["bma_collector"]) == ["10"]
    assert p.provinces_collected_by(users["unit"]) == []
    assert p.provinces_collected_by(users["municipality"]) == []


@pytest.mark.parametrize("who", ["other_province", "unit", "hospital", "municipality"])
def test_not_a_collector_of_the_province_gets_403(client, users, who):
    client.force_login(users[who])
    response = client.post(reverse("bundles:list"), {"scope": "province", "province": "21"})
    assert response.status_code == 403
    api = APIClient()
    api.force_authenticate(users[who])
    response = api.post(reverse("api-bundles"), {"province": "21"}, format="json")
    assert response.status_code == 403
    assert PlanBundle.objects.count() == 0


def test_subtree_outside_ones_reach_gets_403(client, users):
    client.force_login(users["other_province"])
    response = client.post(reverse("bundles:list"), {"scope": "subtree", "organisation": "PU21-HEALTH"})
    assert response.status_code == 403
    assert PlanBundle.objects.count() == 0


def test_anonymous_gets_nothing(client, structure):
    assert client.get(reverse("bundles:list")).status_code == 302
    assert APIClient().get(reverse("api-bundles")).status_code in (401, 403)


def test_someone_elses_bundle_is_403(client, structure, users):
    bundle = PlanBundle.objects.create(requested_by=users["province_collector"], scope="province", province_id="21")
    client.force_login(users["province_viewer"])  # same office, another person
    assert client.get(reverse("bundles:detail", args=[bundle.pk])).status_code == 403
    assert client.get(reverse("bundles:download", args=[bundle.pk])).status_code == 403
    api = APIClient()
    api.force_authenticate(users["province_viewer"])
    assert api.get(reverse("api-bundle", args=[bundle.pk])).status_code == 403
    assert api.get(reverse("api-bundle-download", args=[bundle.pk])).status_code == 403


def test_a_requester_who_left_the_office_can_no_longer_download(client, structure, users):
    user = users["province_collector"]
    bundle = PlanBundle.objects.create(requested_by=user, scope="province", province_id="21")
    Membership.objects.filter(user=user).delete()
    client.force_login(user)
    assert client.get(reverse("bundles:detail", args=[bundle.pk])).status_code == 403
