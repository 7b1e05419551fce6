"""Recording the facts of a plan's latest sent version (models.SentFacts), in bulk.

Called when a version leaves the agency (signals: a campaign's "sent" event, an operator's import of
a historical round) and by whoever writes sent plans in bulk. Recording again replaces the rows, so
the facts always describe the version phrom.campaigns.facts.last_sent_versions names.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from phrom.campaigns.facts import last_sent
from phrom.plans.codes import HEADER, Classification
from phrom.plans.content import documents_at
from phrom.plans.models import Plan, Scenario
from phrom.plans.quality import check_stored_plan

from .models import SentFacts, SentFinding, SentProcess, SentScenario


def _hours(value):
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def record(plan_ids: Iterable[int]) -> int:
    """(Re)write the facts of these plans' latest sent versions; a plan never sent has none. Returns
    the number of plans with facts."""
    sent = last_sent(list(plan_ids))
    versions = {pk: version for pk, (version, _at) in sent.items()}
    catalogue = set(Scenario.objects.values_list("code", flat=True))
    plans = Plan.objects.filter(pk__in=list(versions)).select_related("organisation")
    documents = documents_at(versions)
    facts, scenarios, processes, findings = [], [], [], []
    for plan in plans:
        doc, sent_at = documents[plan.pk], sent[plan.pk][1]
        header = doc.get(HEADER) or {}
        check = check_stored_plan(plan, version=versions[plan.pk], document=doc, today=timezone.localdate(sent_at))
        reviewed = header.get("reviewed_on")
        facts.append(SentFacts(
            plan_id=plan.pk, version=versions[plan.pk], sent_at=sent_at, score=check.score,
            sensitive=header.get("classification") == Classification.SENSITIVE,
            reviewed_on=reviewed or None,
        ))
        codes = {s.get("code") for s in (doc.get("scope") or {}).get("scenarios", []) if isinstance(s, dict)}
        scenarios += [SentScenario(facts_id=plan.pk, code=c) for c in sorted(codes & catalogue)]
        processes += [
            SentProcess(facts_id=plan.pk, impact_level=p.get("impact_level") or "", rto_hours=_hours(p.get("rto_hours")),
                        rpo_hours=_hours(p.get("rpo_hours")), depends_on_it=bool(p.get("depends_on_it")),
                        eservice=bool(p.get("eservice")))
            for p in doc.get("processes") or [] if isinstance(p, dict)
        ]
        findings += [SentFinding(facts_id=plan.pk, code=c) for c in sorted({f.code for f in check.findings})]
    with transaction.atomic():
        SentFacts.objects.filter(plan_id__in=list(versions)).delete()
        SentFacts.objects.bulk_create(facts, batch_size=1000)
        for model, rows in ((SentScenario, scenarios), (SentProcess, processes), (SentFinding, findings)):
            model.objects.bulk_create(rows, batch_size=1000)
    return len(facts)
