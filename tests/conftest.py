"""Fixtures shared by every test folder: a small national structure with one organisation per level, a
user at each, people with every role everywhere, a plan, and the sent plans of a province.

What is not a fixture (documents, builders, readers) lives in tests/helpers."""

import copy
import os

import pytest

from phrom.accounts.models import Membership
from phrom.campaigns import services
from phrom.orgs.routes import rebuild_route_entries
from phrom.orgs.tree_paths import refresh_tree_paths
from phrom.plans.content import apply_component, component_document
from phrom.plans.services import create_plan

from .factories import OrganisationFactory, UserFactory
from .helpers.bundles import sensitive_document, title_of
from .helpers.campaigns import open_campaign, send
from .helpers.people import People, member
from .helpers.plans import FULL, make_plan
from .smtp import smtp_server  # noqa: F401  (a real SMTP server on 127.0.0.1 for e-mail tests)


class Structure:
    """Organisations of every level, linked as in DESIGN.md, with routes built."""

    def __init__(self):
        org = OrganisationFactory
        self.opdc = org(code="OPDC", name_th="สำนักงาน ก.พ.ร.", name_en="OPDC", kind_id="department", collector="national")
        self.moi = org(code="MOI", name_th="กระทรวงมหาดไทย", kind_id="ministry")
        self.dopa = org(code="DOPA", name_th="กรมการปกครอง", kind_id="department", parent=self.moi)
        self.moph = org(code="MOPH", name_th="กระทรวงสาธารณสุข", kind_id="ministry")
        self.dms = org(code="DMS", name_th="กรมการแพทย์", kind_id="department", parent=self.moph)
        self.rayong_office = org(
            code="PO21", name_th="สำนักงานจังหวัดระยอง", kind_id="provincial_office", province_id="21", parent=self.dopa
        )
        self.rayong_unit = org(
            code="PU21-HEALTH", name_th="สำนักงานสาธารณสุขจังหวัดระยอง", kind_id="provincial_unit", province_id="21",
            parent=self.moph,
        )
        self.central_unit = org(
            code="CU21-DMS", name_th="ศูนย์การแพทย์ระยอง", kind_id="central_unit", province_id="21", parent=self.dms
        )
        self.hospital = org(
            code="HOSP21", name_th="โรงพยาบาลระยอง", kind_id="hospital", province_id="21", parent=self.rayong_unit
        )
        self.municipality = org(
            code="TM21-001", name_th="เทศบาลเมืองระยอง", kind_id="town_municipality", province_id="21"
        )
        self.chonburi_office = org(
            code="PO20", name_th="สำนักงานจังหวัดชลบุรี", kind_id="provincial_office", province_id="20", parent=self.dopa
        )
        self.bma = org(code="BMA", name_th="กรุงเทพมหานคร", kind_id="bma", province_id="10")
        self.bma_disaster = org(
            code="BMA-DPM", name_th="สำนักป้องกันและบรรเทาสาธารณภัย", kind_id="bma_unit", province_id="10",
            parent=self.bma, collector="bma",
        )
        self.bma_district = org(
            code="BMA-D01", name_th="สำนักงานเขตพระนคร", kind_id="bma_unit", province_id="10", parent=self.bma
        )
        refresh_tree_paths()
        rebuild_route_entries()
        for o in vars(self).values():
            o.refresh_from_db()


def pytest_addoption(parser):
    parser.addoption("--screenshots", metavar="DIR",
                     help="browser tests write a screenshot of every page they look at into DIR (PHROM_SCREENSHOTS)")


def pytest_configure(config):
    from django.conf import settings

    # The static files are served from their apps (WHITENOISE_USE_FINDERS); without the directory that
    # collectstatic fills, WhiteNoise warns at every client's first request (hundreds of lines a run).
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    if config.getoption("--screenshots"):
        os.environ["PHROM_SCREENSHOTS"] = os.path.abspath(config.getoption("--screenshots"))


def pytest_collection_modifyitems(items):
    # pytest-django runs database tests before transactional ones, whose flush at teardown empties the
    # reference data (provinces, kinds, scenarios) the national demo data needs: a demo test must be one.
    for item in items:
        if item.get_closest_marker("demo") and not item.get_closest_marker("django_db"):
            raise pytest.UsageError(f"{item.nodeid} is marked demo: mark it django_db too (see tests/demo)")


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    flushes = bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
    return flushes or bool({"transactional_db", "live_server"} & set(item.fixturenames))


def pytest_collection_finish(session):
    # After every plugin has reordered: a database test after a transactional one would find the
    # reference data flushed (a fixture named like a Playwright one, e.g. `browser`, once pulled the
    # browser tests forward this way).
    items = session.items
    first = next((i for i, item in enumerate(items) if _transactional(item)), len(items))
    late = [item.nodeid for item in items[first:] if "db" in item.fixturenames and not _transactional(item)]
    if late:
        raise pytest.UsageError("database tests ordered after transactional ones: " + ", ".join(late[:5]))


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2's deliberate slowness costs ~0.3 s per user: not what these tests are about.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def media(settings, tmp_path):
    """Files the test writes go under a temporary media root."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def structure(db):
    return Structure()


@pytest.fixture
def opdc_user(structure):
    return member(structure.opdc, Membership.Role.VIEWER, "opdc")


@pytest.fixture
def province_user(structure):
    return member(structure.rayong_office, Membership.Role.COORDINATOR, "rayong_office")


@pytest.fixture
def unit_coordinator(structure):
    return member(structure.rayong_unit, Membership.Role.COORDINATOR, "rayong_unit")


@pytest.fixture
def municipality_user(structure):
    return member(structure.municipality, Membership.Role.COORDINATOR, "rayong_town")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def people(structure):
    return People(structure)


@pytest.fixture
def full_doc():
    return copy.deepcopy(FULL)


@pytest.fixture
def coordinator(structure):
    return member(structure.rayong_unit)


@pytest.fixture
def plan(structure, coordinator):
    return create_plan(structure.rayong_unit, user=coordinator, fiscal_year=2569, template=copy.deepcopy(FULL))


@pytest.fixture
def rayong(structure, people):
    """Plans of province 21 and one of province 20, sent to OPDC's campaign.

    - PU21-HEALTH (provincial unit, collected by PO21): sent; then edited in the agency (not sent again)
    - CU21-DMS (central unit, PO21 informed): sent
    - HOSP21 (hospital, under PU21-HEALTH): a security-sensitive plan, declared
    - PO21 (the provincial office itself): a draft only
    - TM21-001 (municipality, straight to OPDC): sent — not on PO21's reporting line
    - PO20 (Chonburi): sent — another province
    """
    s = structure
    campaign = open_campaign(s.opdc, people.opdc_coordinator)
    plans = {}
    for org in (s.rayong_unit, s.central_unit, s.municipality, s.chonburi_office):
        plan = make_plan(org, people.coordinator(org), title=title_of(org))
        send(campaign, org, people, plan)
        plans[org.code] = plan
    secret = make_plan(s.hospital, people.coordinator(s.hospital), **sensitive_document())
    services.declare(campaign, s.hospital, user=people.approver(s.hospital), title=secret.title, reviewed_on=None,
                     plan=secret, approve_now=True)
    plans[s.hospital.code] = secret
    plans[s.rayong_office.code] = make_plan(s.rayong_office, people.coordinator(s.rayong_office),
                                            title=title_of(s.rayong_office))
    # The unit edits its plan after sending it: that new version has not left the agency.
    unit_plan = plans[s.rayong_unit.code]
    unit_plan.refresh_from_db()
    header = component_document(unit_plan, "header")
    apply_component(unit_plan, "header", {**header, "title": "ร่างแก้ไขที่ยังไม่ได้ส่ง"},
                    user=people.coordinator(s.rayong_unit), expected_revision=unit_plan.component_revision("header"))
    return {"campaign": campaign, "plans": plans}
