"""What the deadline-day people read from Phrom's pages (bench/load/scenario.py, bench/load/page_cpu.py):
the links they follow and the forms they post, as a browser would."""

from __future__ import annotations

import re

import lxml.html

SUBMISSION_RE = re.compile(r'href="(/campaigns/submissions/(\d+)/)"')
APPROVE_RE = re.compile(r'action="(/campaigns/submissions/\d+/approve/)"')
DRILL_RE = re.compile(r'href="(/statistics/agencies/\?[^"]+)"')
LOCK_RE = re.compile(r'name="lock" value="(\d+)"')


def form_fields(html: str, form_id: str) -> list[tuple[str, str]]:
    """What the browser posts for the form `form_id` (rows inside <template> are the browser's, not sent)."""
    doc = lxml.html.fromstring(html)
    for template in doc.iter("template"):
        template.drop_tree()
    return list(doc.get_element_by_id(form_id).form_values())


def drill_links(html: str) -> list[str]:
    """The lists behind the dashboard's numbers."""
    return [link.replace("&amp;", "&") for link in DRILL_RE.findall(html)]
