from django.urls import path

from . import api

urlpatterns = [
    path("plans/<int:pk>/export/", api.PlanExport.as_view(), name="api-plan-export"),
    path("plans/import/", api.PlanImport.as_view(), name="api-plans-import"),
]
