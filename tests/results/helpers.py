"""Results recorded the way the services record them, for the tests of phrom.results."""

import datetime

from django.utils import timezone

from phrom.plans.models import Scenario
from phrom.results import services

NOV_2 = timezone.make_aware(datetime.datetime(2026, 11, 2, 8, 0))


def flood():
    return Scenario.objects.get(code="flood")


def event_result(org, user, *, processes=True, started_at=NOV_2, others=()):
    """The agency's result of a real flood (with its plan's processes when it has a plan)."""
    event = services.record_event(user, reporter=org, organisations=[org, *others], title="น้ำท่วมสำนักงาน",
                                  hazard=flood(), area="อำเภอเมือง", started_at=started_at, ended_at=None)
    result = event.results.get(organisation=org)
    if not processes:
        result.processes.all().delete()
    return result


def save(user, result, **data):
    result.refresh_from_db()
    return services.save_result(user, result, data, revision=result.revision)
