"""Query-count guards for the collectors' pages of deadline day (issue 11): the inbox, a submission and
its review. Each figure is what the page asks today for the sizes of the demo's national campaign (a
provincial office's inbox, a full plan); a page that starts asking per row or asking a question twice
goes over it."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def inbox_url(campaign, office, status="received"):
    return reverse("campaigns:inbox", args=[campaign.pk]) + f"?org={office.code}&status={status}"


def test_the_inbox_of_a_provincial_office(client, structure, people, rayong, django_assert_max_num_queries):
    office = structure.rayong_office
    client.force_login(people.coordinator(office))
    url = inbox_url(rayong["campaign"], office)
    client.get(url)
    with django_assert_max_num_queries(14):  # 13 for a campaign of some kinds (the demo's): no list of every kind
        page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "PU21-HEALTH" in html
    assert re.search(r'<option value="21"[^>]*>ระยอง</option>', html)  # the filters still list the provinces
