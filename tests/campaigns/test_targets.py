"""Routes end to end for every organisation kind: who must send, and which collectors the plan passes."""

import pytest

from phrom.accounts import permissions
from phrom.accounts.models import Membership
from phrom.campaigns import services
from phrom.campaigns import targets as T
from phrom.campaigns.models import Submission
from phrom.orgs.data.kinds import STRAIGHT_TO_OPDC
from phrom.orgs.models import Organisation, OrgKind
from phrom.orgs.routes import rebuild_route_entries
from phrom.orgs.tree_paths import refresh_tree_paths
from tests.factories import OrganisationFactory
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.people import member

pytestmark = pytest.mark.django_db


def codes(orgs):
    return [o.code for o in orgs]


@pytest.mark.parametrize("kind", [k for k in STRAIGHT_TO_OPDC if k != "provincial_office"])
def test_kinds_that_send_straight_to_opdc(structure, people, kind):
    org = OrganisationFactory(code=f"X-{kind}", kind_id=kind, province_id="21")
    rebuild_route_entries()
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    assert T.is_target(campaign, org)
    assert codes(T.stage_collectors(campaign, org)) == ["OPDC"]
    coordinator = member(org, Membership.Role.APPROVER)
    from tests.helpers.plans import make_plan

    sub = services.submit(campaign, org, user=coordinator, plan=make_plan(org, coordinator), approve_now=True)
    assert sub.holder == structure.opdc
    accepted = services.review(sub, user=people.opdc_coordinator, collector=structure.opdc, decision="accept")
    assert accepted.state == Submission.State.ACCEPTED


def test_every_kind_has_a_route_to_a_collector(structure):
    """No kind is left without a collector (the kinds of the other tests cover each route rule)."""
    from phrom.orgs.models import RouteRule

    ruled = set(RouteRule.objects.values_list("kind_id", flat=True))
    assert ruled == set(OrgKind.objects.values_list("code", flat=True))


def test_provincial_unit_goes_to_the_provincial_office_then_opdc(structure, people, national_campaign):
    assert codes(T.stage_collectors(national_campaign, structure.rayong_unit)) == ["PO21", "OPDC"]
    sub = send(national_campaign, structure.rayong_unit, people)
    assert sub.holder == structure.rayong_office
    sub = services.review(sub, user=people.rayong_office_coordinator, collector=structure.rayong_office, decision="accept")
    assert sub.holder == structure.opdc and sub.state == Submission.State.IN_REVIEW
    sub = services.review(sub, user=people.opdc_approver, collector=structure.opdc, decision="accept")
    assert sub.state == Submission.State.ACCEPTED
    assert list(sub.stages.values_list("collector__code", "status")) == [("PO21", "forwarded"), ("OPDC", "accepted")]


def test_provincial_office_sends_its_own_plan_straight_to_opdc(structure, people, national_campaign):
    assert codes(T.stage_collectors(national_campaign, structure.rayong_office)) == ["OPDC"]
    assert send(national_campaign, structure.rayong_office, people).holder == structure.opdc


def test_central_unit_goes_to_its_department_and_the_province_is_informed(structure, people, national_campaign):
    unit, office = structure.central_unit, structure.rayong_office
    assert codes(T.stage_collectors(national_campaign, unit)) == ["DMS", "OPDC"]
    sub = send(national_campaign, unit, people)
    assert sub.holder == structure.dms
    # The provincial office reads it (informed) but does not review it.
    assert codes(T.informed_scope(national_campaign, office)) == ["CU21-DMS"]
    assert permissions.can_read_submission(people.rayong_office_coordinator, sub)
    assert not any(
        permissions.can_review_at(people.rayong_office_coordinator, unit, c)
        for c in T.stage_collectors(national_campaign, unit)
    )
    sub = services.review(sub, user=people.dms_coordinator, collector=structure.dms, decision="accept")
    assert sub.holder == structure.opdc
    services.review(sub, user=people.opdc_coordinator, collector=structure.opdc, decision="accept")


def test_municipality_goes_straight_to_opdc(structure, people, national_campaign):
    assert codes(T.stage_collectors(national_campaign, structure.municipality)) == ["OPDC"]


def test_bma_district_goes_to_the_bma_disaster_office(structure, people):
    bma_campaign = open_campaign(structure.bma_disaster, people.bma_disaster_coordinator,
                                 title="ทบทวนแผน BCP หน่วยงานในสังกัดกรุงเทพมหานคร")
    assert codes(T.targets(bma_campaign)) == ["BMA-D01"]
    assert codes(T.stage_collectors(bma_campaign, structure.bma_district)) == ["BMA-DPM"]
    sub = send(bma_campaign, structure.bma_district, people)
    sub = services.review(sub, user=people.bma_disaster_approver, collector=structure.bma_disaster, decision="accept")
    assert sub.state == Submission.State.ACCEPTED
    # In OPDC's campaign the same district passes the BMA disaster office first.
    national = open_campaign(structure.opdc, people.opdc_coordinator)
    assert codes(T.stage_collectors(national, structure.bma_district)) == ["BMA-DPM", "OPDC"]


def test_bma_disaster_office_requires_cyber_threats(structure, people):
    """Seed 001: the BMA collector's rule (cyber threat in every plan) blocks a plan without it."""
    from tests.helpers.plans import document, make_plan

    bma_campaign = open_campaign(structure.bma_disaster, people.bma_disaster_coordinator)
    doc = document()
    doc["scope"]["scenarios"] = [s for s in doc["scope"]["scenarios"] if s["code"] != "cyber"]
    doc["impacts"] = [i for i in doc["impacts"] if i["scenario"] != "cyber"]
    plan = make_plan(structure.bma_district, people.bma_district_coordinator, scope=doc["scope"], impacts=doc["impacts"])
    with pytest.raises(services.CampaignError) as refused:
        send(bma_campaign, structure.bma_district, people, plan)
    assert refused.value.code == "blocked"


def test_a_department_collects_its_own_sub_units(structure, people):
    """A parent's campaign for its sub-units (seed 000 §3.2): the hospital sends to its parent only."""
    campaign = open_campaign(structure.rayong_unit, people.rayong_unit_coordinator, subtree=structure.rayong_unit,
                             kinds=[OrgKind.objects.get(code="hospital")])
    assert codes(T.targets(campaign)) == ["HOSP21"]
    assert codes(T.stage_collectors(campaign, structure.hospital)) == ["PU21-HEALTH"]
    sub = send(campaign, structure.hospital, people)
    sub = services.review(sub, user=people.rayong_unit_coordinator, collector=structure.rayong_unit, decision="accept")
    assert sub.state == Submission.State.ACCEPTED


def test_kind_and_subtree_narrow_the_targets(structure, people):
    campaign = open_campaign(structure.opdc, people.opdc_coordinator,
                             kinds=[OrgKind.objects.get(code="provincial_unit"), OrgKind.objects.get(code="central_unit")])
    assert codes(T.targets(campaign).order_by("code")) == ["CU21-DMS", "PU21-HEALTH"]
    campaign = open_campaign(structure.opdc, people.opdc_coordinator, subtree=structure.moph)
    # Under the Ministry of Public Health: its department, its units and their sub-units.
    assert codes(T.targets(campaign).order_by("code")) == ["CU21-DMS", "DMS", "HOSP21", "PU21-HEALTH"]


def test_is_target_answers_as_targets_does(structure, people):
    """is_target asks the rule of targets() of one organisation and its route, without the query."""
    kinds = [OrgKind.objects.get(code="provincial_unit"), OrgKind.objects.get(code="hospital")]
    campaigns = [
        open_campaign(structure.opdc, people.opdc_coordinator),
        open_campaign(structure.opdc, people.opdc_coordinator, kinds=kinds),
        open_campaign(structure.opdc, people.opdc_coordinator, subtree=structure.moph),
        open_campaign(structure.opdc, people.opdc_coordinator, subtree=structure.moph, kinds=kinds),
        open_campaign(structure.rayong_office, people.rayong_office_coordinator),
        open_campaign(structure.rayong_unit, people.rayong_unit_coordinator, subtree=structure.rayong_unit),
        open_campaign(structure.bma_disaster, people.bma_disaster_coordinator),
    ]
    for campaign in campaigns:
        expected = set(T.targets(campaign).values_list("pk", flat=True))
        assert expected  # every campaign here asks someone
        for org in Organisation.objects.all():
            route = T.collectors_on_route(org)
            assert T.is_target(campaign, org, route) == T.is_target(campaign, org) == (org.pk in expected), (
                campaign.collector.code, org.code)


def test_intermediate_collectors_see_their_part(structure, people, national_campaign):
    scope = codes(T.scope(national_campaign, structure.rayong_office).order_by("code"))
    assert scope == ["HOSP21", "PU21-HEALTH"]  # provincial units of Rayong and their sub-units
    assert codes(T.scope(national_campaign, structure.dms)) == ["CU21-DMS"]
    assert T.is_viewpoint(national_campaign, structure.rayong_office)
    assert not T.is_viewpoint(national_campaign, structure.municipality)
    moved = OrganisationFactory(code="PU21-NEW", kind_id="provincial_unit", province_id="21")
    refresh_tree_paths()
    rebuild_route_entries()
    assert "PU21-NEW" in codes(T.scope(national_campaign, structure.rayong_office))
    assert moved.pk in set(T.targets(national_campaign).values_list("pk", flat=True))
