"""One number style on every page (issue 10: "14658" beside "14,658", "0.0 / 0.4 / 0.62" side by side):
counts with thousands separators, shares in percent with two decimals; the API keeps raw numbers."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from phrom.core.numbers import count_text, percent_text
from phrom.orgs.models import Organisation
from phrom.orgs.tree_paths import refresh_tree_paths


@pytest.mark.parametrize("value, shown", [
    (14658, "14,658"), (0, "0"), (999, "999"), (1234567, "1,234,567"), (2.5, "2.5"), (1500.0, "1,500"),
    ("1234", "1,234"), (None, "–"),
])
def test_counts_have_thousands_separators(value, shown):
    assert count_text(value) == shown


@pytest.mark.parametrize("value, shown", [
    (0.0, "0.00"), (0.4, "0.40"), (0.62, "0.62"), (Decimal("62.5"), "62.50"), (100, "100.00"),
    (Decimal("33.335"), "33.34"), (None, "–"),
])
def test_shares_have_two_decimals(value, shown):
    assert percent_text(value) == shown


@pytest.mark.parametrize("language, one, many", [
    ("th", "รวม 1 หน่วยงาน", "รวม 11,923 หน่วยงาน"),
    ("en", "1 agency in all", "11,923 agencies in all"),
])
def test_filters_inside_a_plural_message_keep_its_translation(language, one, many):
    """Templates count with the raw number and show the formatted one, so the message ids stay as they are."""
    template = Template("{% load i18n thai %}{% blocktranslate count counter=v with n=v|number %}{{ n }} agency in "
                        "all{% plural %}{{ n }} agencies in all{% endblocktranslate %} {{ p|percent }}")
    with translation.override(language):
        assert template.render(Context({"v": 1, "p": 0.4})) == f"{one} 0.40"
        assert template.render(Context({"v": 11923, "p": None})) == f"{many} –"


def test_directory_pages_count_with_separators(client, structure, province_user):
    parent = structure.rayong_office
    Organisation.objects.bulk_create([
        Organisation(code=f"N{i:05d}", name_th=f"หน่วยย่อย {i}", name_en=f"Unit {i}", kind_id="department",
                     parent=parent)
        for i in range(1001)
    ])
    refresh_tree_paths()
    client.force_login(province_user)
    detail = client.get(reverse("orgs:detail", args=[parent.code])).content.decode()
    listing = client.get(reverse("orgs:list")).content.decode()
    total = Organisation.objects.count()
    assert f"{parent.descendants().count():,}" in detail and f"{parent.children.count():,}" in detail
    assert f"{total:,}" in listing and f"{total}" not in listing.replace(f"{total:,}", "")
