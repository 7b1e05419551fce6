"""What the campaigns record about a plan (phrom.campaigns.facts): the dates it was first sent and
last accepted, the version that left the agency last, whether the plan has a version."""

import datetime

import pytest
from django.utils import timezone

from phrom.campaigns import facts, services
from phrom.campaigns.models import Submission
from phrom.plans.content import apply_component, document_at
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.plans import make_plan

pytestmark = pytest.mark.django_db


def test_a_plan_never_sent_has_no_dates_and_no_sent_version(structure, people):
    plan = make_plan(structure.municipality, people.municipality_coordinator)
    assert facts.plan_dates([plan.pk]) == {plan.pk: (None, None)}
    assert facts.plan_dates([plan.pk])[plan.pk].accepted_on is None
    assert facts.last_sent_versions(plans=[plan.pk]) == {}


def test_sent_then_accepted(structure, people, national_campaign):
    sub = send(national_campaign, structure.municipality, people)
    assert facts.accepted_on(sub) is None
    assert facts.plan_dates([sub.plan_id])[sub.plan_id] == (timezone.localdate(sub.first_sent_at), None)
    sub = services.review(sub, user=people.opdc_coordinator, collector=structure.opdc, decision="accept")
    day = timezone.localdate(sub.decided_at)
    assert facts.accepted_on(sub) == day
    assert facts.plan_dates([sub.plan_id])[sub.plan_id] == facts.PlanDates(timezone.localdate(sub.first_sent_at), day)


def test_over_several_campaigns_the_first_sending_and_the_last_acceptance_count(structure, people, national_campaign):
    plan = make_plan(structure.municipality, people.municipality_coordinator)
    other = open_campaign(structure.opdc, people.opdc_coordinator, title="อีกรอบ")
    subs = [send(c, structure.municipality, people, plan) for c in (national_campaign, other)]
    for sub in subs:
        services.review(sub, user=people.opdc_coordinator, collector=structure.opdc, decision="accept")
    at = datetime.datetime(2026, 3, 1, 20, 0, tzinfo=datetime.UTC)  # 2 March in Bangkok
    Submission.objects.filter(pk=subs[0].pk).update(first_sent_at=at, decided_at=at + datetime.timedelta(days=1))
    Submission.objects.filter(pk=subs[1].pk).update(first_sent_at=at + datetime.timedelta(days=5),
                                                     decided_at=at + datetime.timedelta(days=9))
    assert facts.plan_dates([plan.pk])[plan.pk] == (datetime.date(2026, 3, 2), datetime.date(2026, 3, 11))


def test_the_version_sent_last_not_the_plan_now(structure, people, national_campaign):
    plan = make_plan(structure.municipality, people.municipality_coordinator)
    sub = send(national_campaign, structure.municipality, people, plan)
    sent = sub.version
    processes = document_at(plan)["processes"]
    processes[0]["rto_hours"] = 2
    apply_component(plan, "processes", processes, user=people.municipality_coordinator,
                    expected_revision=plan.component_revision("processes"))
    plan.refresh_from_db()
    assert plan.revision > sent
    assert facts.last_sent_versions(plans=[plan.pk]) == {plan.pk: sent}
    assert facts.last_sent_versions(submissions=[sub.pk]) == {sub.pk: sent}
    with pytest.raises(TypeError):
        facts.last_sent_versions()
    with pytest.raises(TypeError):
        facts.last_sent_versions(plans=[plan.pk], submissions=[sub.pk])


def test_bulk_questions_cost_one_query_however_many_plans(structure, people, national_campaign,
                                                          django_assert_num_queries):
    plans = [make_plan(structure.municipality, people.municipality_coordinator, fiscal_year=y) for y in (2568, 2569, 2570)]
    send(national_campaign, structure.municipality, people, plans[2])
    ids = [p.pk for p in plans]
    with django_assert_num_queries(1):
        assert set(facts.plan_dates(ids)) == set(ids)
    with django_assert_num_queries(1):
        assert set(facts.last_sent_versions(plans=ids)) == {plans[2].pk}


def test_has_version(structure, people):
    plan = make_plan(structure.municipality, people.municipality_coordinator)
    assert [facts.has_version(plan, n) for n in (0, 1, plan.revision, plan.revision + 1)] == [False, True, True, False]
