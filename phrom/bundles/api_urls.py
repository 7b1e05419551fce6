from django.urls import path

from . import api

urlpatterns = [
    path("bundles/", api.BundleList.as_view(), name="api-bundles"),
    path("bundles/<int:pk>/", api.BundleDetail.as_view(), name="api-bundle"),
    path("bundles/<int:pk>/download/", api.BundleDownload.as_view(), name="api-bundle-download"),
]
