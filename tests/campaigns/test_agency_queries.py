"""The agency's campaign page and the two posts made from it (send, approve) read a fixed number of
rows, however many plans, events and comments the agency has (issue 11, the deadline-day load):
these bounds fail when a change adds a query to them."""

import pytest
from django.urls import reverse

from phrom.campaigns import services
from phrom.campaigns.models import Submission
from phrom.plans.models import Plan
from tests.helpers.plans import make_plan

pytestmark = pytest.mark.django_db

# Queries of a signed-in page before the view's own: the session and the user.
SIGNED_IN = 2
# The readiness check reads the agency's last exercise recorded in Phrom when the plan has no date of its
# own in the last 12 months (as these test plans): one query that a plan with its date does not make.


@pytest.fixture
def agency(structure, people, national_campaign):
    """The unit, as the demo's agencies are: its plans of two years and a security-sensitive one."""
    unit = structure.rayong_unit
    coordinator = people.coordinator(unit)
    make_plan(unit, coordinator, fiscal_year=2569)
    plan = make_plan(unit, coordinator, fiscal_year=2570)
    make_plan(unit, coordinator, fiscal_year=2568, classification="sensitive")
    return unit, plan


def page(client, user, campaign, org):
    client.force_login(user)
    url = reverse("campaigns:agency", args=[campaign.pk, org.code])
    client.get(url)  # the first request after signing in renews the session
    return url


def test_the_coordinator_s_page_before_anything_is_sent(client, people, national_campaign, agency,
                                                        django_assert_max_num_queries):
    unit, plan = agency
    url = page(client, people.coordinator(unit), national_campaign, unit)
    with django_assert_max_num_queries(SIGNED_IN + 11):
        body = client.get(url).content.decode()
    send_form = body[body.index('class="send-form"'):]
    send_form = send_form[:send_form.index("</form>")]
    assert f'<option value="{plan.pk}" selected>' in send_form  # the plan of the campaign's year, chosen
    assert send_form.count("<option") == 2  # the two ordinary plans; the sensitive one is declared
    assert body.count("<option") == 2 + 2  # and to declare: "none" or the sensitive one


def test_the_approver_s_page_with_a_plan_waiting(client, people, national_campaign, agency,
                                                 django_assert_max_num_queries):
    unit, plan = agency
    sub = services.submit(national_campaign, unit, user=people.coordinator(unit), plan=plan)
    url = page(client, people.approver(unit), national_campaign, unit)
    with django_assert_max_num_queries(SIGNED_IN + 11):
        body = client.get(url).content.decode()
    assert reverse("campaigns:approve", args=[sub.pk]) in body


def test_the_page_of_a_returned_plan_with_comments_and_history(client, structure, people, national_campaign, agency,
                                                               django_assert_max_num_queries):
    unit, plan = agency
    sub = services.submit(national_campaign, unit, user=people.approver(unit), plan=plan, approve_now=True)
    services.review(sub, user=people.rayong_office_coordinator, collector=structure.rayong_office, decision="return",
                    comments=[{"component": c, "text": f"แก้ไขส่วน {c}"} for c in ("scope", "team", "processes")])
    url = page(client, people.coordinator(unit), national_campaign, unit)
    with django_assert_max_num_queries(SIGNED_IN + 13):
        body = client.get(url).content.decode()
    assert all(f"แก้ไขส่วน {c}" in body for c in ("scope", "team", "processes"))


def test_sending_and_approving(client, people, national_campaign, agency, django_assert_max_num_queries):
    unit, plan = agency
    url = page(client, people.coordinator(unit), national_campaign, unit)
    with django_assert_max_num_queries(SIGNED_IN + 23):
        assert client.post(url + "submit/", {"plan": plan.pk}).status_code == 302
    sub = Submission.objects.get(kind=Submission.Kind.PLAN)
    assert sub.state == Submission.State.AWAITING_APPROVAL
    page(client, people.approver(unit), national_campaign, unit)
    with django_assert_max_num_queries(SIGNED_IN + 38):  # with the statistics, search and gap figures of a sent version
        assert client.post(reverse("campaigns:approve", args=[sub.pk])).status_code == 302
    sub.refresh_from_db()
    assert sub.state == Submission.State.IN_REVIEW and sub.stages.get().collector == sub.holder


def test_a_plan_of_another_agency_cannot_be_sent(client, structure, people, national_campaign, agency):
    unit, _plan = agency
    other = make_plan(structure.municipality, people.coordinator(structure.municipality))
    url = page(client, people.coordinator(unit), national_campaign, unit)
    client.post(url + "submit/", {"plan": other.pk})
    assert not Submission.objects.exists() and Plan.objects.filter(organisation=unit).count() == 3
