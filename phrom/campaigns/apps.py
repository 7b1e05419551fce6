from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "phrom.campaigns"
    label = "campaigns"
    verbose_name = _("Submission campaigns")

    def ready(self):
        from . import sent  # noqa: F401 — the versions_sent signal's sources
