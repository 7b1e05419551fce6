from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BundlesConfig(AppConfig):
    name = "phrom.bundles"
    label = "bundles"
    verbose_name = _("Plan bundles")
