"""API rate limits (docs/configuration.md): every caller per hour, and the expensive operations —
printing PDF/Word, building bundles, imports — much lower. Counted in the cache, which is the
database, so every web process sees the same counts. Over the limit: 429 `throttled` with
Retry-After, in the one error envelope (phrom.core.api)."""

from rest_framework import throttling
from rest_framework.settings import api_settings

from .http import client_ip


class _Rate:
    """The rate read at each request from the settings (DRF reads it once, at import), and the
    caller's address from the one place that decides it: no forwarded header is trusted."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_ident(self, request):
        return client_ip(request) or ""


class AnonymousThrottle(_Rate, throttling.AnonRateThrottle):
    """Callers without a token or session, per address."""


class UserThrottle(_Rate, throttling.UserRateThrottle):
    """Every caller: signed in per user, else per address."""


class OperationThrottle(_Rate, throttling.ScopedRateThrottle):
    """The expensive operation a view names in `throttle_scope`, per user (or address), counted
    only for the methods in the view's `throttle_methods` (all when it names none): asking for a
    bundle is expensive, listing them is not."""

    def allow_request(self, request, view):
        methods = getattr(view, "throttle_methods", None)
        if methods and request.method not in methods:
            return True
        return super().allow_request(request, view)
