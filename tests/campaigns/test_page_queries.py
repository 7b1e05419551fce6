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
    with django_assert_max_num_queries(12):  # 11 for a campaign of some kinds (the demo's): no list of every kind
        page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "PU21-HEALTH" in html
    assert re.search(r'<option value="21"[^>]*>ระยอง</option>', html)  # the filters still list the provinces


def _pending_at(office, rayong, client, people):
    client.force_login(people.coordinator(office))
    sub = rayong["campaign"].submissions.get(organisation__code="PU21-HEALTH")
    return sub, reverse("campaigns:submission", args=[sub.pk])


def test_a_submission_read_by_its_reviewer(client, structure, people, rayong, django_assert_max_num_queries):
    sub, url = _pending_at(structure.rayong_office, rayong, client, people)
    client.get(url)
    with django_assert_max_num_queries(13):  # the route asked once for both "may see" and "may read"
        page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "review-form" in html and 'id="c-team"' in html


def test_reviewing_a_submission(client, structure, people, rayong, django_assert_max_num_queries):
    sub, url = _pending_at(structure.rayong_office, rayong, client, people)
    with django_assert_max_num_queries(20):  # with the transaction's savepoints and the session's message
        response = client.post(reverse("campaigns:review", args=[sub.pk]), {"lock": sub.lock, "decision": "accept"})
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.holder == structure.opdc  # forwarded up the route
