"""Campaign fixtures: a national campaign, and a unit's plan (people and plans: tests/conftest.py)."""

import pytest

from phrom.plans.models import Scenario
from tests.helpers.campaigns import open_campaign
from tests.helpers.plans import make_plan


@pytest.fixture
def national_campaign(structure, people):
    return open_campaign(structure.opdc, people.opdc_coordinator,
                         required_scenarios=[Scenario.objects.get(code="epidemic")])


@pytest.fixture
def unit_plan(structure, people):
    return make_plan(structure.rayong_unit, people.rayong_unit_coordinator)
