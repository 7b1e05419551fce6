from django.urls import path

from . import api

urlpatterns = [
    path("statistics/", api.Statistics.as_view(), name="api-statistics"),
    path("statistics/sites/", api.SharedSites.as_view(), name="api-statistics-sites"),
]
