from django.urls import path

from . import api

urlpatterns = [
    path("organisations/", api.OrganisationList.as_view(), name="api-organisations"),
    path("organisations/<str:code>/", api.OrganisationDetail.as_view(), name="api-organisation"),
]
