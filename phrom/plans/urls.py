from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.my_plans, name="mine"),
    path("org/<str:code>/", views.org_plans, name="org"),
    path("<int:pk>/", views.overview, name="overview"),
    path("<int:pk>/classification/", views.classification, name="classification"),
    path("<int:pk>/attachment/", views.attachment, name="attachment"),
    path("<int:pk>/attachment/remove/", views.attachment_remove, name="attachment_remove"),
    path("<int:pk>/versions/", views.versions, name="versions"),
    path("<int:pk>/versions/<int:number>/", views.version, name="version"),
    path("<int:pk>/compare/", views.compare, name="compare"),
    path("<int:pk>/audit/", views.audit, name="audit"),
    path("<int:pk>/checklist/", views.checklist_page, name="checklist"),
    path("<int:pk>/strategy-map/", views.strategy_map_page, name="strategy_map"),
    path("<int:pk>/<slug:slug>/", views.edit, name="edit"),
]
