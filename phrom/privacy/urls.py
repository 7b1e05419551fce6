from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.notice, name="notice"),
    path("exports/<str:code>/", views.export_log, name="exports"),
]
