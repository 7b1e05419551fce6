from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "phrom.core"
    label = "core"
    verbose_name = "Phrom"
