"""Browser test steps: an accessibility check of the page as it is now, checks of its layout (no
sideways scrolling, no squeezed labels), screenshots on request, and logging in through the form."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

PASSWORD = "Phrom-test-2570"  # tests/factories.py UserFactory
BLOCKING_IMPACTS = {"serious", "critical"}

# axe-core from npm (`npm pack axe-core`), kept in the repository: no CDN, one version for every test.
AXE_CORE = Path(__file__).resolve().parents[1] / "browser" / "vendor" / "axe.min.js"
_axe = Axe(axe_script=AXE_CORE.read_text(encoding="utf-8"))


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core: {len(violations)} serious/critical accessibility violation(s) on {url}"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:10]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    at {target}: {summary}")
            lines.append(f"       {node.get('html', '')[:200]}")
        if len(v["nodes"]) > 10:
            lines.append(f"    … and {len(v['nodes']) - 10} more elements")
    return "\n".join(lines)


def serious_violations(page: Page, skip_rules: tuple[str, ...] = ()) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now."""
    page.wait_for_load_state("load")
    options = {"resultTypes": ["violations"], "rules": {rule: {"enabled": False} for rule in skip_rules}}
    results = _axe.run(page, options=options)
    return [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def check_accessibility(page: Page, *, skip_rules: tuple[str, ...] = ()) -> None:
    """Run axe-core on the page as it is now; fail on serious or critical violations.

    `skip_rules` is only for third-party widgets whose markup Phrom does not control (say why)."""
    blocking = serious_violations(page, skip_rules)
    page._phrom_checked.add(page.url)
    if blocking:
        pytest.fail(format_violations(page.url, blocking), pytrace=False)


def login(page: Page, live_server, username: str, password: str = PASSWORD) -> None:
    """Log in through the login form, as a person would, and land on the home page."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(password)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(live_server.url)}/$"))
    check_accessibility(page)


def shoot(page: Page, name: str) -> None:
    """A full-page screenshot NAME.png in the folder PHROM_SCREENSHOTS names, when it is set."""
    folder = os.environ.get("PHROM_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.evaluate("document.fonts.ready")
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


WIDTHS_JS = "({doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, view: window.innerWidth})"


def overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (it scrolls sideways by that much)."""
    widths = page.evaluate(WIDTHS_JS)
    return max(widths["doc"], widths["body"]) - widths["view"]


def no_horizontal_scroll(page: Page) -> None:
    assert overflow(page) <= 0, (page.url, page.evaluate(WIDTHS_JS))


# Labels and legends shown on the page (not those for screen readers only) narrower than about three
# Thai characters whose text breaks over lines: a field squeezed into a sliver, its label written one
# letter per line (a short word such as "ใช่" beside its radio button is narrow but on one line).
SQUEEZED_LABELS_JS = """(least) => [...document.querySelectorAll('label, legend')].filter(l => {
  const r = l.getBoundingClientRect();
  if (!l.checkVisibility() || r.height === 0 || r.width >= least || l.innerText.trim().length <= 2
      || l.closest('.visually-hidden')) return false;
  const tops = new Set();
  const walker = document.createTreeWalker(l, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
  }
  return tops.size > 1;
}).map(l => l.innerText.trim() + ' (' + Math.round(l.getBoundingClientRect().width) + ' px)')"""


def squeezed_labels(page: Page, least_px: int = 40) -> list[str]:
    return page.evaluate(SQUEEZED_LABELS_JS, least_px)


def no_squeezed_labels(page: Page, least_px: int = 40) -> None:
    squeezed = squeezed_labels(page, least_px)
    assert not squeezed, (page.url, squeezed)


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def at_both_sizes(page: Page, name: str) -> None:
    """The page as a phone and a desktop show it: no sideways scrolling at either; screenshots on request."""
    for size, label in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page.set_viewport_size(size)
        no_horizontal_scroll(page)
        shoot(page, f"{name}-{label}")
