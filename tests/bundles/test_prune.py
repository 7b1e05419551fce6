"""`phrom prune_bundles`: bundles past their expiry go, with their files; the others stay."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from phrom.bundles.models import PlanBundle

pytestmark = pytest.mark.django_db


def bundle(user, *, expires_in_days: float, created_days_ago: float = 0):
    b = PlanBundle(requested_by=user, scope="province", province_id="21", status="done",
                   expires_at=timezone.now() + datetime.timedelta(days=expires_in_days))
    b.file.save("bundle.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18), save=False)
    b.save()
    PlanBundle.objects.filter(pk=b.pk).update(created_at=timezone.now() - datetime.timedelta(days=created_days_ago))
    return b


def test_prune_removes_expired_bundles_and_their_files(province_user, media):
    old = bundle(province_user, expires_in_days=-1)
    fresh = bundle(province_user, expires_in_days=6)
    out = io.StringIO()
    call_command("prune_bundles", stdout=out)
    assert "Deleted 1 plan bundle(s)." in out.getvalue()
    assert list(PlanBundle.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not (media / old.file.name).exists()
    assert (media / fresh.file.name).exists()


def test_prune_older_than(province_user, media):
    week_old = bundle(province_user, expires_in_days=3, created_days_ago=8)
    today = bundle(province_user, expires_in_days=7)
    call_command("prune_bundles", "--older-than", "7", stdout=io.StringIO())
    assert list(PlanBundle.objects.values_list("pk", flat=True)) == [today.pk]
    assert not (media / week_old.file.name).exists()


def test_prune_survives_a_file_already_gone(province_user, media):
    gone = bundle(province_user, expires_in_days=-1)
    (media / gone.file.name).unlink()
    call_command("prune_bundles", stdout=io.StringIO())
    assert PlanBundle.objects.count() == 0
