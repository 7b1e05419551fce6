import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from phrom.accounts.models import Membership
from phrom.core.collation import thai_sort_key
from phrom.orgs.routes import rebuild_route_entries
from phrom.orgs.tree_paths import refresh_tree_paths
from tests.factories import OrganisationFactory, UserFactory
from tests.helpers.people import member


@pytest.fixture
def as_province(client, province_user):
    client.force_login(province_user)
    return client


def listed_codes(response) -> list[str]:
    """Organisation codes of the result rows, in order."""
    body = response.text.split('id="results"', 1)[-1] if 'id="results"' in response.text else response.text
    tbody = body.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in body else ""
    return re.findall(r'<td class="primary"><a href="/orgs/([^/]+)/">', tbody)


# --- who may see the pages -------------------------------------------------------------------

@pytest.mark.parametrize("name, args", [("orgs:list", []), ("orgs:detail", ["PO21"]), ("orgs:tree", ["MOI"])])
def test_anonymous_visitors_are_sent_to_log_in(client, structure, name, args):
    url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


def test_home_needs_log_in(client, db):
    assert client.get(reverse("home")).url == f"{reverse('login')}?next=/"


def test_every_signed_in_user_may_browse_the_directory(client, structure, municipality_user):
    client.force_login(municipality_user)
    assert client.get(reverse("orgs:list")).status_code == 200
    assert client.get(reverse("orgs:detail", args=["MOPH"])).status_code == 200
    assert client.get(reverse("orgs:tree", args=["MOPH"])).status_code == 200


def test_unknown_organisation_is_404(as_province):
    assert as_province.get(reverse("orgs:detail", args=["NOPE"])).status_code == 404
    assert as_province.get(reverse("orgs:tree", args=["NOPE"])).status_code == 404


# --- list and search -------------------------------------------------------------------------

def test_list_shows_the_directory(as_province, structure):
    response = as_province.get(reverse("orgs:list"))
    assert response.status_code == 200
    assert "<h1>หน่วยงาน</h1>" in response.text
    assert len(listed_codes(response)) == 14
    assert "กรมการปกครอง" in response.text


def test_search_in_thai(as_province, structure):
    rayong = as_province.get(reverse("orgs:list"), {"q": "ระยอง"})
    assert sorted(listed_codes(rayong)) == ["CU21-DMS", "HOSP21", "PO21", "PU21-HEALTH", "TM21-001"]
    assert "พบ 5 หน่วยงาน" in rayong.text
    municipality = as_province.get(reverse("orgs:list"), {"q": "เทศบาล"})
    assert listed_codes(municipality) == ["TM21-001"]


def test_search_needs_every_word(as_province, structure):
    both_words = as_province.get(reverse("orgs:list"), {"q": "สำนักงาน ระยอง"})
    assert sorted(listed_codes(both_words)) == ["PO21", "PU21-HEALTH"]
    assert listed_codes(as_province.get(reverse("orgs:list"), {"q": "ระยอง ชลบุรี"})) == []


def test_search_by_code_and_english_name_ignores_case(as_province, structure):
    assert listed_codes(as_province.get(reverse("orgs:list"), {"q": "hosp21"})) == ["HOSP21"]
    assert listed_codes(as_province.get(reverse("orgs:list"), {"q": "opdc"})) == ["OPDC"]


def test_filters_by_kind_and_province(as_province, structure):
    by_kind = as_province.get(reverse("orgs:list"), {"kind": "provincial_office"})
    assert sorted(listed_codes(by_kind)) == ["PO20", "PO21"]
    by_province = as_province.get(reverse("orgs:list"), {"province": "10"})
    assert sorted(listed_codes(by_province)) == ["BMA", "BMA-D01", "BMA-DPM"]
    both = as_province.get(reverse("orgs:list"), {"kind": "provincial_office", "province": "21", "q": "ระยอง"})
    assert listed_codes(both) == ["PO21"]


def test_no_match_says_so(as_province, structure):
    response = as_province.get(reverse("orgs:list"), {"q": "ไม่มีหน่วยงานนี้"})
    assert listed_codes(response) == []
    assert "<tbody>" not in response.text


def test_htmx_request_gets_only_the_results(as_province, structure):
    response = as_province.get(reverse("orgs:list"), {"q": "เทศบาล"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.text and "<form" not in response.text
    assert listed_codes(response) == ["TM21-001"]


def test_results_are_paginated(as_province, structure):
    for n in range(60):
        OrganisationFactory(code=f"SAO21-{n:03d}", name_th=f"องค์การบริหารส่วนตำบลทดสอบ {n}", kind_id="sao", province_id="21")
    refresh_tree_paths()
    first = as_province.get(reverse("orgs:list"), {"q": "องค์การบริหารส่วนตำบล"})
    second = as_province.get(reverse("orgs:list"), {"q": "องค์การบริหารส่วนตำบล", "page": 2})
    assert len(listed_codes(first)) == 50 and len(listed_codes(second)) == 10
    assert not set(listed_codes(first)) & set(listed_codes(second))
    # The page links keep the query.
    assert "?q=%E0%B8%AD" in first.text and "page=2" in first.text


def test_province_choices_are_in_thai_dictionary_order(as_province, structure):
    response = as_province.get(reverse("orgs:list"))
    select = response.text.split('<select id="province"', 1)[1].split("</select>", 1)[0]
    names = re.findall(r'<option value="\d\d"[^>]*>([^<]+)</option>', select)
    assert len(names) == 77
    assert names == sorted(names, key=thai_sort_key)
    assert names.index("เชียงใหม่") < names.index("ตาก")  # filed under ช, not after every consonant


def test_province_choices_in_english_are_alphabetical(as_province, structure):
    as_province.post(reverse("set_language"), {"language": "en", "next": "/"})
    select = as_province.get(reverse("orgs:list")).text.split('<select id="province"', 1)[1].split("</select>", 1)[0]
    names = re.findall(r'<option value="\d\d"[^>]*>([^<]+)</option>', select)
    assert names == sorted(names) and names[0] == "Amnat Charoen"


# --- detail ----------------------------------------------------------------------------------

def route_codes(response) -> list[str]:
    ol = response.text.split('<ol class="route"', 1)[1].split("</ol>", 1)[0]
    return re.findall(r'href="/orgs/([^/]+)/"', ol)


def informed_codes(response) -> list[str]:
    section = response.text.split('id="route-h"', 1)[1].split("</section>", 1)[0]
    after_route = section.split("</ol>", 1)[-1]
    return re.findall(r'href="/orgs/([^/]+)/"', after_route)


def test_detail_shows_kind_parent_province_and_route(as_province, structure):
    response = as_province.get(reverse("orgs:detail", args=["CU21-DMS"]))
    assert response.status_code == 200
    text = response.text
    assert "<h1>ศูนย์การแพทย์ระยอง</h1>" in text
    assert "หน่วยงานส่วนกลางที่ตั้งอยู่ในภูมิภาค" in text  # kind
    assert '<a href="/orgs/DMS/">กรมการแพทย์</a>' in text  # parent
    assert "ระยอง (21)" in text  # province
    assert route_codes(response) == ["DMS", "OPDC"]
    assert informed_codes(response) == ["PO21"]


def test_detail_route_of_a_hospital_rolls_up(as_province, structure):
    response = as_province.get(reverse("orgs:detail", args=["HOSP21"]))
    assert route_codes(response) == ["PU21-HEALTH", "PO21", "OPDC"]
    assert informed_codes(response) == []


def test_detail_of_the_last_collector(as_province, structure):
    response = as_province.get(reverse("orgs:detail", args=["OPDC"]))
    assert '<ol class="route"' not in response.text


def test_detail_shows_site_sector_and_collector_flag(as_province, structure):
    structure.bma_disaster.site = "ศาลาว่าการกรุงเทพมหานคร 2"
    structure.bma_disaster.sector = "water"
    structure.bma_disaster.save()
    response = as_province.get(reverse("orgs:detail", args=["BMA-DPM"]))
    assert "ศาลาว่าการกรุงเทพมหานคร 2" in response.text
    assert structure.bma_disaster.get_sector_display() in response.text
    assert 'class="badge"' in response.text


def test_detail_lists_units_below(as_province, structure):
    response = as_province.get(reverse("orgs:detail", args=["MOPH"]))
    assert '<a href="/orgs/DMS/">กรมการแพทย์</a>' in response.text
    assert '<a href="/orgs/PU21-HEALTH/">สำนักงานสาธารณสุขจังหวัดระยอง</a>' in response.text
    assert reverse("orgs:tree", args=["MOPH"]) in response.text


# Members: the organisation's own people, its collectors, OPDC and administrators see them.
@pytest.mark.parametrize(
    "viewer, sees",
    [
        ("own", True),
        ("collector", True),  # the provincial office collects the hospital's plan (via the health office)
        ("opdc", True),
        ("admin", True),
        ("unrelated", False),  # a municipality elsewhere on no route of the hospital
        ("informed_only", False),  # informed offices read plans, not staff lists
    ],
)
def test_members_are_shown_only_to_those_allowed(client, structure, viewer, sees):
    member(structure.hospital, Membership.Role.COORDINATOR, "hospital_coordinator")
    user = {
        "own": lambda: member(structure.hospital, Membership.Role.VIEWER, "hospital_viewer"),
        "collector": lambda: member(structure.rayong_office, Membership.Role.VIEWER, "po21"),
        "opdc": lambda: member(structure.opdc, Membership.Role.VIEWER, "opdc"),
        "admin": lambda: UserFactory(username="admin", is_staff=True, is_superuser=True),
        "unrelated": lambda: member(structure.municipality, Membership.Role.COORDINATOR, "town"),
        "informed_only": lambda: member(structure.rayong_office, Membership.Role.VIEWER, "po21"),
    }[viewer]()
    target = structure.central_unit if viewer == "informed_only" else structure.hospital
    if viewer == "informed_only":
        member(structure.central_unit, Membership.Role.COORDINATOR, "hospital_coordinator_cu")
    client.force_login(user)
    response = client.get(reverse("orgs:detail", args=[target.code]))
    assert response.status_code == 200
    assert ('id="members-h"' in response.text) is sees
    assert ("@example.go.th" in response.text) is sees


# --- tree ------------------------------------------------------------------------------------

def test_tree_of_a_ministry(as_province, structure):
    response = as_province.get(reverse("orgs:tree", args=["MOPH"]))
    assert response.status_code == 200
    tree = response.text.split('<ul class="tree">', 1)[1]
    codes = re.findall(r'href="/orgs/([^/]+)/"', tree)
    assert codes[:1] == ["MOPH"]
    assert set(codes) == {"MOPH", "DMS", "CU21-DMS", "PU21-HEALTH", "HOSP21"}
    # A child comes after its parent, and the root's branch starts open.
    assert codes.index("DMS") < codes.index("CU21-DMS")
    assert "<details open>" in tree


def test_tree_has_no_interactive_control_inside_a_toggle(as_province, structure):
    """Links sit beside the <summary> toggles, never inside them (keyboard and screen readers)."""
    tree = as_province.get(reverse("orgs:tree", args=["MOPH"])).text
    for summary in re.findall(r"<summary>(.*?)</summary>", tree, re.S):
        assert "<a " not in summary


def test_tree_of_a_leaf(as_province, structure):
    response = as_province.get(reverse("orgs:tree", args=["HOSP21"]))
    assert "<details" not in response.text.split('<ul class="tree">', 1)[1]


class TreeParser(HTMLParser):
    """Checks that the tree's tags nest properly and records, for each organisation link, the code
    of the list item it is nested in (its parent in the page)."""

    VOID = {"br", "img", "input", "meta", "link", "hr"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []  # (tag, code of the li)
        self.parent_in_page: dict[str, str | None] = {}
        self.pending_li = False

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        self.stack.append((tag, None))
        href = dict(attrs).get("href", "")
        if tag == "a" and self.stack[-2][0] == "li" and (m := re.fullmatch(r"/orgs/([^/]+)/", href)):
            code = m.group(1)
            enclosing = [c for t, c in self.stack[:-2] if t == "li" and c]
            self.parent_in_page[code] = enclosing[-1] if enclosing else None
            self.stack[-2] = ("li", code)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes <{self.stack[-1][0] if self.stack else None}>"
        self.stack.pop()


def tree_structure(response) -> dict[str, str | None]:
    html = response.text.split('<div class="card"><ul class="tree">', 1)[1].split("</ul></div>", 1)[0]
    parser = TreeParser()
    parser.feed(f'<ul class="tree">{html}</ul>')
    assert parser.stack == [], "every tag of the tree is closed"
    return parser.parent_in_page


def test_tree_nests_each_unit_inside_its_parent(as_province, structure):
    assert tree_structure(as_province.get(reverse("orgs:tree", args=["MOPH"]))) == {
        "MOPH": None, "DMS": "MOPH", "CU21-DMS": "DMS", "PU21-HEALTH": "MOPH", "HOSP21": "PU21-HEALTH",
    }


def test_tree_shows_a_deep_structure(as_province, structure):
    parent = structure.dms
    for depth in range(6):
        parent = OrganisationFactory(code=f"DEEP{depth}", kind_id="department", parent=parent)
    OrganisationFactory(code="SIBLING", kind_id="department", parent=structure.moph)  # after the deep branch closes
    refresh_tree_paths()
    rebuild_route_entries()
    page = tree_structure(as_province.get(reverse("orgs:tree", args=["MOPH"])))
    assert page["DEEP0"] == "DMS"
    assert [page[f"DEEP{d}"] for d in range(1, 6)] == [f"DEEP{d}" for d in range(5)]
    assert page["SIBLING"] == "MOPH"
    assert page["PU21-HEALTH"] == "MOPH" and page["HOSP21"] == "PU21-HEALTH"


def test_the_import_page_holds_its_own_help(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("orgs:import")).content.decode()
    assert "docs/import.md" not in page and "รหัสจังหวัดทางราชการ 2 หลัก" in page
