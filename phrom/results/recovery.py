"""Was a process back within its recovery time objective? Plain functions over numbers, one rule.

A process recovered exactly at its RTO met it. Still down is a state, not a missing number: it never
meets the RTO. Without an RTO there is nothing to meet, and the process is left out of the shares.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from phrom.core.numbers import percent

MET, LATE, OVER_MTPD, STILL_DOWN, NO_RTO, NOT_DISRUPTED = "met", "late", "over_mtpd", "still_down", "no_rto", "not_disrupted"
OUTCOME_LABELS = {
    MET: _("within the RTO"),
    LATE: _("later than the RTO"),
    OVER_MTPD: _("beyond the maximum tolerable period"),
    STILL_DOWN: _("still down"),
    NO_RTO: _("no RTO in the plan"),
    NOT_DISRUPTED: _("not disrupted"),
}
COUNTED = (MET, LATE, OVER_MTPD, STILL_DOWN)  # the outcomes a share of "recovered within the RTO" is over


def outcome(rto_hours, mtpd_hours, recovered_hours, still_down: bool) -> str:
    if still_down:
        return STILL_DOWN
    if recovered_hours is None:
        return NOT_DISRUPTED
    if rto_hours is None:
        return NO_RTO
    if recovered_hours <= rto_hours:
        return MET
    if mtpd_hours is not None and recovered_hours > mtpd_hours:
        return OVER_MTPD
    return LATE


@dataclass(frozen=True)
class Achievement:
    met: int
    counted: int

    @property
    def percent(self):
        return percent(self.met, self.counted)


def achievement(outcomes: Iterable[str]) -> Achievement:
    """The share of disrupted processes with an RTO that were back within it."""
    outcomes = list(outcomes)
    return Achievement(met=outcomes.count(MET), counted=sum(1 for o in outcomes if o in COUNTED))


# outcome() in SQL, for counting over many results at once (tests/results check the two agree).
def met_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}still_down": False, f"{prefix}recovered_hours__isnull": False, f"{prefix}rto_hours__isnull": False,
                f"{prefix}recovered_hours__lte": F(f"{prefix}rto_hours")})


def counted_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}still_down": True}) | Q(**{f"{prefix}recovered_hours__isnull": False,
                                                     f"{prefix}rto_hours__isnull": False})
