"""The campaign list shows each person the campaigns that concern them, and what their agency has done."""

from django.urls import reverse

from phrom.campaigns import services
from phrom.orgs.models import OrgKind
from tests.helpers.campaigns import open_campaign, send


def _list(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("campaigns:list")).content.decode()


def test_must_send_only_until_the_plan_is_sent(client, structure, people):
    unit = structure.rayong_unit
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    assert f"{unit.name_th} ต้องส่งแผน" in _list(client, people.coordinator(unit))
    send(campaign, unit, people)
    page = _list(client, people.coordinator(unit))
    assert f"{unit.name_th} ส่งแผนแล้ว" in page and f"{unit.name_th} ต้องส่งแผน" not in page


def test_an_accepted_plan_is_said_to_be_accepted(client, structure, people):
    town = structure.municipality
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    sub = send(campaign, town, people)
    services.review(sub, user=people.opdc_coordinator, collector=structure.opdc, decision="accept")
    page = _list(client, people.municipality_coordinator)
    assert f"{town.name_th}: รับแผนแล้ว" in page and f"{town.name_th} ต้องส่งแผน" not in page


def test_campaigns_not_addressed_to_the_agency_are_not_listed(client, structure, people):
    open_campaign(structure.opdc, people.opdc_coordinator, title="เฉพาะหน่วยงานส่วนภูมิภาค",
                  kinds=OrgKind.objects.filter(pk="provincial_unit"))
    assert "เฉพาะหน่วยงานส่วนภูมิภาค" not in _list(client, people.municipality_coordinator)
    assert "เฉพาะหน่วยงานส่วนภูมิภาค" in _list(client, people.coordinator(structure.rayong_unit))
    assert "เฉพาะหน่วยงานส่วนภูมิภาค" in _list(client, people.opdc_approver)  # OPDC sees every campaign
