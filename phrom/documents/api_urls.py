from django.urls import path, re_path

from . import api

urlpatterns = [
    re_path(r"^plans/(?P<pk>\d+)/(?P<fmt>pdf|docx)/$", api.PlanDocumentFile.as_view(), name="api-plan-file"),
    re_path(r"^submissions/(?P<pk>\d+)/(?P<fmt>pdf|docx)/$", api.SubmissionDocumentFile.as_view(),
            name="api-submission-file"),
    path("plans/<int:pk>/pocket-cards/pdf/", api.PocketCardsFile.as_view(), name="api-pocket-cards"),
    path("plans/<int:pk>/pocket-cards/<slug:key>/pdf/", api.PocketCardFile.as_view(), name="api-pocket-card"),
]
