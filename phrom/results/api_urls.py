from django.urls import path, re_path

from . import api

urlpatterns = [
    path("results/", api.ResultList.as_view(), name="api-results"),
    path("results/<int:pk>/", api.ResultDetail.as_view(), name="api-result"),
    path("results/<int:pk>/actions/", api.ResultActions.as_view(), name="api-result-actions"),
    re_path(r"^results/(?P<pk>\d+)/(?P<fmt>pdf|docx)/$", api.ResultReport.as_view(), name="api-result-report"),
    path("exercises/", api.ExerciseCreate.as_view(), name="api-exercises"),
    path("events/", api.EventCreate.as_view(), name="api-events"),
    path("events/<int:pk>/end/", api.EventEnd.as_view(), name="api-event-end"),
    path("corrective-actions/", api.ActionList.as_view(), name="api-corrective-actions"),
    path("corrective-actions/<int:pk>/status/", api.ActionStatus.as_view(), name="api-corrective-action-status"),
    path("exercise-scenarios/", api.ScenarioList.as_view(), name="api-exercise-scenarios"),
    path("training-needs/", api.TrainingNeeds.as_view(), name="api-training-needs"),
]
