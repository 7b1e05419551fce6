"""Login lock-outs: django-axes locks a user name at an address after AXES_FAILURE_LIMIT failures;
this handler also locks an address whose failures over all user names reach
AXES_ADDRESS_FAILURE_LIMIT — one address trying many names. Higher, because a government office
signs in from behind one address."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

from phrom.core.http import client_ip


class LockoutHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or address_locked(request)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        """axes answers with its lock-out page when it flags the request; it flags only its own lock."""
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and address_locked(request):
            request.axes_locked_out = True
            request.axes_credentials = credentials


def address_locked(request) -> bool:
    return address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT


def address_failures(request) -> int:
    """Failures from the request's address over all user names, within the cool-off time."""
    attempts = AccessAttempt.objects.filter(ip_address=client_ip(request),
                                            attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
