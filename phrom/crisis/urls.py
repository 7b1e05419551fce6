from django.urls import path

from . import views

app_name = "crisis"
urlpatterns = [
    path("plans/<int:pk>/", views.plan_activations, name="plan"),
    path("plans/<int:pk>/activate/", views.activate, name="activate"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/live/", views.live, name="live"),
    path("<int:pk>/steps/", views.step, name="step"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/export/", views.export, name="export"),
    # The personal link of an alert (phrom.crisis.tokens): no login.
    path("answer/<str:token>/", views.answer, name="answer"),
]
