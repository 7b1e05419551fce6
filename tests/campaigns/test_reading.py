"""A sent plan on its submission's page is rendered once and kept (phrom.campaigns.reading): what each
reader sees is still the version sent, in their language, with the scenario catalogue as it is now."""

import pytest
from django.urls import reverse

from phrom.plans.models import Scenario
from tests.helpers.bundles import title_of

pytestmark = pytest.mark.django_db


def _page(client, user, sub):
    client.force_login(user)
    page = client.get(reverse("campaigns:submission", args=[sub.pk]))
    assert page.status_code == 200
    return page.content.decode()


def _sub(rayong, code):
    return rayong["campaign"].submissions.get(organisation__code=code)


def test_every_reader_sees_the_version_sent_and_the_catalogue_as_it_is(client, structure, people, rayong):
    sub = _sub(rayong, "PU21-HEALTH")
    reviewer, overseer = people.coordinator(structure.rayong_office), people.opdc_coordinator
    first = _page(client, reviewer, sub)
    assert "ท่อก๊าซรั่ว" in first and "ร่างแก้ไขที่ยังไม่ได้ส่ง" not in first  # the sent version, not the edit since
    assert _page(client, overseer, sub).count("ท่อก๊าซรั่ว") == first.count("ท่อก๊าซรั่ว")
    flood = Scenario.objects.get(code="flood")
    flood.name_th = "อุทกภัยใหญ่"
    flood.save()
    assert "อุทกภัยใหญ่" in _page(client, reviewer, sub)


def test_two_agencies_with_their_own_plans_each_see_their_own(client, structure, people, rayong):
    overseer = people.opdc_coordinator
    unit = _page(client, overseer, _sub(rayong, "PU21-HEALTH"))
    central = _page(client, overseer, _sub(rayong, "CU21-DMS"))
    unit_title, central_title = title_of(structure.rayong_unit), title_of(structure.central_unit)
    assert unit_title in unit and central_title in central and unit_title not in central


def test_what_is_kept_stays_within_its_bound(monkeypatch, structure, people):
    from phrom.campaigns import reading
    from phrom.plans.quality import scenario_names
    from tests.helpers.plans import document

    monkeypatch.setattr(reading, "_kept", type(reading._kept)())
    monkeypatch.setattr(reading, "_size", {"characters": 0})
    names = scenario_names()
    docs = [document(title=f"แผนฉบับที่ {n}") for n in range(3)]
    one = sum(len(part) for part in reading.component_html(docs[0], names).values())
    monkeypatch.setattr(reading, "CHARACTERS", one * 10 + 1)  # room for ten, each within a tenth
    for doc in docs * 2:
        html = reading.component_html(doc, names)
        assert doc["title"] in html["header"]
    assert len(reading._kept) == 3 and reading._size["characters"] <= reading.CHARACTERS
    monkeypatch.setattr(reading, "CHARACTERS", one * 25)  # ten times the largest allowed: the oldest go
    for n in range(3, 30):
        reading.component_html(document(title=f"แผนฉบับที่ {n}"), names)
    assert reading._size["characters"] <= reading.CHARACTERS and len(reading._kept) < 27
    secret = document(title="แผนลับ", classification="sensitive")
    reading.component_html(secret, names)
    assert not any("แผนลับ" in kept["header"] for kept in reading._kept.values())
