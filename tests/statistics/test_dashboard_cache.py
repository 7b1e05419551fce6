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


# Query budgets (issue 11, deadline-day load): the session, the user, their memberships and the cache.
CACHED_DASHBOARD_QUERIES = 4
AGENCY_LIST_QUERIES = 9


def test_a_dashboard_counted_a_moment_ago_is_drawn_from_one_read_of_the_cache(
        client, rayong, opdc_user, settings, django_assert_max_num_queries):
    settings.STATISTICS_CACHE_SECONDS = 60
    client.force_login(opdc_user)
    first = client.get("/statistics/", {"fiscal_year": 2570}).content.decode()
    with django_assert_max_num_queries(CACHED_DASHBOARD_QUERIES):
        again = client.get("/statistics/", {"fiscal_year": 2570}).content.decode()
    assert again == first.replace(_csrf(first), _csrf(again))
    for part in ('id="table-province"', 'id="table-scenarios"', 'id="stats-charts"', 'id="f-province"', 'id="stat-exercised"'):
        assert part in again

    # A comparison adds its column to the sections drawn for the cache.
    compared = client.get("/statistics/", {"fiscal_year": 2570, "compare": 2569}).content.decode()
    scenarios = compared[compared.index('id="table-scenarios"'):]
    assert '<th scope="col" class="num">2569</th>' in scenarios[:scenarios.index("</thead>")]


def _csrf(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_the_list_of_agencies_behind_a_number_keeps_its_query_budget(
        client, rayong, opdc_user, django_assert_max_num_queries):
    client.force_login(opdc_user)
    url = "/statistics/agencies/"
    client.get(url, {"fiscal_year": 2570, "metric": "with_plan"})
    with django_assert_max_num_queries(AGENCY_LIST_QUERIES):
        page = client.get(url, {"fiscal_year": 2570, "metric": "with_plan"}).content.decode()
    assert "PU21-HEALTH" in page or "/orgs/PU21-HEALTH/" in page
