from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "phrom.search"
    verbose_name = _("Search across plans")

    def ready(self):
        from . import signals  # noqa: F401  (a plan is indexed when a version is sent)
