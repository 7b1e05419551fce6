from django.urls import path

from . import api

urlpatterns = [path("me/", api.CurrentUser.as_view(), name="api-me")]
