"""A plan title's year phrase is not broken across lines (issue 10: "ประจำ | ปีงบประมาณ"), on the plan's
pages as on the PDF cover: the one filter keep_phrases (phrom/core/templatetags/thai.py)."""

from django.urls import reverse

from phrom.core.templatetags.thai import keep_phrases
from tests.helpers.plans import make_plan

TITLE = "แผนบริหารความพร้อมต่อสภาวะวิกฤตของเทศบาลเมือง ประจำปีงบประมาณ พ.ศ. 2570"
KEPT = '<span class="unbroken">ประจำปีงบประมาณ พ.ศ. 2570</span>'


def test_the_phrase_is_wrapped_and_the_rest_escaped():
    assert keep_phrases(TITLE).endswith(KEPT)
    assert keep_phrases("แผน <b> ปี 2570") == 'แผน &lt;b&gt; <span class="unbroken">ปี 2570</span>'
    assert keep_phrases("ประจำปี ๒๕๗๐") == '<span class="unbroken">ประจำปี ๒๕๗๐</span>'


def test_a_short_agency_name_is_kept_whole_a_long_one_may_break():
    assert keep_phrases("แผนของกรมควบคุมโรค ปี 2570", "กรมควบคุมโรค") == (
        'แผนของ<span class="unbroken">กรมควบคุมโรค</span> <span class="unbroken">ปี 2570</span>')
    long_name = "สำนักงาน" * 6
    assert '<span class="unbroken">' + long_name not in keep_phrases(f"แผนของ{long_name}", long_name)
    assert keep_phrases("แผนของA&B", "A&B") == 'แผนของ<span class="unbroken">A&amp;B</span>'


def test_the_plan_pages_keep_the_phrase_on_one_line(client, structure, coordinator):
    plan = make_plan(structure.rayong_unit, coordinator, title=TITLE)
    client.force_login(coordinator)
    for url in (reverse("plans:overview", args=[plan.pk]), reverse("plans:edit", args=[plan.pk, "team"])):
        page = client.get(url).content.decode()
        assert KEPT in page, url
