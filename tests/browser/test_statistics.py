"""The national picture clicked through as OPDC: the map → a province's dashboard → the list behind a
number → its CSV export; at phone and desktop widths nothing scrolls sideways."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import check_accessibility, login, no_horizontal_scroll

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [390, 1366])
def test_map_to_province_to_list_to_export(page: Page, live_server, rayong, people, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, "opdc-coordinator")
    page.get_by_role("link", name="ภาพรวมประเทศ").first.click()
    check_accessibility(page)
    expect(page.locator("#chart-map[data-ready=true]")).to_have_count(1, timeout=15000)
    no_horizontal_scroll(page)
    # Click Rayong (21) on the map: ECharts draws on a canvas, so ask it where the province is.
    point = page.evaluate("""() => {
        const chart = echarts.getInstanceByDom(document.getElementById('chart-map'));
        const geo = chart.getModel().getSeriesByIndex(0).coordinateSystem;
        const region = geo.getRegion('21');
        return chart.convertToPixel({seriesIndex: 0}, region.getCenter());
    }""")
    page.locator("#chart-map canvas").first.click(position={"x": point[0], "y": point[1]})
    expect(page).to_have_url(re.compile(r"province=21"))
    check_accessibility(page)
    expect(page.locator("#table-province tbody tr")).to_have_count(1)
    page.locator("#table-province tbody tr a").nth(2).click()  # the number of agencies with a plan
    check_accessibility(page)
    rows = page.locator("#agencies tbody tr")
    expect(rows.first).to_contain_text("ระยอง")
    no_horizontal_scroll(page)
    with page.expect_download() as download:
        page.locator("#export-csv").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    assert text.splitlines()[0].startswith("รหัส,หน่วยงาน")
    assert len(text.strip().splitlines()) - 1 == rows.count()
