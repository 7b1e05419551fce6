"""A bundle reads sent versions only (issue 11): a plan whose status says it left the agency but
that was never sent (nor imported by an operator as a historical round) is listed as not sent."""

from phrom.bundles import scope
from phrom.bundles.models import PlanBundle
from phrom.exchange.export import export_plans
from phrom.exchange.importer import import_plans
from phrom.plans.models import Plan


def _entries(structure, people):
    bundle = PlanBundle(scope=PlanBundle.Scope.PROVINCE, province=structure.rayong_office.province)
    return {e.organisation.code: e for e in scope.entries(bundle, people.opdc_coordinator)}


def test_a_never_sent_plan_is_left_out_whatever_its_status(structure, people, rayong):
    forged = rayong["plans"]["PO21"]
    Plan.objects.filter(pk=forged.pk).update(status="accepted")  # a status that no campaign gave
    entry = _entries(structure, people)["PO21"]
    assert (entry.outcome, entry.plan, entry.version) == (scope.NOT_SENT, None, None)
    assert _entries(structure, people)["PU21-HEALTH"].outcome == scope.INCLUDED  # sent through the campaign


def test_an_operators_historical_import_counts_as_sent(structure, people, rayong):
    history = export_plans([rayong["plans"]["PO21"]], user=None)
    history["plans"][0]["state"] = "accepted"
    assert import_plans(history, user=None).ok
    entry = _entries(structure, people)["PO21"]
    assert entry.outcome == scope.INCLUDED and entry.version == rayong["plans"]["PO21"].revision
