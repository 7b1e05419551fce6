from django.urls import path

from . import views

app_name = "dependencies"
urlpatterns = [
    path("plan/<int:pk>/", views.plan_dependencies, name="plan"),
    path("plan/<int:pk>/picker/", views.picker, name="picker"),
    path("agency/<str:code>/", views.dependants_page, name="dependants"),
    path("gaps/", views.gaps_page, name="gaps"),
    path("services/", views.services_page, name="services"),
    path("services/<str:code>/<str:key>/", views.service_page, name="service"),
]
