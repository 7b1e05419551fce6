"""The dashboard's figures are counted again once older than STATISTICS_CACHE_SECONDS, per scope."""

import re
import time

from phrom.orgs.models import Organisation


def _total(client) -> int:
    page = client.get("/statistics/", {"fiscal_year": 2570}).content.decode()
    assert 'id="counted-at"' in page
    return int(re.search(r'id="stat-total"[^>]*>([\d,]+)<', page).group(1).replace(",", ""))


def test_figures_are_counted_again_once_older_than_the_setting(client, rayong, opdc_user, province_user, settings):
    settings.STATISTICS_CACHE_SECONDS = 1
    client.force_login(opdc_user)
    national = _total(client)
    Organisation.objects.create(code="PU21-NEW", name_th="หน่วยงานใหม่", kind_id="provincial_unit", province_id="21",
                                tree_path="/PU21-NEW/")
    assert _total(client) == national  # as counted a moment ago

    # Another scope has figures of its own, counted when asked for.
    client.force_login(province_user)
    assert _total(client) == Organisation.objects.filter(province_id="21", kind__must_plan=True).count()

    time.sleep(1.1)
    client.force_login(opdc_user)
    assert _total(client) == national + 1
