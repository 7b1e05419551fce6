"""Every page of the application, as a phone (390 px) and a desktop (1366 px) show it (issue 10).

The pages are the permission sweep's (tests/security/sweep_table.py PAGES: every URL pattern, so a
new page is crawled as soon as it has its row there), in the sweep's world (tests/helpers/sweep.py),
each opened once per width as the first role of VIEWERS that may open it. Downloads (PDF, Word,
CSV, JSON, ZIP) are not pages and are left out, as are the Django admin's pages. Each page fails on:
- sideways scrolling (the page wider than the screen);
- a label or legend narrower than a few characters (a field squeezed into a sliver);
- a raw code or "None" in its visible text (`missing_required_scenario` rather than words);
- a serious or critical axe-core violation (tests/browser/vendor/axe.min.js).
Every problem of every page is reported at once. `pytest --screenshots DIR` keeps a full-page
screenshot of each page at each width, to look at them all in one sitting.
"""

import re

import pytest
from django.test import Client
from playwright.sync_api import Browser

from tests.helpers import sweep
from tests.helpers.browser import overflow, serious_violations, shoot, squeezed_labels
from tests.security.sweep_table import PAGES

pytestmark = pytest.mark.browser

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
# Who opens a page: the first of these the sweep table lets in.
VIEWERS = ("coordinator", "collector", "opdc", "approver", "viewer", "unrelated", "admin", "anonymous")

# Visible text that is a raw value rather than words: Python's None, a snake_case code.
RAW = re.compile(r"\bNone\b|\b[a-z]{2,}(?:_[a-z0-9]+)+\b")
VISIBLE_TEXT_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!node.textContent.trim() || !parent || !parent.checkVisibility()) continue;
    if (parent.closest('code, pre, kbd, samp, script, style, .visually-hidden')) continue;
    out.push(node.textContent.trim());
  }
  return out.join('\\n');
}"""


def _pages(world) -> list[tuple[str, str, str]]:
    """(key, url, role) of every HTML page the sweep table lets someone open."""
    clients = {role: sweep.client_for(user) for role, user in world.users.items()}
    out = []
    for key, row in PAGES.items():
        name = key.partition("[")[0]
        if name.startswith("admin:") or "GET" not in row.expected:
            continue
        allowed = dict(zip(sweep.ROLES, row.expected["GET"], strict=True))
        role = next((r for r in VIEWERS if allowed[r] == "ok"), None)
        if role is None:
            continue
        url = sweep.page_url(name, row, world.values)
        response = clients[role].get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            out.append((key, url, role))
    return out


def _context(browser: Browser, live_server, user, size):
    context = browser.new_context(viewport=size, locale="en-US")
    if user is not None:
        client = Client()
        client.force_login(user)
        host = live_server.url.split("://")[1].split(":")[0]
        context.add_cookies([{"name": c.key, "value": c.value, "domain": host, "path": "/"}
                             for c in client.cookies.values()])
    return context


# axe rules left out on a page whose markup is not Phrom's, with why.
NOT_OURS = {
    "api-docs": ("nested-interactive",),  # Swagger UI's operation summaries (drf-spectacular-sidecar)
}


def look_at(page, key: str) -> list[str]:
    problems = []
    wider = overflow(page)
    if wider > 0:
        problems.append(f"scrolls sideways: {wider} px wider than the screen")
    squeezed = squeezed_labels(page)
    if squeezed:
        problems.append(f"squeezed labels: {squeezed[:5]}")
    raw = sorted(set(RAW.findall(page.evaluate(VISIBLE_TEXT_JS))))
    if raw:
        problems.append(f"raw codes or None in the text: {raw[:10]}")
    for v in serious_violations(page, NOT_OURS.get(key, ())):
        targets = [" ".join(str(t) for t in n.get("target", [])) for n in v["nodes"][:3]]
        problems.append(f"axe [{v['impact']}] {v['id']}: {v['help']} at {targets}")
    return problems


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_fits_reads_and_passes_axe(browser: Browser, live_server, structure, people, settings, media,
                                             width):
    world = sweep.build_world(structure, people)
    pages = _pages(world)
    assert len(pages) > 35
    contexts, found = {}, []
    for key, url, role in pages:
        if role not in contexts:
            contexts[role] = _context(browser, live_server, world.users[role], WIDTHS[width])
            contexts[role].set_default_timeout(15_000)
        page = contexts[role].new_page()
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
        shoot(page, f"{width}-{re.sub(r'[^A-Za-z0-9]+', '_', key).strip('_')}")
        found += [f"{key} {url} as {role}: {problem}" for problem in look_at(page, key)]
        page.close()
    for context in contexts.values():
        context.close()
    assert found == [], f"{len(found)} problems on {len(pages)} pages at {width} width:\n" + "\n".join(found)
