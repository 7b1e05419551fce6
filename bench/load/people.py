"""The people of the deadline-day load (bench/deadline_day.py): ~300 accounts on top of the national
demo data (`phrom demo` + `phrom demo_campaigns`), written to a JSON file the locust scenario reads.

- coordinators: one per provincial unit whose plan could go to the national campaign today (the
  campaign's blocking rules pass, nothing sent yet), outside Rayong (the demo's own sends);
- approvers: one per three of those units (a member of each, as approver);
- collectors: two coordinators of each of those units' provincial offices (the first stage of their
  route), so that two people sometimes review the same plan at once, as on the real day;
- overseers: viewers at OPDC, on the national statistics.

Every account has the one password PASSWORD, hashed once (hashing is deliberately slow).
"""

from __future__ import annotations

import json
from collections import defaultdict

PASSWORD = "Load-test-2570!"


def prepare(path, *, coordinators: int = 150, approvers: int = 50, collectors: int = 50, overseers: int = 50) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from phrom.accounts.models import Membership
    from phrom.campaigns import services
    from phrom.campaigns.models import Campaign, Submission
    from phrom.campaigns.targets import targets
    from phrom.orgs.models import CollectorFlag, Organisation, RouteEntry
    from phrom.plans.models import Plan

    User = get_user_model()
    Role = Membership.Role
    opdc = Organisation.objects.get(collector=CollectorFlag.NATIONAL)
    campaign = Campaign.objects.filter(collector=opdc).order_by("-fiscal_year", "pk").first()
    assert campaign is not None, "no national campaign: run `phrom demo_campaigns` first"

    sent = set(Submission.objects.filter(campaign=campaign).values_list("organisation_id", flat=True))
    units = (targets(campaign).filter(kind_id="provincial_unit").exclude(province_id="21").exclude(pk__in=sent)
             .order_by("province_id", "code"))
    plans = {p.organisation_id: p for p in Plan.objects.filter(organisation__in=units, fiscal_year=campaign.fiscal_year,
                                                               classification="normal", revision__gt=0)}
    first_stage = dict(RouteEntry.objects.filter(organisation__in=units, role="collect", target__kind_id="provincial_office")
                       .values_list("organisation_id", "target_id"))
    chosen = []
    for org in units:
        plan = plans.get(org.pk)
        if plan is None or org.pk not in first_stage:
            continue
        if services.readiness(campaign, plan).blocking:
            continue
        chosen.append((org, plan))
        if len(chosen) == coordinators:
            break
    assert len(chosen) == coordinators, f"only {len(chosen)} units can send today"

    offices = Organisation.objects.in_bulk(sorted({first_stage[o.pk] for o, _p in chosen}))
    people: dict[str, list] = defaultdict(list)
    secret = make_password(PASSWORD)
    with transaction.atomic():
        User.objects.filter(username__startswith="load-").delete()

        def account(name: str):
            return User.objects.create(username=name, password=secret, email=f"{name}@load.phrom.localhost",
                                       first_name="ทดสอบ", last_name=name)

        for n, (org, plan) in enumerate(chosen):
            user = account(f"load-coord-{n:03d}")
            Membership.objects.create(user=user, organisation=org, role=Role.COORDINATOR)
            people["coordinators"].append({"username": user.username, "org": org.code, "plan": plan.pk})
        per_approver = -(-coordinators // approvers)
        for n in range(approvers):
            user = account(f"load-approver-{n:03d}")
            orgs = [org for org, _p in chosen[n * per_approver:(n + 1) * per_approver]]
            Membership.objects.bulk_create([Membership(user=user, organisation=o, role=Role.APPROVER) for o in orgs])
            people["approvers"].append({"username": user.username, "orgs": [o.code for o in orgs]})
        office_list = list(offices.values())
        for n in range(collectors):
            office = office_list[n % len(office_list)]
            user = account(f"load-collector-{n:03d}")
            Membership.objects.create(user=user, organisation=office, role=Role.COORDINATOR)
            people["collectors"].append({"username": user.username, "org": office.code})
        for n in range(overseers):
            user = account(f"load-overseer-{n:03d}")
            Membership.objects.create(user=user, organisation=opdc, role=Role.VIEWER)
            people["overseers"].append({"username": user.username, "org": opdc.code})
    data = {"campaign": campaign.pk, "password": PASSWORD, **people}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
    return data
