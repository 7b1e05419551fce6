from django.urls import path

from . import views

app_name = "statistics"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("agencies/", views.agencies, name="agencies"),
    path("cabinet-report/", views.cabinet_report, name="cabinet"),
    path("sites/", views.sites, name="sites"),
]
