"""Template helpers of the plan pages: completeness bars, the choice lists plan-edit.js fills selects
from, the call-tree picture's shapes, and the plan sections of the organisation and home pages."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from phrom.accounts import permissions

from ..editors.html import esc

register = template.Library()


@register.filter
def score_class(score):
    """good / fair / poor: the colour of a completeness score."""
    if score is None:
        return ""
    return "good" if score >= 80 else "fair" if score >= 50 else "poor"


@register.simple_tag
def bar(score, label=""):
    """A small completeness bar (decorative: the number is always written beside it)."""
    score = max(0, min(100, int(score or 0)))
    cls = score_class(score)
    return format_html(
        '<span class="meter-bar {}" aria-hidden="true"><span style="width:{}%"></span></span>', cls, score
    ) if label == "" else format_html(
        '<span class="meter-bar {}" role="img" aria-label="{}"><span style="width:{}%"></span></span>', cls, label, score
    )


@register.inclusion_tag("plans/_org_section.html", takes_context=True)
def org_plans_section(context, org):
    """The 'BCP plans' card of an organisation page."""
    from phrom.campaigns import facts  # campaigns builds on plans: imported when drawn

    user = context["request"].user
    plans = list(facts.with_awaits_approval(permissions.listable_plans(user).filter(organisation=org)).order_by("-fiscal_year")[:5])
    return {
        "org": org, "rows": [{"plan": p, "readable": permissions.can_read_live_plan(user, p.organisation)} for p in plans],
        "can_start": permissions.can_edit_plan(user, org), "is_member": permissions.is_member(user, org),
        "request": context["request"],
    }


@register.inclusion_tag("plans/_home_line.html", takes_context=True)
def org_plan_line(context, org, plans):
    """One line on a home-page organisation card: its latest plan (plans: organisation id -> its latest
    plan, core.worklist.latest_plans), or a link to start one."""
    user = context["request"].user
    return {"org": org, "plan": plans.get(org.pk), "can_start": permissions.can_edit_plan(user, org)}


@register.filter
def awaits_approval(plan) -> bool:
    from phrom.campaigns import facts  # campaigns builds on plans: asked when drawn, not imported at load

    # Lists read it with their plans (facts.with_awaits_approval); otherwise it is asked once per plan
    # object (a plan page draws the status both in its header and in its facts).
    if not hasattr(plan, "awaits_approval_now"):
        plan.awaits_approval_now = facts.awaits_approval(plan)
    return plan.awaits_approval_now


@register.filter
def component_revision(plan, component):
    return plan.component_revision(component)


# As django.utils.html.json_script, but Thai left as it is (\uXXXX would double the bytes of a list
# of 500 names): only the characters that could end the script element are escaped.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def choices_json(choices, element_id, extra=""):
    """A select's choices as JSON in a <script> (plan-edit.js fills selects from it)."""
    data = json.dumps([[str(v), str(label)] for v, label in choices], ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script id="{esc(element_id)}" type="application/json"{extra}>{data}</script>')


@register.simple_tag
def call_tree_shapes(picture):
    """The lines, order badges and boxes of the call-tree picture (pictures.call_tree_picture),
    written in Python: a tree of 500 people is some 1,500 SVG elements."""
    parts = []
    for e in picture.edges:
        marker = ' marker-end="url(#ct-arrow)"' if e.kind != "tree" else ""
        parts.append(f'<path d="{esc(e.d)}" class="edge {esc(e.kind)}"{marker}><title>{esc(e.title)}</title></path>')
    for e in picture.edges:
        if e.order:
            parts.append(f'<g class="order-badge {esc(e.kind)}"><circle cx="{e.badge_x}" cy="{e.badge_y}" r="9"/>'
                         f'<text x="{e.badge_x}" y="{e.badge_y + 4}" text-anchor="middle">{esc(e.order)}</text></g>')
    w, h = picture.node_w, picture.node_h
    for n in picture.nodes:
        classes = "node" + ("" if n.reached else " unreached") + (" cycle" if n.in_cycle else "") + (" root" if n.is_root else "")
        title = esc(n.name) + (f" — {esc(n.position)}" if n.position else "")
        channel = f'<text class="channel" x="{w - 10}" y="36" text-anchor="end">{esc(n.channel)}</text>' if n.channel else ""
        parts.append(
            f'<g class="{classes}" data-key="{esc(n.key)}" transform="translate({n.x} {n.y})"><title>{title}</title>'
            f'<rect width="{w}" height="{h}" rx="6"/><text class="name" x="12" y="18">{"★ " if n.is_root else ""}'
            f'{esc(n.label)}</text><text class="pos" x="12" y="36">{esc(n.sublabel)}</text>{channel}</g>'
        )
    return mark_safe("\n".join(parts))
