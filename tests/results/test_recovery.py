"""Was a process back within its RTO: the one rule, and its SQL form agreeing with it."""

from itertools import product

import pytest

from phrom.results import recovery as R
from phrom.results.models import ProcessRecovery


@pytest.mark.parametrize("rto, mtpd, recovered, down, expected", [
    (4, 24, 4, False, R.MET),           # exactly at the RTO meets it
    (4, 24, 3.5, False, R.MET),
    (4, 24, 4.01, False, R.LATE),
    (4, 24, 24, False, R.LATE),         # at the MTPD: late, not beyond it
    (4, 24, 30, False, R.OVER_MTPD),
    (4, None, 300, False, R.LATE),      # no MTPD: late however long
    (None, 24, 2, False, R.NO_RTO),     # nothing to meet
    (4, 24, None, True, R.STILL_DOWN),  # a state, not a missing number
    (None, None, None, True, R.STILL_DOWN),
    (4, 24, None, False, R.NOT_DISRUPTED),
    (4, 24, 0, False, R.MET),
])
def test_outcome(rto, mtpd, recovered, down, expected):
    assert R.outcome(rto, mtpd, recovered, down) == expected


def test_achievement_counts_still_down_and_leaves_out_what_has_no_rto():
    a = R.achievement([R.MET, R.MET, R.LATE, R.STILL_DOWN, R.NO_RTO, R.NOT_DISRUPTED, R.OVER_MTPD])
    assert (a.met, a.counted, str(a.percent)) == (2, 5, "40.00")
    assert R.achievement([R.NO_RTO]).percent is None


def test_the_sql_form_agrees_with_the_rule(db, structure, coordinator):
    from tests.results.helpers import event_result

    result = event_result(structure.rayong_unit, coordinator, processes=False)
    grid = list(product([None, 4.0], [None, 24.0], [None, 0.0, 4.0, 10.0, 30.0], [False, True]))
    rows = ProcessRecovery.objects.bulk_create(
        ProcessRecovery(result=result, position=i, process_key=f"k{i}", process_name="x", rto_hours=rto, mtpd_hours=mtpd,
                        recovered_hours=None if down else rec, still_down=down)
        for i, (rto, mtpd, rec, down) in enumerate(grid))
    met = set(ProcessRecovery.objects.filter(R.met_q(), result=result).values_list("process_key", flat=True))
    counted = set(ProcessRecovery.objects.filter(R.counted_q(), result=result).values_list("process_key", flat=True))
    for p in rows:
        o = R.outcome(p.rto_hours, p.mtpd_hours, p.recovered_hours, p.still_down)
        assert (p.process_key in met) == (o == R.MET), (p.rto_hours, p.recovered_hours, p.still_down)
        assert (p.process_key in counted) == (o in R.COUNTED), (p.rto_hours, p.recovered_hours, p.still_down)
