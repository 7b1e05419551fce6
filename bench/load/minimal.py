"""The yardstick of the deadline-day load: one Django view that answers a few bytes, with Django's own
minimal settings (no database, no sessions), served by gunicorn like Phrom:

    .venv/bin/gunicorn --chdir bench/load minimal:application
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse("พร้อม\n", content_type="text/plain; charset=utf-8")


settings.configure(DEBUG=False, SECRET_KEY="bench-minimal-view-not-secret", ROOT_URLCONF=__name__,
                   ALLOWED_HOSTS=["127.0.0.1", "localhost"], MIDDLEWARE=["django.middleware.common.CommonMiddleware"])
urlpatterns = [path("", hello)]
application = get_wsgi_application()
