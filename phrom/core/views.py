from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from phrom.dependencies.views import home_links
from phrom.orgs.models import Organisation, Province


@login_required
def home(request):
    memberships = request.user.memberships.select_related("organisation__kind").order_by("organisation__code")
    counts = {"organisations": Organisation.objects.count(), "provinces": Province.objects.count()}
    return render(
        request,
        "core/home.html",
        {"memberships": memberships, "counts": counts, "today": timezone.localdate(),
         "dependency_links": home_links(request.user, [m.organisation for m in memberships])},
    )
