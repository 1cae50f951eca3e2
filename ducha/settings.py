"""Django settings. Everything deployment-specific comes from the environment.

DATABASE_URL selects the database (default: SQLite under var/).
DUCHA_PROFILE=production turns on HTTPS-only cookies, redirects and HSTS and
requires DUCHA_ALLOWED_HOSTS and a strong DUCHA_SECRET_KEY (README, "Production").
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("DUCHA_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

PRODUCTION = os.environ.get("DUCHA_PROFILE", "") == "production"
# The key a development checkout falls back to; ducha.wsgi refuses to serve with it outside the demo.
DEFAULT_SECRET_KEY = "ducha-insecure-development-key-change-me"
SECRET_KEY = os.environ.get("DUCHA_SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = os.environ.get("DUCHA_DEBUG", "0") == "1" and not PRODUCTION
ALLOWED_HOSTS = [h.strip() for h in os.environ.get(
    "DUCHA_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver").split(",") if h.strip()]
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DUCHA_PROFILE=production requires DUCHA_ALLOWED_HOSTS (comma-separated host names)")
if PRODUCTION and (SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("DUCHA_PROFILE=production requires DUCHA_SECRET_KEY of at least 50 random characters")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "axes",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_q",
    "ducha.core",
    "ducha.jurisdictions",
    "ducha.public",
    "ducha.audit",
    "ducha.holidays",
    "ducha.notifications",
    "ducha.evidence",
    "ducha.ledger",
    "ducha.progress",
    "ducha.dispatch",
    "ducha.supervision",
    "ducha.cases",
    "ducha.chronicle",
    "ducha.mywork",
    "ducha.warnings",
    "ducha.plans",
    "ducha.quality",
    "ducha.signoff",
    "ducha.accountability",
    "ducha.revisits",
    "ducha.suspects",
    "ducha.overview",
    "ducha.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ducha.core.middleware.RequestIdMiddleware",
    "ducha.core.middleware.BadFilterStatusMiddleware",
    "ducha.core.middleware.OutOfRangeIdMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so it sees the lockout flag the login views leave on the request.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ducha.urls"
WSGI_APPLICATION = "ducha.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "OPTIONS": {
            # Compiled templates are kept for the life of the process in every
            # profile, DEBUG included, instead of relying on Django's default for it.
            "loaders": [("django.template.loaders.cached.Loader", [
                "django.template.loaders.filesystem.Loader",
                "django.template.loaders.app_directories.Loader",
            ])],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Select widgets name their empty choice (请选择… / （无）) instead of showing Django's "---------".
FORM_RENDERER = "ducha.core.forms.FormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'ducha.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers proceed while the one writer commits; IMMEDIATE avoids
    # lock upgrades failing half-way through a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "jurisdictions.User"
LOGIN_URL = "login"
# The start page: 我的待办 for officers, the overview for everyone else (ducha.mywork.views.start).
LOGIN_REDIRECT_URL = "mywork:start"
LOGOUT_REDIRECT_URL = "login"

# Axes first: it refuses locked-out credentials before the model backend checks them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, loading the session's user with its unit, division and scope in one query.
    "ducha.jurisdictions.backends.UserBackend",
]

PASSWORD_MIN_LENGTH = int(os.environ.get("DUCHA_PASSWORD_MIN_LENGTH", "10"))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
     "OPTIONS": {"user_attributes": ("username", "full_name", "email", "phone")}},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "ducha.jurisdictions.passwords.ChineseCommonPasswordValidator"},
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failures for one
# username, or DUCHA_ADDRESS_FAILURE_LIMIT from one address (an office behind
# NAT is one address), that username / address is locked out for the cool-off
# time. Applies to /login/, the admin login and POST /api/auth/token/.
AXES_FAILURE_LIMIT = int(os.environ.get("DUCHA_LOGIN_FAILURE_LIMIT", "5"))
DUCHA_ADDRESS_FAILURE_LIMIT = int(os.environ.get("DUCHA_LOGIN_ADDRESS_FAILURE_LIMIT", "30"))
AXES_HANDLER = "ducha.jurisdictions.lockout.Handler"
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("DUCHA_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ducha.jurisdictions.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "ducha.jurisdictions.lockout.client_ip"
AXES_VERBOSE = False
# Failed sign-ins appear in the admin as jurisdictions.FailedLogin (in Chinese, unlocking audited).
AXES_ENABLE_ADMIN = False
# Behind a reverse proxy that terminates HTTPS (README, "Production").
BEHIND_PROXY = os.environ.get("DUCHA_BEHIND_PROXY") == "1"

# API tokens (django-rest-knox): only a SHA-512 digest is stored; a token
# expires after DUCHA_TOKEN_TTL_HOURS and is revoked at logout.
REST_KNOX = {
    "TOKEN_TTL": dt.timedelta(hours=float(os.environ.get("DUCHA_TOKEN_TTL_HOURS", "8"))),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

LANGUAGE_CODE = "zh-hans"
# Simplified Chinese only, whatever the browser asks for: the interface's texts are written in Chinese (the
# msgids), so an English browser would get Django's and the admin's English around them — a mixed page.
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# ISO first among the input formats: the date inputs show only ISO values (ducha/core/formats/zh_Hans).
FORMAT_MODULE_PATH = ["ducha.core.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns about a missing root
NODE_MODULES = PROJECT_DIR / "node_modules"
STATICFILES_DIRS = [
    (f"vendor/{name}", NODE_MODULES / path)
    for name, path in [
        ("bootstrap", "bootstrap/dist"),
        ("bootstrap-icons", "bootstrap-icons/font"),
        ("chart.js", "chart.js/dist"),
    ]
    if (NODE_MODULES / path).exists()
]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # vendor/redoc/redoc.standalone.js: ReDoc without its logo from cdn.redoc.ly.
    "ducha.core.api_docs.RedocBundleFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Evidence and other stored files in an S3-compatible object store (README, "Storing evidence files"):
# needs `pip install django-storages[s3]`; not in the lock file.
if os.environ.get("DUCHA_S3_BUCKET"):
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": os.environ["DUCHA_S3_BUCKET"],
        "endpoint_url": os.environ.get("DUCHA_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("DUCHA_S3_REGION") or None,
        "access_key": os.environ.get("DUCHA_S3_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("DUCHA_S3_SECRET_ACCESS_KEY") or None,
        "location": os.environ.get("DUCHA_S3_PREFIX", ""),
        "default_acl": None, "querystring_auth": True, "file_overwrite": False,
    }}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"
# Uploads above this stream to a temporary file (Django's default 2.5 MB): memory does not grow with them.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# One evidence file (佐证材料) at most this many bytes (ducha.evidence.storing); evidence uploads get this
# cap instead of DUCHA_MAX_UPLOAD_MB (ducha.core.uploads.raise_cap).
DUCHA_EVIDENCE_MAX_BYTES = int(os.environ.get("DUCHA_EVIDENCE_MAX_BYTES", 50 * 1024 * 1024))
# Bounded input (ducha.core.uploads, ducha.core.sandbox, ducha.ledger.importing.xlsx_bounds).
# Uploaded files and files given to import commands: at most this many MB;
# a larger upload is refused while streaming, never read to its end.
DUCHA_MAX_UPLOAD_MB = int(os.environ.get("DUCHA_MAX_UPLOAD_MB", "20"))
FILE_UPLOAD_HANDLERS = [
    "ducha.core.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Form fields other than files: Django's default, stated.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2621440
# Overrides of xlsx_bounds.LIMITS: rows 200000, columns 200, cell_chars 32767,
# zip_entries 1000, uncompressed_mb 512, ratio 200 (for entries over ratio_min_mb 10).
DUCHA_IMPORT_LIMITS = {}
# Parsing uploaded files runs in a child process: memory it may add to what it
# inherits, CPU seconds, wall seconds.
DUCHA_PARSE_MEMORY_MB = int(os.environ.get("DUCHA_PARSE_MEMORY_MB", "1024"))
DUCHA_PARSE_CPU_SECONDS = int(os.environ.get("DUCHA_PARSE_CPU_SECONDS", "60"))
DUCHA_PARSE_TIMEOUT_SECONDS = int(os.environ.get("DUCHA_PARSE_TIMEOUT_SECONDS", "120"))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DUCHA_MAX_FORM_BYTES", 2_621_440))  # Django's 2.5 MB
# Request limits (ducha/core/filters.py, ducha/core/parsers.py): values per
# multi-value filter, JSON body size and nesting depth; each refusal is a 400.
# Scheduled progress (ducha.schedule): within ±this many percentage points of the expected figure a
# task is 达到序时进度; above it 超过, below it 未达到.
DUCHA_SCHEDULE_TOLERANCE = int(os.environ.get("DUCHA_SCHEDULE_TOLERANCE", "5"))
DUCHA_MAX_FILTER_IDS = int(os.environ.get("DUCHA_MAX_FILTER_IDS", 100))
DUCHA_MAX_JSON_BYTES = int(os.environ.get("DUCHA_MAX_JSON_BYTES", 1024 * 1024))
DUCHA_MAX_JSON_DEPTH = int(os.environ.get("DUCHA_MAX_JSON_DEPTH", 32))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an unauthenticated call then gets 401 with a
        # WWW-Authenticate header instead of a bare 403.
        "ducha.jurisdictions.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Bounded body size and JSON depth; form bodies answer a JSON 400 (ducha/core/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "ducha.core.parsers.BoundedJSONParser",
        "ducha.core.parsers.BoundedFormParser",
        "ducha.core.parsers.BoundedMultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ducha.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ducha API",
    "DESCRIPTION": "督察整改台账 API: jurisdictions, inspections, plans, tasks, import/export, audit.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The schema and the docs need a signed-in user unless DUCHA_PUBLIC_API_DOCS=1.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny" if os.environ.get("DUCHA_PUBLIC_API_DOCS") == "1"
                          else "rest_framework.permissions.IsAuthenticated"],
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "ducha.core.schema.document_errors"],
    "ENUM_NAME_OVERRIDES": {
        "DivisionLevelEnum": "ducha.jurisdictions.models.divisions.Division.Level",
        "InspectionLevelEnum": "ducha.ledger.models.inspections.Inspection.Level",
        "RoundKindEnum": "ducha.dispatch.models.rounds.Kind",
        "ScheduleStateEnum": "ducha.ledger.models.tasks.ScheduleState",
        "WarningColourEnum": "ducha.ledger.models.tasks.WarningColour",
        "CaseCallbackEnum": "ducha.cases.models.cases.CallBack",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The job runner: django-q2 with its ORM broker (the application's own database, SQLite or PostgreSQL,
# nothing else to install or run). `ducha qcluster` is the worker; `make demo` starts one.
Q_CLUSTER = {
    "name": "ducha",
    "orm": "default",
    "workers": int(os.environ.get("DUCHA_JOB_WORKERS", "1")),
    "timeout": 1800,  # seconds: a checkpoint of millions of audit entries fits
    "retry": 3600,
    "max_attempts": 1,
    "catch_up": False,  # a worker that was down runs a missed schedule once, not once per miss
    "save_limit": 1000,
    "label": "后台任务",
    "poll": 2,
}

# E-mail (the daily digest, ducha.notifications.digest). With DUCHA_EMAIL_HOST set, mail goes out over
# SMTP; without it every message is written as a file under var/mail/ (the demo, a development checkout).
EMAIL_HOST = os.environ.get("DUCHA_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("DUCHA_EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("DUCHA_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DUCHA_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("DUCHA_EMAIL_TLS", "0") == "1"  # STARTTLS, usually port 587
    EMAIL_USE_SSL = os.environ.get("DUCHA_EMAIL_SSL", "0") == "1"  # implicit TLS, usually port 465
    EMAIL_TIMEOUT = int(os.environ.get("DUCHA_EMAIL_TIMEOUT", "30"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DUCHA_EMAIL_FROM", "督察整改系统 <ducha@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A form refused for its CSRF token gets a page saying what to do (ducha.core.errors), not Django's own.
CSRF_FAILURE_VIEW = "ducha.core.errors.csrf_failure"
# Anonymous POSTs on the public site (objections), per address per window (ducha.public.ratelimit): at most
# this many accepted (posts that wrote something), and at most DUCHA_PUBLIC_ATTEMPT_LIMIT in all, refused
# ones included (a flood of bad posts).
DUCHA_PUBLIC_POST_LIMIT = int(os.environ.get("DUCHA_PUBLIC_POST_LIMIT", "5"))
DUCHA_PUBLIC_ATTEMPT_LIMIT = int(os.environ.get("DUCHA_PUBLIC_ATTEMPT_LIMIT", "60"))
DUCHA_PUBLIC_POST_WINDOW = int(os.environ.get("DUCHA_PUBLIC_POST_WINDOW", "3600"))  # seconds
# Links in e-mail point here (the address people open the system at).
DUCHA_SITE_URL = os.environ.get("DUCHA_SITE_URL", "http://127.0.0.1:8000")
# Read notifications older than this are deleted by the nightly job (unread ones are kept).
DUCHA_NOTIFICATION_KEEP_DAYS = int(os.environ.get("DUCHA_NOTIFICATION_KEEP_DAYS", "90"))

# Content-Security-Policy (django-csp) in every profile: nothing from other
# hosts, no inline scripts, no <style> elements and no style attributes (bar
# widths and AQI colours are classes: pct-N in core/ducha.css, aqi-level-N).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SESSION_COOKIE_SECURE = True
    # The CSRF cookie stays readable by scripts: Swagger UI's "Try it out" sends it back as a header.
    CSRF_COOKIE_SECURE = True
    if BEHIND_PROXY:
        # Only when the proxy sets X-Forwarded-Proto itself and strips any the client sent.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SILENCED_SYSTEM_CHECKS = [
        # HSTS preload lists only take public domains; an intranet host name cannot be preloaded.
        "security.W021",
    ]
