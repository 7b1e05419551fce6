"""The home page and the plan pages a coordinator opens on a deadline day ask the database a bounded
number of times, however many plans and findings there are (issue 11: each query costs CPU in Django
and in PostgreSQL). Before the cut: home 36, plan list 10, plan overview 27;
after the first wave 24, 8, 19."""

import pytest
from django.urls import reverse

from tests.helpers.campaigns import open_campaign
from tests.helpers.plans import make_plan


@pytest.fixture
def coordinator(structure, people):
    """A coordinator with two plans (last year's and this year's), asked for one by an open campaign."""
    open_campaign(structure.opdc, people.opdc_coordinator)
    unit = structure.rayong_unit
    user = people.coordinator(unit)
    make_plan(unit, user, fiscal_year=2569)
    user.plan = make_plan(unit, user, fiscal_year=2570, title="แผนปีนี้")
    return user


def test_home(client, coordinator, django_assert_max_num_queries):
    client.force_login(coordinator)
    with django_assert_max_num_queries(21):
        page = client.get(reverse("home")).content.decode()
    assert "ยังไม่ได้ส่งแผนให้การรวบรวม" in page and reverse("plans:overview", args=[coordinator.plan.pk]) in page


def test_plan_list(client, coordinator, django_assert_max_num_queries):
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("plans:mine")).content.decode()
    assert page.count('<span class="badge draft">') == 2


def test_plan_overview(client, coordinator, django_assert_max_num_queries):
    client.force_login(coordinator)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("plans:overview", args=[coordinator.plan.pk])).content.decode()
    assert "แผนปีนี้" in page and "findings-panel" in page
