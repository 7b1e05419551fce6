"""The Content-Security-Policy forbids inline script: no rendered page may hold a `<script>` without
`src` or an `on…=` handler attribute. A smoke set: every page without parameters, and every page
of a plan, a campaign and an organisation, as an agency's coordinator and as a collector."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

import phrom

SKIP = re.compile(r"pdf|docx|download|\.csv|logout|/api/|admin/")


class InlineScripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and "src" not in names:
            self.found.append("<script> without src")
        self.found += [f"{tag} {name}=" for name in names if name.startswith("on")]


def paths(patterns=None, prefix=""):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(p.pattern).lstrip("^").rstrip("$")
        if isinstance(p, URLResolver):
            yield from paths(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            yield route


def fill(route, values):
    def value(match):
        name = match.group(1).split(":")[-1]
        return str(values[name]) if name in values else None
    names = re.findall(r"<([^>]+)>", route)
    if any(n.split(":")[-1] not in values for n in names):
        return None
    return "/" + re.sub(r"<([^>]+)>", value, route)


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", ["coordinator", "collector"])
def test_no_page_holds_inline_script(client, rayong, people, structure, viewer):
    org = structure.rayong_unit
    user = people.coordinator(org) if viewer == "coordinator" else people.opdc_coordinator
    client.force_login(user)
    plan = rayong["plans"][org.code]
    values = {"pk": plan.pk, "code": org.code, "component": "team"}
    # Every kind of object a page is about, so that which pages load does not depend on ids that
    # happen to coincide (they differ between SQLite and PostgreSQL).
    pks = [plan.pk, rayong["campaign"].pk, *plan.submissions.values_list("pk", flat=True)]
    pages = 0
    for route in paths():
        for pk in (pks if "<int:pk>" in route else [None]):
            url = fill(route, {**values, "pk": pk})
            if not url or SKIP.search(url):
                continue
            response = client.get(url)
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            parser = InlineScripts()
            parser.feed(response.content.decode())
            assert parser.found == [], url
            pages += 1
    assert pages >= 20


def test_no_template_holds_inline_script():
    """Also the markup the smoke set does not reach (e.g. a viewpoint choice for a user of several
    collecting agencies)."""
    templates = list(Path(phrom.__file__).parent.rglob("templates/**/*.html"))
    assert len(templates) > 50
    for template in templates:
        parser = InlineScripts()
        parser.feed(template.read_text(encoding="utf-8"))
        assert parser.found == [], template
