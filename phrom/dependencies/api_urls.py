from django.urls import path

from . import api

urlpatterns = [
    path("rto-gaps/", api.RtoGaps.as_view(), name="api-rto-gaps"),
]
