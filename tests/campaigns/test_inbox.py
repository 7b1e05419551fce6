"""Inboxes and roll-up counts at each level: provincial units → provincial offices → OPDC."""

import pytest

from phrom.accounts.models import Membership
from phrom.campaigns import services
from phrom.campaigns.inbox import Filters, counts, inbox, informed
from phrom.orgs.models import OrgKind
from phrom.orgs.routes import rebuild_route_entries
from phrom.orgs.tree_paths import refresh_tree_paths
from tests.factories import OrganisationFactory
from tests.helpers.campaigns import open_campaign
from tests.helpers.people import member
from tests.helpers.plans import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(structure):
    made = {
        "A": OrganisationFactory(code="PU21-A", name_th="สำนักงานเกษตรจังหวัดระยอง", kind_id="provincial_unit", province_id="21"),
        "B": OrganisationFactory(code="PU21-B", name_th="สำนักงานพาณิชย์จังหวัดระยอง", kind_id="provincial_unit", province_id="21"),
        "C": OrganisationFactory(code="PU21-C", name_th="สำนักงานแรงงานจังหวัดระยอง", kind_id="provincial_unit", province_id="21"),
        "D": OrganisationFactory(code="PU20-D", name_th="สำนักงานเกษตรจังหวัดชลบุรี", kind_id="provincial_unit", province_id="20"),
    }
    refresh_tree_paths()
    rebuild_route_entries()
    return made


def _send(campaign, org):
    approver = member(org, Membership.Role.APPROVER)
    return services.submit(campaign, org, user=approver, plan=make_plan(org, approver), approve_now=True)


def test_rollup_counts_are_right_at_each_level(structure, people, units):
    campaign = open_campaign(structure.opdc, people.opdc_coordinator, kinds=[OrgKind.objects.get(code="provincial_unit")])
    po21, po20, opdc = structure.rayong_office, structure.chonburi_office, structure.opdc
    a, b, c, d = (_send(campaign, units[k]) for k in "ABCD")
    services.review(a, user=people.rayong_office_coordinator, collector=po21, decision="accept")
    services.review(b, user=people.rayong_office_coordinator, collector=po21, decision="return",
                    comments=[{"component": "team", "text": "ไม่มีผู้สำรอง"}])
    services.review(d, user=people.chonburi_office_coordinator, collector=po20, decision="accept")
    a.refresh_from_db()
    services.review(a, user=people.opdc_coordinator, collector=opdc, decision="accept")

    assert counts(campaign, po21) == {"to_review": 1, "returned": 1, "forwarded": 1, "accepted": 0, "declared": 0,
                                      "received": 3, "informed": 0}
    assert counts(campaign, po20) == {"to_review": 0, "returned": 0, "forwarded": 1, "accepted": 0, "declared": 0,
                                      "received": 1, "informed": 0}
    assert counts(campaign, opdc) == {"to_review": 1, "returned": 0, "forwarded": 0, "accepted": 1, "declared": 0,
                                      "received": 2, "informed": 0}
    # The office's inbox lists its pending plan; OPDC's what reached it.
    assert [s.submission.organisation.code for s in inbox(campaign, po21, Filters())] == ["PU21-C"]
    assert [s.submission.organisation.code for s in inbox(campaign, opdc, Filters(status="received"))] == ["PU20-D", "PU21-A"]
    # B is resent after correction: back to the office, whose counts move from returned to to review.
    b_org = units["B"]
    b.refresh_from_db()
    services.submit(campaign, b_org, user=b_org.memberships.get().user, plan=b.plan, approve_now=True)
    assert counts(campaign, po21)["to_review"] == 2 and counts(campaign, po21)["returned"] == 0


def test_filters_by_province_kind_score_and_name(structure, people, units):
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    for k in "AD":
        _send(campaign, units[k])
    _send(campaign, structure.municipality)
    opdc = structure.opdc
    everything = Filters(status="received")
    assert inbox(campaign, opdc, everything).count() == 1  # A and D are still at their provincial offices
    po21 = structure.rayong_office
    assert inbox(campaign, po21, Filters()).count() == 1
    sub = inbox(campaign, opdc, Filters()).get().submission
    assert inbox(campaign, opdc, Filters(province="21")).count() == 1
    assert inbox(campaign, opdc, Filters(province="20")).count() == 0
    assert inbox(campaign, opdc, Filters(kind="town_municipality")).count() == 1
    assert inbox(campaign, opdc, Filters(kind="sao")).count() == 0
    assert inbox(campaign, opdc, Filters(min_score=sub.score)).count() == 1
    assert inbox(campaign, opdc, Filters(min_score=sub.score + 1)).count() == 0
    assert inbox(campaign, opdc, Filters(max_score=max(0, sub.score - 1))).count() == 0
    assert inbox(campaign, opdc, Filters(q="เทศบาลเมือง")).count() == 1
    assert inbox(campaign, opdc, Filters(q="ชลบุรี")).count() == 0


def test_informed_office_sees_central_units_of_its_province(structure, people):
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    _send(campaign, structure.central_unit)
    rows = list(informed(campaign, structure.rayong_office, Filters()))
    assert [s.organisation.code for s in rows] == ["CU21-DMS"]
    assert counts(campaign, structure.rayong_office)["informed"] == 1
    assert counts(campaign, structure.chonburi_office)["informed"] == 0
