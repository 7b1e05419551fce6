from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DependenciesConfig(AppConfig):
    name = "phrom.dependencies"
    label = "dependencies"
    verbose_name = _("Dependencies and recovery gaps")

    def ready(self):
        from . import signals  # noqa: F401
