from django.urls import path

from . import views

app_name = "results"
urlpatterns = [
    path("", views.index, name="index"),
    path("exercises/new/", views.new_exercise, name="new_exercise"),
    path("events/new/", views.new_event, name="new_event"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/report.<str:fmt>", views.document, name="document"),
    path("<int:pk>/actions/", views.add_action, name="add_action"),
    path("<int:pk>/end/", views.end_event, name="end_event"),
    path("actions/", views.actions, name="actions"),
    path("actions/<int:pk>/status/", views.action_status, name="action_status"),
    path("scenarios/", views.scenarios, name="scenarios"),
    path("overview/", views.overview_page, name="overview"),
    path("training/", views.training, name="training"),
]
