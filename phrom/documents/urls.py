from django.urls import re_path

from . import views

app_name = "documents"

urlpatterns = [
    re_path(r"^plans/(?P<pk>\d+)\.(?P<fmt>pdf|docx)$", views.plan_file, name="plan"),
    re_path(r"^submissions/(?P<pk>\d+)\.(?P<fmt>pdf|docx)$", views.submission_file, name="submission"),
]
