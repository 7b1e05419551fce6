from django.urls import path

from . import views

app_name = "bundles"
urlpatterns = [
    path("", views.bundle_list, name="list"),
    path("<int:pk>/", views.bundle_detail, name="detail"),
    path("<int:pk>/download/", views.bundle_download, name="download"),
]
