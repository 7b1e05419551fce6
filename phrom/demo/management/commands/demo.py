"""`phrom demo [--scale N] [--no-plans]`: load the national demo data set and print the demo users."""

import time
import unicodedata
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from phrom.accounts.models import Membership
from phrom.crisis.demo import load_demo_activations
from phrom.demo.builder import build
from phrom.demo.data.users import DEMO_PASSWORD
from phrom.demo.loader import load
from phrom.demo.plan_loader import load_plans
from phrom.demo.users import ensure_demo_users
from phrom.orgs.models import Organisation, OrgKind
from phrom.results.demo import load_demo_results


def width(text: str) -> int:
    """Columns a string takes in a terminal: Thai vowel and tone marks above or below take none."""
    return sum(0 if unicodedata.category(c) in ("Mn", "Me", "Cf") else 1 for c in text)


def table(rows: list[list[str]]) -> list[str]:
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell + " " * (w - width(cell)) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


class Command(BaseCommand):
    help = "Load the national demo data set (2020 scale) and create the demo users; safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=1,
            help="Multiply the local organisations and units by N, for load tests (default 1).",
        )
        parser.add_argument(
            "--no-plans", action="store_true",
            help="Load the organisations and users only, without the demo plans.",
        )

    def handle(self, *args, scale: int, no_plans: bool = False, **options):
        if scale < 1 or scale > 99:
            raise CommandError(_("--scale must be between 1 and 99."))
        started = time.perf_counter()
        specs = build().specs(scale)
        result = load(specs)
        users = ensure_demo_users()
        plans = None if no_plans else load_plans(specs)
        results = 0 if no_plans else load_demo_results()
        if not no_plans:
            load_demo_activations()
        elapsed = time.perf_counter() - started

        self.stdout.write(
            _("Demo data (scale %(scale)d): %(created)d organisations created, %(updated)d updated, "
              "%(unchanged)d unchanged.")
            % {"scale": scale, "created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        )
        if result.rules_added:
            self.stdout.write(_("Route rule added: provincial offices also inform the Ministry of Interior."))
        counts = Counter(Organisation.objects.values_list("kind_id", flat=True))
        rows = [[_("kind"), _("code"), _("organisations")]]
        rows += [[k.name, k.code, f"{counts[k.code]:,}"] for k in OrgKind.objects.all() if counts[k.code]]
        rows.append([_("total"), "", f"{sum(counts.values()):,}"])
        self.stdout.write("")
        self.stdout.write("\n".join(table(rows)))

        if plans is not None:
            self.stdout.write("")
            self.stdout.write(
                _("Demo plans for fiscal year %(year)d: %(created)d created, %(existing)d already there "
                  "(%(selected)d organisations have one).")
                % {"year": plans.fiscal_year, "created": plans.created, "existing": plans.existing,
                   "selected": plans.selected}
            )
            if plans.created:
                tiers = {"complete": _("complete"), "minor": _("minor gaps"), "gappy": _("with errors"),
                         "draft": _("early drafts")}
                self.stdout.write(
                    _("Of those created: %(tiers)s; %(sensitive)d security-sensitive.")
                    % {"tiers": ", ".join(f"{plans.tiers[t]:,} {label}" for t, label in tiers.items()),
                       "sensitive": plans.sensitive}
                )

        if results:
            self.stdout.write(_("Exercises and events: %(n)d results recorded.") % {"n": results})

        roles = dict(Membership.Role.choices)
        rows = [[_("username"), _("role"), _("organisation")]]
        own_password = _("own password")
        for u in users:
            role = str(roles[u.role]) if u.role else _("administrator (superuser)")
            org = f"{u.organisation.code}  {u.organisation.name}" if u.organisation else "-"
            name = u.username if u.has_demo_password else f"{u.username} ({own_password})"
            rows.append([name, role, org])
        self.stdout.write("")
        self.stdout.write(_("Demo users — password: %(password)s") % {"password": DEMO_PASSWORD})
        self.stdout.write("\n".join(table(rows)))
        self.stdout.write("")
        self.stdout.write(_("Done in %(seconds).1f s.") % {"seconds": elapsed})
