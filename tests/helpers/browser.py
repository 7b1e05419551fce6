"""Browser test steps: an accessibility check of the page as it is now, and logging in through the form."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

PASSWORD = "Phrom-test-2570"  # tests/factories.py UserFactory
BLOCKING_IMPACTS = {"serious", "critical"}

_axe = Axe()


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


def check_accessibility(page: Page, *, skip_rules: tuple[str, ...] = ()) -> None:
    """Run axe-core on the page as it is now; fail on serious or critical violations.

    `skip_rules` is only for third-party widgets whose markup Phrom does not control (say why)."""
    page.wait_for_load_state("load")
    options = {"resultTypes": ["violations"], "rules": {rule: {"enabled": False} for rule in skip_rules}}
    results = _axe.run(page, options=options)
    page._phrom_checked.add(page.url)
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
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
