from django.urls import path

from . import views

app_name = "exchange"

urlpatterns = [
    path("plans/<int:pk>/export.json", views.export_json, name="export_json"),
    path("orgs/<str:code>/word/", views.word_upload, name="word_upload"),
    path("word/<int:pk>/", views.word_review, name="word_review"),
]
