from django.conf import settings


def phrom(request):
    return {"PHROM_VERSION": "0.1", "DEBUG": settings.DEBUG}
