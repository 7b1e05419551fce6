from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "phrom.results"
    label = "results"
    verbose_name = _("Results of carrying plans out")

    def ready(self):
        from . import signals  # noqa: F401
