from django.urls import path

from . import api

urlpatterns = [
    path("statistics/", api.Statistics.as_view(), name="api-statistics"),
]
