"""The print context: what every rendering shows, worked out once."""

import pytest

from phrom.documents.context import layout_tree, phone_text, print_context, rto_period
from phrom.documents.sample import typical_header, typical_plan
from phrom.plans.formatting import duration_text
from tests.helpers.plans import starter_templates


@pytest.mark.parametrize(
    ("hours", "text"),
    [(4, "4 ชั่วโมง"), (24, "1 วัน"), (48, "2 วัน"), (168, "1 สัปดาห์"), (336, "2 สัปดาห์"), (720, "1 เดือน"),
     (36, "36 ชั่วโมง"), (0.5, "30 นาที"), (1.5, "1.5 ชั่วโมง"), (None, "")],
)
def test_durations_in_thai_words(hours, text):
    assert duration_text(hours) == text


@pytest.mark.parametrize(
    ("hours", "period"),
    [(1, "4h"), (4, "4h"), (5, "1d"), (24, "1d"), (100, "1w"), (168, "1w"), (300, "2w"), (720, "1m"), (721, None),
     (None, None)],
)
def test_rto_is_ticked_in_the_first_period_not_shorter_than_it(hours, period):
    assert rto_period(hours) == period


def test_phone_numbers_are_grouped():
    assert phone_text("0812345678") == "081-234-5678"
    assert phone_text("021234567") == "02-123-4567"
    assert phone_text("+66812345678") == "+66812345678"


def test_bia_rows_tick_one_period_and_note_an_rto_between_columns():
    doc = typical_plan(processes=3, people=4)
    doc["processes"][0]["rto_hours"] = 4
    doc["processes"][1]["rto_hours"] = 2
    doc["processes"][2]["rto_hours"] = 1440
    rows = print_context(doc, typical_header())["bia"]["rows"]
    assert rows[0]["ticks"] == [True, False, False, False, False] and rows[0]["rto_note"] == ""
    assert rows[1]["ticks"] == [True, False, False, False, False] and rows[1]["rto_note"] == "2 ชั่วโมง"
    assert rows[2]["ticks"] == [False] * 5 and rows[2]["rto_beyond"] == "2 เดือน"


def test_impact_grid_has_a_row_per_scenario_and_a_column_per_category():
    doc = typical_plan()
    grid = print_context(doc, typical_header())["impacts"]
    assert len(grid["categories"]) == 6
    assert [r["scenario"] for r in grid["rows"]][:3] == [
        "โรคระบาด / โรคติดต่ออุบัติใหม่ที่ระบาดต่อเนื่อง", "อัคคีภัย", "อุทกภัย"
    ]
    # The agency's own scenario is printed by its own name; flood hits every category.
    assert grid["rows"][-1]["scenario"] == "น้ำท่วมขังบริเวณศาลากลางจังหวัด"
    assert grid["rows"][2]["cells"] == [True] * 6
    assert any("น้ำท่วม" in note for note in grid["notes"])


def test_resources_are_grouped_by_category_in_the_opdc_order():
    c = print_context(typical_plan(), typical_header())
    categories = [t["category"] for t in c["resources"]["tables"]]
    assert categories[0] == "อาคาร / สถานที่ปฏิบัติงานหลัก"
    assert "เทคโนโลยีสารสนเทศและข้อมูลที่สำคัญ" in categories
    for table in c["resources"]["tables"]:
        # A process's rows are together, the first one carrying how many rows it spans.
        spans = [r["span"] for r in table["rows"] if r["first"]]
        assert sum(spans) == len(table["rows"])


def test_procedures_are_three_checklists_by_time_window():
    windows = print_context(typical_plan(), typical_header())["procedures"]["windows"]
    assert [w["title"] for w in windows] == ["ภายใน 1 วัน", "ภายใน 1 – 7 วัน", "ภายใน 7 – 30 วัน"]
    assert [r["number"] for r in windows[0]["rows"]] == ["1", "2", "3", "4", "5", "6"]


def test_team_rows_put_each_alternate_beside_the_main_person():
    c = print_context(typical_plan(), typical_header())
    first = c["team"]["groups"][0]["rows"][0]
    assert first["role"] == "หัวหน้าทีมบริหารความพร้อมต่อสภาวะวิกฤต"
    assert first["main"]["name"] == "นายสมชาย ใจดี"
    assert first["alternate"]["name"]  # m1's alternate is a later member
    alternates = {r["alternate"]["name"] for g in c["team"]["groups"] for r in g["rows"] if r["alternate"]["name"]}
    mains = {r["main"]["name"] for g in c["team"]["groups"] for r in g["rows"]}
    assert len(alternates) == 12 and not (alternates - {m["name"] for m in typical_plan()["team"]})
    assert len(mains) + len(alternates - mains) >= 40 - 1


def test_call_tree_reaches_everyone_once_and_boxes_do_not_overlap():
    c = print_context(typical_plan(), typical_header())
    tree = c["call_tree"]
    assert tree["count"] == 40
    keys = [b["key"] for d in tree["diagrams"] for b in d["boxes"]]
    assert sorted(keys) == sorted(f"m{i}" for i in range(1, 41))
    for d in tree["diagrams"]:
        assert d["height"] <= 841 and d["width"] <= 600
        boxes = d["boxes"]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                apart = a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"]
                assert apart, (a["key"], b["key"])


def test_a_small_call_tree_is_drawn_as_an_org_chart():
    doc = typical_plan(processes=2, people=7)
    links = [(None, "m1"), ("m1", "m2"), ("m2", "m3"), ("m2", "m4"), ("m3", "m5"), ("m3", "m6"), ("m4", "m7")]
    doc["call_tree"] = [{"caller": a, "callee": b, "order": i, "channel": "phone"} for i, (a, b) in enumerate(links)]
    tree = print_context(doc, typical_header())["call_tree"]
    assert tree["layout"] == "chart" and len(tree["diagrams"]) == 1
    boxes = {b["key"]: b for b in tree["diagrams"][0]["boxes"]}
    # The head on top, the coordinator below, the two team leaders side by side below that…
    assert boxes["m1"]["y"] < boxes["m2"]["y"] < boxes["m3"]["y"] == boxes["m4"]["y"]
    assert boxes["m3"]["x"] < boxes["m4"]["x"]
    # …a team's members stacked under their leader, a lone member straight below.
    assert boxes["m5"]["x"] == boxes["m6"]["x"] > boxes["m3"]["x"] and boxes["m5"]["y"] < boxes["m6"]["y"]
    assert boxes["m7"]["y"] > boxes["m4"]["y"]
    # The coordinator is centred over the leaders' tops.
    centre = lambda b: b["x"] + b["w"] / 2  # noqa: E731
    assert abs(centre(boxes["m2"]) - (centre(boxes["m3"]) + centre(boxes["m4"])) / 2) < 1


def test_cycles_and_unknown_people_in_the_call_tree_are_placed_once_or_dropped():
    doc = typical_plan(processes=1, people=3)
    doc["call_tree"] = [
        {"caller": None, "callee": "m1", "order": 1, "channel": "phone"},
        {"caller": "m1", "callee": "m2", "order": 1, "channel": "phone"},
        {"caller": "m2", "callee": "m1", "order": 1, "channel": "phone"},
        {"caller": "m2", "callee": "nobody", "order": 2, "channel": "phone"},
    ]
    tree = print_context(doc, typical_header())["call_tree"]
    assert tree["count"] == 2
    assert layout_tree([])["diagrams"] == []


def test_cover_dates_are_buddhist_era_with_thai_month_names():
    meta = print_context(typical_plan(), typical_header())["meta"]
    assert meta["approval"] == "อนุมัติเมื่อวันที่ 20 ตุลาคม 2569"
    assert meta["version"] == "ฉบับที่ 3"
    assert meta["province"] == "จังหวัดระยอง"
    draft = print_context(typical_plan(), typical_header(approved=False))["meta"]
    assert draft["approval"] == "ฉบับร่าง — ยังไม่ได้รับอนุมัติ"


def test_thai_digits_turn_every_number_of_the_text_but_no_identifier():
    c = print_context(typical_plan(), typical_header(), thai_digits=True)
    assert c["meta"]["approval"] == "อนุมัติเมื่อวันที่ ๒๐ ตุลาคม ๒๕๖๙"
    assert c["sections"][0]["number"] == "๑" and c["sections"][0]["id"] == "s1"
    assert c["bia"]["rows"][0]["mtpd"] == "๘ ชั่วโมง"
    assert c["team"]["groups"][0]["rows"][0]["main"]["phone"] == "๐๘๐-๑๒๓-๔๕๖๗"


def test_the_classification_comes_from_the_header_or_the_document():
    doc = typical_plan(sensitive=True)
    assert print_context(doc, {**typical_header(), "classification": None})["meta"]["sensitive"]
    assert not print_context(typical_plan(), typical_header())["meta"]["sensitive"]


def test_an_almost_empty_plan_still_prints():
    c = print_context({"format": "phrom-plan/1", "title": ""}, {"organisation": "หน่วยงานทดสอบ"})
    assert c["meta"]["title"] == "แผนบริหารความพร้อมต่อสภาวะวิกฤต"
    assert c["call_tree"]["diagrams"] == [] and c["resources"]["tables"] == []


def test_the_word_set_cuts_thai_exactly_as_pythainlp_s_trie():
    from pythainlp.tokenize import word_tokenize

    from phrom.documents.context import thai_dictionary

    texts = {m["position"] for _, doc in starter_templates() for m in doc.get("team", []) if m.get("position")}
    texts |= {p["name"] for _, doc in starter_templates() for p in doc.get("processes", [])}
    assert len(texts) > 20
    for text in texts:
        assert word_tokenize(text, custom_dict=thai_dictionary(), engine="newmm") == word_tokenize(text, engine="newmm")
