"""Campaign fixtures: people with each role at each level of the test structure, plans, campaigns."""

import copy
import datetime

import pytest
from django.utils import timezone

from phrom.accounts.models import Membership
from phrom.campaigns import services
from phrom.plans.models import Scenario
from phrom.plans.services import create_plan
from tests.conftest import member
from tests.plans.conftest import FULL

R = Membership.Role


class People:
    """A coordinator and an approver in every organisation of the structure (usernames: CODE-role)."""

    def __init__(self, structure):
        self.s = structure
        for name, org in vars(structure).items():
            setattr(self, f"{name}_coordinator", member(org, R.COORDINATOR, f"{org.code.lower()}-coordinator"))
            setattr(self, f"{name}_approver", member(org, R.APPROVER, f"{org.code.lower()}-approver"))

    def coordinator(self, org):
        return getattr(self, f"{self._name(org)}_coordinator")

    def approver(self, org):
        return getattr(self, f"{self._name(org)}_approver")

    def _name(self, org):
        return next(n for n, o in vars(self.s).items() if o.pk == org.pk)


@pytest.fixture
def people(structure):
    return People(structure)


def document(**changes):
    doc = copy.deepcopy(FULL)
    doc.update(changes)
    return doc


def make_plan(org, user, *, fiscal_year=2570, **changes):
    return create_plan(org, user=user, fiscal_year=fiscal_year, template=document(**changes), title=changes.get("title"))


def open_campaign(collector, user, **kwargs):
    defaults = {
        "title": "ทบทวนแผน BCP ประจำปี 2570", "fiscal_year": 2570,
        "deadline": timezone.localdate() + datetime.timedelta(days=30),
    }
    return services.create_campaign(collector, user=user, **{**defaults, **kwargs})


def send(campaign, org, people, plan=None):
    """The agency's approver approves and sends its plan (made if not given)."""
    plan = plan or make_plan(org, people.coordinator(org))
    return services.submit(campaign, org, user=people.approver(org), plan=plan, approve_now=True)


@pytest.fixture
def national_campaign(structure, people):
    return open_campaign(structure.opdc, people.opdc_coordinator,
                         required_scenarios=[Scenario.objects.get(code="epidemic")])


@pytest.fixture
def unit_plan(structure, people):
    return make_plan(structure.rayong_unit, people.rayong_unit_coordinator)
