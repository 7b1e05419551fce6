from django.urls import path

from . import import_views, views

app_name = "orgs"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("import/", import_views.import_page, name="import"),
    path("import/<int:pk>/", import_views.import_detail, name="import_detail"),
    path("import/sample.csv", import_views.import_sample, name="import_sample"),
    path("import/export.csv", import_views.export_download, name="export"),
    path("<str:code>/", views.organisation_detail, name="detail"),
    path("<str:code>/tree/", views.organisation_tree, name="tree"),
]
