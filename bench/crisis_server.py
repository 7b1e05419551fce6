"""The web server of bench/crisis.py's answering part (run by gunicorn, as scripts/start serves Phrom):
Phrom's WSGI application with, on every response, the milliseconds Django spent handling the request
(middleware, view, template: from the request handed over to the response ready) in an
`X-Handler-Ms` header, and beside Phrom's own pages one bare view that does a single UPDATE — the
floor the answer page is compared with under the same load."""

import os
import time
from importlib import import_module

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phrom.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402

from phrom.crisis.models import Recipient  # noqa: E402


@csrf_exempt
def bare(request, pk):
    Recipient.objects.filter(pk=pk).update(note="bare")
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/<int:pk>/", bare), *import_module(settings.ROOT_URLCONF).urlpatterns]
settings.ROOT_URLCONF = __name__
django_application = get_wsgi_application()


def application(environ, start_response):
    t0 = time.perf_counter()

    def timed(status, headers, exc_info=None):
        headers.append(("X-Handler-Ms", f"{1000 * (time.perf_counter() - t0):.3f}"))
        return start_response(status, headers, exc_info)

    return django_application(environ, timed)
