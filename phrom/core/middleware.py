import time

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Thai unless the user picked English with the language switch (the language cookie).

    Pages ignore the browser's Accept-Language: many Thai government PCs run English-language
    browsers, and the interface is Thai first. API clients send Accept-Language on purpose, so
    the API honours it.
    """

    def process_request(self, request):
        if request.path_info.startswith("/api/"):
            return super().process_request(request)
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or settings.LANGUAGE_CODE
        try:
            language = translation.get_supported_language_variant(language)
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class SecurityHeadersMiddleware:
    """Headers Django does not set itself (docs/configuration.md):

    - Content-Security-Policy (settings.CONTENT_SECURITY_POLICY): scripts only from our own static
      files, never inline, so an injected `<script>` or `onclick=` does not run;
    - Permissions-Policy (settings.PERMISSIONS_POLICY): no camera, microphone, location… for anyone;
    - `Cache-Control: no-store` on every answer to a signed-in user (page or API): they hold plans'
      contact data, which no shared or browser cache may keep.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class IdleSessionMiddleware:
    """Signs a user out after SESSION_COOKIE_AGE without a request: each request that comes more
    than a tenth of that age after the last renewal saves the session again, which moves its expiry
    on — rather than SESSION_SAVE_EVERY_REQUEST's write on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        now = int(time.time())
        if session.get("_auth_user_id") and now - session.get("renewed", 0) > settings.SESSION_COOKIE_AGE // 10:
            session["renewed"] = now
        return self.get_response(request)
