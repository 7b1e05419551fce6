from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("import/", views.organisation_list, name="import"),  # replaced by the import page
    path("<str:code>/", views.organisation_detail, name="detail"),
    path("<str:code>/tree/", views.organisation_tree, name="tree"),
]
