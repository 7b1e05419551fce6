"""Settings, read from the environment (see docs/configuration.md)."""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


def env_bool(name: str, default: bool) -> bool:
    """A yes/no variable; an empty one is unset. A value it cannot read stops the start: a typo in
    `SECURE_COOKIES=ture` must not quietly mean "no"."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={os.environ[name]!r}: write true or false (also 1/0, yes/no, on/off).")


def secret_key(data_dir: Path, debug: bool) -> str:
    """The SECRET_KEY variable, else the key file scripts/setup keeps in the data directory. Without
    either, only DEBUG or the tests may run, on a key anyone can read here (named so that
    `check --deploy` flags it)."""
    key = os.environ.get("SECRET_KEY", "")
    key_file = data_dir / "secret_key"
    if not key and key_file.exists():
        key = key_file.read_text(encoding="utf-8").strip()
    if key:
        return key
    if debug or TESTING:
        return "django-insecure-phrom-development-key-never-use-it-in-production-0123456789"
    raise ImproperlyConfigured(
        f"No SECRET_KEY: set the SECRET_KEY variable (50+ random characters) or put one in {key_file} "
        "(scripts/setup writes one there). Only DEBUG=true or the tests run without a key."
    )


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("PHROM_DATA_DIR", BASE_DIR.parent / "data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
TESTING = "pytest" in sys.modules
SECRET_KEY = secret_key(DATA_DIR, DEBUG)
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "phrom.core",  # before django_tasks_db: its `db_worker` command is Phrom's (phrom.core.worker)
    "django_tasks",
    "django_tasks_db",
    "axes",
    "phrom.orgs",
    "phrom.accounts",
    "phrom.documents",
    "phrom.demo",
    "phrom.plans",
    "phrom.campaigns",
    "phrom.exchange",
    "phrom.bundles",
    "phrom.members",
    "phrom.statistics",
    "phrom.dependencies",
    "phrom.backups",
    "phrom.privacy",
    "phrom.results",
    "phrom.search",
    "phrom.crisis",
    # After Phrom's apps, so that their registration/ templates (password reset) override the admin's.
    "django.contrib.admin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "phrom.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "phrom.core.middleware.IdleSessionMiddleware",
    "phrom.core.middleware.LocaleMiddleware",  # Thai first: see the class
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "phrom.core.openapi.QueryParametersMiddleware",
]

ROOT_URLCONF = "phrom.urls"
WSGI_APPLICATION = "phrom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "phrom.core.context_processors.phrom",
            ],
            "builtins": ["phrom.core.templatetags.thai"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'phrom.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # PostgreSQL: parameters bound by the server, so that a query the connection has run 5 times
    # (psycopg's default) is prepared and not planned again (see phrom/core/postgresql). Connections
    # live CONN_MAX_AGE, so they see each page's queries many times.
    DATABASES["default"]["ENGINE"] = "phrom.core.postgresql"
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "phrom.accounts.validators.CharacterClassValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Repeated login failures lock the username+address pair for a while, and an address that failed
# with many user names (phrom.accounts.lockout).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "phrom.accounts.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "phrom.core.http.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
import fontpkg_sarabun  # noqa: E402

# The Thai web font ships in a PyPI package; it is served as static files under fonts/sarabun/.
STATICFILES_DIRS = [("fonts/sarabun", str(Path(fontpkg_sarabun.__file__).parent / "files"))]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
# A plan component is saved as one form: 1,000 procedure steps post about 6,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 50_000

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
# Used when EMAIL_BACKEND is the file-based one (scripts/start without a mail server).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(DATA_DIR / "outbox"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Phrom <noreply@phrom.localhost>")
PHROM_BASE_URL = os.environ.get("PHROM_BASE_URL", "http://127.0.0.1:8000")
# Crisis mode's channels besides e-mail (docs/crisis.md): unset, the channel is not used.
PHROM_SMS_GATEWAY_URL = os.environ.get("PHROM_SMS_GATEWAY_URL", "")
PHROM_SMS_GATEWAY_TOKEN = os.environ.get("PHROM_SMS_GATEWAY_TOKEN", "")
PHROM_LINE_CHANNEL_TOKEN = os.environ.get("PHROM_LINE_CHANNEL_TOKEN", "")
PHROM_LINE_API_URL = os.environ.get("PHROM_LINE_API_URL", "https://api.line.me")
PHROM_ANSWER_LINK_HOURS = int(os.environ.get("PHROM_ANSWER_LINK_HOURS", "72"))
PHROM_GATEWAY_TIMEOUT = float(os.environ.get("PHROM_GATEWAY_TIMEOUT", "10"))  # seconds (SMS gateway, LINE)
PHROM_CRISIS_ATTEMPTS = int(os.environ.get("PHROM_CRISIS_ATTEMPTS", "3"))  # tries on a channel before the next

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# In the database (its table made by a migration of phrom.core): every web process shares it, so the
# API rate limits count across gunicorn workers and machines.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "phrom_cache",
        # One entry per caller and limit: room for every user of a national campaign.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}

# The statistics dashboard's figures are counted again at most this often (docs/statistics.md); the
# tests count them on every request unless they say otherwise.
STATISTICS_CACHE_SECONDS = int(os.environ.get("STATISTICS_CACHE_SECONDS", "0" if TESTING else "60"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON bodies (a file upload names its own parser): what the OpenAPI document says is what is read
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "phrom.core.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "phrom.core.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "phrom.core.throttling.AnonymousThrottle",
        "phrom.core.throttling.UserThrottle",
        "phrom.core.throttling.OperationThrottle",
    ],
    # Requests per caller; the expensive operations (views with throttle_scope) much lower.
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_RATE_ANONYMOUS", "100/hour"),
        "user": os.environ.get("API_RATE_USER", "2000/hour"),
        "printing": os.environ.get("API_RATE_PRINTING", "120/hour"),
        "bundles": os.environ.get("API_RATE_BUNDLES", "20/hour"),
        "imports": os.environ.get("API_RATE_IMPORTS", "60/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Phrom API",
    "DESCRIPTION": "Business continuity plans of Thai state agencies (แผนบริหารความพร้อมต่อสภาวะวิกฤต).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI is served from the sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "phrom.core.openapi.document_errors",
                             "phrom.core.openapi.no_null_characters"],
    # Choice sets that share a field name get a name of their own (else a hash-suffixed one).
    "ENUM_NAME_OVERRIDES": {
        "PlanComponentEnum": "phrom.plans.codes.ALL_COMPONENTS",
        "CommentComponentEnum": "phrom.campaigns.models.COMMENT_COMPONENTS",
        "PlanStatusEnum": "phrom.plans.codes.Status",
        "MemberRoleEnum": "phrom.accounts.models.Membership.Role",
        "PlanContentComponentEnum": "phrom.plans.codes.COMPONENTS",
        "ResultKindEnum": "phrom.results.models.Result.Kind",
        "ExerciseTypeEnum": "phrom.results.models.ExerciseType",
        "CorrectiveActionStatusEnum": "phrom.results.models.CorrectiveAction.Status",
        "CrisisAnswerEnum": "phrom.crisis.models.Answer",
        "AnswerEnum": ["yes", "no", "na"],  # the checklist's (plans.serializers), named as before crisis mode's came
    },
}

# Served over HTTPS (behind a reverse proxy that terminates TLS): the default outside DEBUG and the
# tests. scripts/start serves plain HTTP on 127.0.0.1 and says HTTPS=false.
HTTPS = env_bool("HTTPS", not (DEBUG or TESTING))
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", HTTPS)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_HTTPONLY = True
# Signed out after this long without a request (phrom.core.middleware.IdleSessionMiddleware).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "60")) * 60
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# phrom.core.middleware.SecurityHeadersMiddleware. No inline script anywhere (a test renders the
# pages and checks); inline styles stay allowed: htmx adds its indicator style, and bar charts and
# printed tables set widths in style attributes.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in [
    "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
    "microphone", "payment", "usb",
])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_traceback_below_500": {"()": "phrom.core.logfilters.NoTracebackBelow500"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_traceback_below_500"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
