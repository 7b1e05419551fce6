from django.urls import path

from . import api

urlpatterns = [
    path("plans/", api.PlanList.as_view(), name="api-plans"),
    path("plans/<int:pk>/", api.PlanDetail.as_view(), name="api-plan"),
    path("plans/<int:pk>/document/", api.PlanDocument.as_view(), name="api-plan-document"),
    path("plans/<int:pk>/components/<str:component>/", api.PlanComponent.as_view(), name="api-plan-component"),
    path("plans/<int:pk>/versions/", api.PlanVersions.as_view(), name="api-plan-versions"),
    path("plans/<int:pk>/versions/<int:number>/", api.PlanVersionDocument.as_view(), name="api-plan-version"),
    path("plans/<int:pk>/diff/", api.PlanDiff.as_view(), name="api-plan-diff"),
    path("plans/<int:pk>/findings/", api.PlanFindings.as_view(), name="api-plan-findings"),
    path("plans/<int:pk>/checklist/", api.PlanChecklist.as_view(), name="api-plan-checklist"),
    path("plans/<int:pk>/strategy-map/", api.PlanStrategyMap.as_view(), name="api-plan-strategy-map"),
    path("plans/<int:pk>/audit/", api.PlanAuditTrail.as_view(), name="api-plan-audit"),
    path("plans/<int:pk>/attachment/", api.PlanAttachment.as_view(), name="api-plan-attachment"),
    path("plan-templates/", api.StarterTemplateList.as_view(), name="api-plan-templates"),
    path("scenarios/", api.ScenarioList.as_view(), name="api-scenarios"),
]
