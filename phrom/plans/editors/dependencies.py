"""The dependencies of the business impact analysis's processes (component 5), edited one at a time
on the plan's dependency page: a dependency added from a small form (another agency's process picked
from those sent, a utility from the table, a supplier with the time it promises; each maybe covered
for some hours by an arrangement of the plan's strategies), or removed. The page saves the changed
processes component through the one writer (content.apply_component), at the revision it was drawn at."""

from __future__ import annotations

import copy

from django.utils.translation import gettext_noop

from ..formatting import parse_duration, parse_number
from .base import local_error

KINDS = ("process", "utility", "supplier")


def _hours(post, name: str, errors: list, *, required=False):
    """A duration typed as a number and a unit (hour, day, week, month), in hours."""
    text = (post.get(name) or "").strip()
    if not text:
        if required:
            errors.append(local_error(name, gettext_noop("This field is required.")))
        return None
    try:
        number = parse_number(text)
    except ValueError:
        errors.append(local_error(name, gettext_noop("Enter a number, e.g. 4 or 1.5.")))
        return None
    if number < 0:
        errors.append(local_error(name, gettext_noop("Enter a number greater than zero.")))
        return None
    return parse_duration(number, post.get(f"{name}_unit") or "hour") if number else 0


def dependency_from_post(post) -> tuple[dict | None, list[dict]]:
    """The dependency an add form posted, in the document's form, or the errors of what was typed."""
    errors: list[dict] = []
    kind = post.get("kind")
    if kind not in KINDS:
        return None, [local_error("kind", gettext_noop("Choose one of: {choices}."), choices=", ".join(KINDS))]
    if kind == "process":
        organisation, _, process = (post.get("target") or "").partition("/")
        if not (organisation and process):
            errors.append(local_error("target", gettext_noop("Search for the agency or the process, then choose one.")))
        dep = {"kind": kind, "organisation": organisation, "process": process}
    elif kind == "utility":
        dep = {"kind": kind, "utility": post.get("utility") or ""}
    else:
        dep = {"kind": kind, "name": (post.get("name") or "").strip(),
               "recovery_hours": _hours(post, "recovery_hours", errors, required=True)}
    dep["covered_hours"] = _hours(post, "covered_hours", errors)
    dep["covered_by"] = (post.get("covered_by") or "").strip()
    return (None if errors else dep), errors


def add_dependency(processes: list, key: str, dep: dict) -> list:
    out = copy.deepcopy(processes)
    for p in out:
        if p["key"] == key:
            p["dependencies"] = [*p.get("dependencies", []), dep]
    return out


def remove_dependency(processes: list, key: str, index: int) -> list:
    out = copy.deepcopy(processes)
    for p in out:
        if p["key"] == key and 0 <= index < len(p.get("dependencies", [])):
            del p["dependencies"][index]
            if not p["dependencies"]:
                del p["dependencies"]
    return out
