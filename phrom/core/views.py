from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from phrom.orgs.models import Organisation, Province

from .worklist import tasks_for


@login_required
def home(request):
    """Each person's to-do list first, then the panels (templates core/home.html lists them, one include
    each, fed by one context entry each)."""
    memberships = request.user.memberships.select_related("organisation__kind").order_by("organisation__code")
    counts = {"organisations": Organisation.objects.count(), "provinces": Province.objects.count()}
    return render(request, "core/home.html", {
        "today": timezone.localdate(),
        "tasks": tasks_for(request.user),
        "memberships": memberships,
        "counts": counts,
    })
