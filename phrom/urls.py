from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from phrom.core import views as core_views

api_v1 = [
    path("", include("phrom.orgs.api_urls")),
    path("", include("phrom.accounts.api_urls")),
    path("", include("phrom.plans.api_urls")),
    path("", include("phrom.campaigns.api_urls")),
    path("", include("phrom.exchange.api_urls")),
    path("", include("phrom.bundles.api_urls")),
    path("", include("phrom.documents.api_urls")),
    path("", include("phrom.members.api_urls")),
    path("", include("phrom.statistics.api_urls")),
    path("", include("phrom.dependencies.api_urls")),
    path("", include("phrom.results.api_urls")),
    path("", include("phrom.search.api_urls")),
    path("", include("phrom.crisis.api_urls")),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="core/api_docs.html"), name="api-docs"),
]

handler404 = "phrom.core.views.not_found"
handler500 = "phrom.core.views.server_error"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("", include("phrom.documents.offline_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("orgs/", include("phrom.orgs.urls")),
    path("campaigns/", include("phrom.campaigns.urls")),
    path("plans/", include("phrom.plans.urls")),
    path("exchange/", include("phrom.exchange.urls")),
    path("bundles/", include("phrom.bundles.urls")),
    path("documents/", include("phrom.documents.urls")),
    path("members/", include("phrom.members.urls")),
    path("statistics/", include("phrom.statistics.urls")),
    path("dependencies/", include("phrom.dependencies.urls")),
    path("privacy/", include("phrom.privacy.urls")),
    path("results/", include("phrom.results.urls")),
    path("search/", include("phrom.search.urls")),
    path("crisis/", include("phrom.crisis.urls")),
    path("api/v1/", include(api_v1)),
    path("admin/", admin.site.urls),
]
