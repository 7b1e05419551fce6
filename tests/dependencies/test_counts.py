"""The gap figures of the national picture: counted per agency after each sent version (in the
background, one count waiting at a time), summed over a dashboard's scope."""

import pytest
from django.core.cache import cache
from django_tasks_db.models import DBTaskResult

from phrom.dependencies import counts
from phrom.dependencies.models import GapCounts
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.dependencies import civil_registration, on_civil, with_dependencies
from tests.helpers.plans import make_plan

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def sent_world(structure, people, django_capture_on_commit_callbacks):
    """DOPA's civil registration (24 h) sent; the provincial health office (4 h on it) and the Chonburi
    provincial office (4 h on it, covered 2 h) sent too: two gaps, none beyond the MTPD."""
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        campaign = open_campaign(structure.opdc, people.opdc_coordinator)
        civil_registration(structure, people, campaign=campaign)
        for org, dep in ((structure.rayong_unit, on_civil()), (structure.chonburi_office, on_civil(covered=2))):
            send(campaign, org, people, make_plan(org, people.coordinator(org), processes=with_dependencies(dep)))
    return structure


def test_sending_queues_one_count_per_year_and_the_count_sums_by_scope(sent_world):
    queued = DBTaskResult.objects.filter(task_path="phrom.dependencies.counts.refresh_gap_counts")
    assert queued.count() == 1  # three plans sent, one count waiting
    assert list(queued.values_list("args_kwargs", flat=True))[0]["args"] == [2570]
    assert counts.figures(2570, None) is None  # not counted yet
    assert counts.refresh_gap_counts.call(2570) == 2
    everything = counts.figures(2570, None)
    assert (everything.gaps, everything.severe, everything.agencies) == (2, 0, 2)
    rayong = counts.figures(2570, [sent_world.rayong_unit.pk, sent_world.rayong_office.pk])
    assert (rayong.gaps, rayong.agencies) == (1, 1)
    assert counts.figures(2569, None) is None
    # Counted, the next sending queues a new count.
    counts._enqueue(2570)
    assert queued.count() == 2


def test_the_dashboard_shows_the_gaps_of_its_scope(client, sent_world, people):
    counts.refresh(2570)
    client.force_login(people.opdc_coordinator)
    page = client.get("/statistics/", {"fiscal_year": 2570}, HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert 'id="stat-gaps" href="/dependencies/gaps/?fiscal_year=2570">2</a>' in page
    province = client.get("/statistics/", {"fiscal_year": 2570, "province": sent_world.rayong_unit.province_id},
                          HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert f'id="stat-gaps" href="/dependencies/gaps/?fiscal_year=2570&amp;province={sent_world.rayong_unit.province_id}">1</a>' in province
    assert GapCounts.objects.get().by_organisation == {str(sent_world.rayong_unit.pk): [1, 0],
                                                       str(sent_world.chonburi_office.pk): [1, 0]}
