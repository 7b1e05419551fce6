"""Utilities are data: seeded from seed 000 §2.2.2, kept up to date by administrators."""

import pytest

from phrom.dependencies.models import Utility

pytestmark = pytest.mark.django_db


def test_the_seeded_targets_are_seed_000s():
    table = {u.code: (u.recovery_hours, u.partial_hours, u.partial_percent) for u in Utility.objects.all()}
    assert table["electricity"] == (24, 3, 90)
    assert table["internet"] == (4, None, None)
    assert set(table) == {"electricity", "internet", "mobile", "water", "fuel"}


def test_an_administrator_changes_a_target_and_the_analysis_follows(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/dependencies/utility/").status_code == 200
    internet = Utility.objects.get(code="internet")
    page = client.get(f"/admin/dependencies/utility/{internet.pk}/change/")
    assert page.status_code == 200 and 'name="code"' not in page.content.decode()  # plans refer to the code
    response = client.post(f"/admin/dependencies/utility/{internet.pk}/change/", {
        "name_th": internet.name_th, "name_en": internet.name_en, "recovery_hours": "6", "partial_hours": "",
        "partial_percent": "", "source": "กสทช. 2570", "sort": "20"})
    assert response.status_code == 302
    from phrom.dependencies.analysis import utility_table

    assert utility_table()["internet"] == ("อินเทอร์เน็ต", 6)
