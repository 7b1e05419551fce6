from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "phrom.statistics"
    # Not "statistics": the label names the tables and must not read like Python's own module.
    label = "plan_statistics"
    verbose_name = _("Statistics")

    def ready(self):
        from . import signals  # noqa: F401  (facts are recorded when a version is sent)
