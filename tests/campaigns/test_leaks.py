"""The agency's internal steps stay in the agency (issue 11): an approver's decline comment and
everyone's IP addresses are not shown to collectors in a submission's history, page or API.
(A security-sensitive plan's content: tests/security/test_leaks.py.)"""

import pytest
from django.test import Client

from phrom.campaigns import services
from tests.helpers.campaigns import open_campaign
from tests.helpers.plans import make_plan

pytestmark = pytest.mark.django_db

DECLINE_COMMENT = "ยังไม่อนุมัติ-ภายในหน่วยงาน-5150"
AGENCY_IP, APPROVER_IP = "10.21.0.7", "10.21.0.8"


@pytest.fixture
def deliberated(structure, people):
    """The unit's approver declines the plan with a comment, then it is put forward again and sent."""
    unit = structure.rayong_unit
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    plan = make_plan(unit, people.rayong_unit_coordinator, fiscal_year=2569)
    sub = services.request_approval(campaign, unit, user=people.rayong_unit_coordinator, plan=plan, ip=AGENCY_IP)
    sub = services.decline(sub, user=people.rayong_unit_approver, comment=DECLINE_COMMENT, ip=APPROVER_IP)
    sub = services.request_approval(campaign, unit, user=people.rayong_unit_coordinator, plan=plan, ip=AGENCY_IP)
    return services.approve(sub, user=people.rayong_unit_approver, ip=APPROVER_IP)


def _history_texts(user, sub) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    urls = [f"/campaigns/submissions/{sub.pk}/", f"/campaigns/submissions/{sub.pk}/audit/",
            f"/api/v1/submissions/{sub.pk}/history/", f"/api/v1/submissions/{sub.pk}/audit/"]
    out = {}
    for url in urls:
        response = client.get(url)
        out[url] = response.content.decode() if response.status_code == 200 else ""
    return out


@pytest.mark.parametrize("who", ["rayong_office_coordinator", "opdc_coordinator"])
def test_collectors_see_neither_the_agencys_deliberation_nor_addresses(people, deliberated, who):
    texts = _history_texts(getattr(people, who), deliberated)
    assert texts[f"/api/v1/submissions/{deliberated.pk}/history/"]  # the history is theirs to see...
    for url, text in texts.items():
        for hidden in (DECLINE_COMMENT, AGENCY_IP, APPROVER_IP):
            assert hidden not in text, (url, hidden)  # ...not the approver's comment nor anyone's address
    client = Client()
    client.force_login(getattr(people, who))
    actions = [e["action"] for e in client.get(f"/api/v1/submissions/{deliberated.pk}/history/").json()]
    assert actions == ["sent"] and all(
        e["ip"] is None for e in client.get(f"/api/v1/submissions/{deliberated.pk}/history/").json())


def test_the_agency_sees_its_own_deliberation(people, deliberated):
    texts = _history_texts(people.rayong_unit_coordinator, deliberated)
    page, api = texts[f"/campaigns/submissions/{deliberated.pk}/"], texts[f"/api/v1/submissions/{deliberated.pk}/history/"]
    assert DECLINE_COMMENT in page and DECLINE_COMMENT in api
    assert APPROVER_IP in api and AGENCY_IP in texts[f"/campaigns/submissions/{deliberated.pk}/audit/"]
