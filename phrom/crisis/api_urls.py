from django.urls import path

from . import api

urlpatterns = [
    path("plans/<int:pk>/activations/", api.PlanActivations.as_view(), name="api-plan-activations"),
    path("activations/<int:pk>/", api.ActivationDetail.as_view(), name="api-activation"),
    path("activations/<int:pk>/steps/", api.ActivationSteps.as_view(), name="api-activation-steps"),
    path("activations/<int:pk>/close/", api.ActivationClose.as_view(), name="api-activation-close"),
    path("activations/<int:pk>/export/", api.ActivationExport.as_view(), name="api-activation-export"),
    # The personal link's token (phrom.crisis.tokens): no account.
    path("answers/<str:token>/", api.AlertAnswer.as_view(), name="api-alert-answer"),
]
