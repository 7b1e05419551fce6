import pytest

from phrom.orgs.data.kinds import KINDS
from phrom.orgs.models import Organisation, RouteEntry, RouteRule
from phrom.orgs.routes import RouteResolver, rebuild_route_entries, route_of, stored_route
from phrom.orgs.tree_paths import refresh_tree_paths
from tests.factories import OrganisationFactory


def codes(orgs):
    return [o.code for o in orgs]


@pytest.mark.parametrize(
    "attr, collectors, informed",
    [
        ("moi", ["OPDC"], []),
        ("dms", ["OPDC"], []),
        ("rayong_office", ["OPDC"], []),
        ("rayong_unit", ["PO21", "OPDC"], []),
        ("central_unit", ["DMS", "OPDC"], ["PO21"]),
        ("hospital", ["PU21-HEALTH", "PO21", "OPDC"], []),
        ("municipality", ["OPDC"], []),
        ("bma", ["OPDC"], []),
        ("bma_district", ["BMA-DPM", "OPDC"], []),
        ("bma_disaster", ["OPDC"], []),
        ("opdc", [], []),
    ],
)
def test_route_of_each_level(structure, attr, collectors, informed):
    route = route_of(getattr(structure, attr))
    assert codes(route.collectors) == collectors
    assert codes(route.informed) == informed


def test_every_kind_has_a_route_rule(db):
    kinds_with_rules = set(RouteRule.objects.filter(role="collect").values_list("kind_id", flat=True))
    assert {code for code, *_ in KINDS} <= kinds_with_rules


@pytest.mark.parametrize("kind", [code for code, *_ in KINDS])
def test_every_kind_routes_to_opdc(structure, kind):
    """Whatever its kind, an organisation's plan ends at the national collector (or is OPDC)."""
    parents = {"central_unit": structure.dms, "district_office": structure.dopa, "school": structure.rayong_unit,
               "hospital": structure.rayong_unit, "bma_unit": structure.bma}
    org = OrganisationFactory(kind_id=kind, province_id="21" if kind != "bma_unit" else "10", parent=parents.get(kind))
    route = route_of(org)
    assert route.collectors and route.collectors[-1].code == "OPDC"
    assert not route.unresolved


def test_missing_provincial_office_is_reported_not_hidden(structure):
    unit = OrganisationFactory(kind_id="provincial_unit", province_id="50")  # no office for Chiang Mai here
    route = route_of(unit)
    assert route.collectors == []
    assert route.unresolved == ["province:provincial_office"]


def test_new_collector_is_a_row_not_code(structure):
    """A ministry that wants to collect its departments' plans: one new rule row."""
    RouteRule.objects.filter(kind_id="department", when_collector="").update(position=2)
    RouteRule.objects.create(kind_id="department", role="collect", position=1, target="ancestor:ministry")
    assert codes(route_of(structure.dms).collectors) == ["MOPH", "OPDC"]


def test_looping_rules_terminate(structure):
    RouteRule.objects.filter(kind_id="ministry").update(target="org:DMS")
    # department -> OPDC stays; make OPDC point back to the ministry to form a loop.
    RouteRule.objects.create(kind_id="department", when_collector="national", role="collect", position=1,
                             target="org:MOPH")
    route = route_of(structure.moph)
    assert codes(route.collectors) == ["DMS", "OPDC"]


def test_stored_routes_match_computed_routes(structure):
    rebuild_route_entries()
    resolver = RouteResolver.load()
    for org in Organisation.objects.all():
        live, stored = resolver.route(org), stored_route(org)
        assert codes(live.collectors) == codes(stored.collectors)
        assert codes(live.informed) == codes(stored.informed)
    assert RouteEntry.objects.filter(organisation=structure.hospital, role="collect").count() == 3


def test_tree_paths(structure):
    assert structure.hospital.tree_path == "/MOPH/PU21-HEALTH/HOSP21/"
    assert set(codes(structure.moph.descendants())) == {"DMS", "PU21-HEALTH", "HOSP21", "CU21-DMS"}
    assert codes(structure.hospital.ancestors()) == ["MOPH", "PU21-HEALTH"]
    structure.hospital.parent = structure.dms
    structure.hospital.save()
    assert refresh_tree_paths() == 1
    structure.hospital.refresh_from_db()
    assert structure.hospital.tree_path == "/MOPH/DMS/HOSP21/"
