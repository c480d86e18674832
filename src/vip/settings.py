"""The one settings module, driven by the environment (VIP_*)."""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from vip import secret_key

# Generic admin and queryset classes (ModelAdmin[Visa]) at run time, as the type checker sees them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = secret_key.var_dir()

DEBUG = os.environ.get("VIP_DEBUG", "0") == "1"
_key = os.environ.get("VIP_SECRET_KEY") or secret_key.kept(VAR_DIR)
if not _key and not DEBUG:
    raise ImproperlyConfigured(secret_key.MISSING)
# A debugging process without a key gets a random one: its sessions end with it.
SECRET_KEY = _key or secrets.token_urlsafe(50)
ALLOWED_HOSTS = os.environ.get("VIP_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "ninja",  # serves the API docs' JavaScript itself: no CDN needed
    "vip.audit",
    "vip.people",
    "vip.communities",
    "vip.matching",
    "vip.agreements",
    "vip.ledger",
    "vip.visas",
    "vip.auctions",
    "vip.messaging",
    "vip.notifications",
    "vip.jobs",
    "vip.analysis",
    "vip.welfare",
    "vip.web",
    # After vip.web, whose templates draw allauth's pages in the portal's layout and words.
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "vip.api.middleware.ApiMethodNotAllowed",
    "vip.api.middleware.UnknownQueryParameters",
    "vip.web.no_store.NoStoreForPersonalData",
    "vip.web.second_factor.StaffEnrolASecondFactor",
    "vip.web.acting.ActingForAClient",
]

ROOT_URLCONF = "vip.urls"
AUTH_USER_MODEL = "people.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "vip.web.acting.acting",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("VIP_DATABASE_URL", f"sqlite:///{VAR_DIR / 'vip.sqlite3'}"),
        conn_max_age=0,
    )
}
if os.environ.get("VIP_TEST_DATABASE_NAME"):
    # Lets two checkouts test against one PostgreSQL server without dropping each other's database.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["VIP_TEST_DATABASE_NAME"]}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Serialise writers instead of failing with "database is locked" under concurrent requests.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}

# Every worker counts rate limits (allauth's) in one place: the database by default, Redis when
# VIP_CACHE_URL names one (redis://host:6379/0).
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["VIP_CACHE_URL"],
        }
        if os.environ.get("VIP_CACHE_URL")
        # Django's database cache with an atomic incr (vip.cache: the rate limits' counters).
        # Past MAX_ENTRIES rows each write culls a third of them, live counters too (a person's
        # count starts again): Django's default of 300 is fewer than the people searching in a
        # window; Redis (VIP_CACHE_URL) for more than this.
        else {
            "BACKEND": "vip.cache.DatabaseCache",
            "LOCATION": "vip_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "en"
# The portal's languages (src/vip/locale): the demo's migrants come from Nepal and Latin America.
LANGUAGES = [("en", "English"), ("es", "Español"), ("ne", "नेपाली")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"

# Verification documents go through Django's storage API: files under var/documents in the demo,
# any backend by configuration (an S3-compatible store: VIP_DOCUMENTS_STORAGE names django-storages'
# S3Storage, VIP_DOCUMENTS_STORAGE_OPTIONS its bucket and endpoint). Never served by URL: the
# portal streams a file after its check (web/verification.py).
_documents_backend = os.environ.get(
    "VIP_DOCUMENTS_STORAGE", "django.core.files.storage.FileSystemStorage"
)
if _documents_backend.startswith("storages.") and importlib.util.find_spec("storages") is None:
    raise ImproperlyConfigured(
        f"VIP_DOCUMENTS_STORAGE names {_documents_backend}, from django-storages, which is not"
        " installed: pip install 'vip-platform[s3]'"
    )
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "documents": {
        "BACKEND": _documents_backend,
        "OPTIONS": json.loads(os.environ.get("VIP_DOCUMENTS_STORAGE_OPTIONS") or "{}")
        or (
            {"location": str(VAR_DIR / "documents")}
            if _documents_backend.endswith("FileSystemStorage")
            else {}
        ),
    },
}
# The largest verification document a person may upload (a scan or a photograph).
VIP_DOCUMENT_MAX_BYTES = int(os.environ.get("VIP_DOCUMENT_MAX_BYTES", str(10 * 1024 * 1024)))

# E-mail goes to the console in the demo; VIP_EMAIL_HOST sends it by SMTP.
EMAIL_HOST = os.environ.get("VIP_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("VIP_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("VIP_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("VIP_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("VIP_EMAIL_USE_TLS", "1") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("VIP_EMAIL_FROM", "VIP platform <no-reply@vip.example>")
EMAIL_BACKEND = os.environ.get(
    "VIP_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)

# Accounts in the browser (django-allauth): the e-mail is the login, confirmed before first use.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "web:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "web:landing"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_FORMS = {"signup": "vip.web.accounts.SignupForm"}
ACCOUNT_ADAPTER = "vip.web.accounts.Adapter"
# Failed logins, on every path (the portal, the admin behind it, the API's token), are counted
# per account and per client address by allauth's limits, in CACHES: past either number within
# the window, a login is refused with 429 TOO_MANY_ATTEMPTS and Retry-After the window.
VIP_LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("VIP_LOGIN_FAILURES_PER_ACCOUNT", "5"))
VIP_LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("VIP_LOGIN_FAILURES_PER_ADDRESS", "20"))
VIP_LOGIN_FAILURE_WINDOW_SECONDS = int(os.environ.get("VIP_LOGIN_FAILURE_WINDOW_SECONDS", "900"))
# Searches (candidates, opportunities) per person and window, counted in CACHES: past the number,
# 429 TOO_MANY_SEARCHES with Retry-After until the window ends.
VIP_SEARCHES_PER_WINDOW = int(os.environ.get("VIP_SEARCHES_PER_WINDOW", "60"))
VIP_SEARCH_WINDOW_SECONDS = int(os.environ.get("VIP_SEARCH_WINDOW_SECONDS", "300"))
# Simulation runs in the browser (public) per client address and window, counted in CACHES: past
# the number, 429 TOO_MANY_RUNS with Retry-After until the window ends.
VIP_SIMULATIONS_PER_WINDOW = int(os.environ.get("VIP_SIMULATIONS_PER_WINDOW", "20"))
VIP_SIMULATION_WINDOW_SECONDS = int(os.environ.get("VIP_SIMULATION_WINDOW_SECONDS", "300"))
# Counted in CACHES (shared by every worker); "5/5m/ip" is five per five minutes per address.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": f"{VIP_LOGIN_FAILURES_PER_ADDRESS}/{VIP_LOGIN_FAILURE_WINDOW_SECONDS}s/ip,"
    f"{VIP_LOGIN_FAILURES_PER_ACCOUNT}/{VIP_LOGIN_FAILURE_WINDOW_SECONDS}s/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "VIP platform"
# A code is good for the 30-second step before and after its own (RFC 6238, 5.2: one step for
# the network and a phone's clock): without it a code typed as the step turns is refused.
MFA_TOTP_TOLERANCE = 1
# Staff (authority, officer, agency) log in with a second factor: the portal sends one without
# it to enrol (vip.web.second_factor), the API's token asks for its `code`. The demo's staff
# are enrolled with this base32 secret (`oathtool --totp -b SECRET` gives the code).
VIP_DEMO_TOTP_SECRET = os.environ.get("VIP_DEMO_TOTP_SECRET", "OZUXALLEMVWW6LLTORQWMZRNGIYDENRB")
# Background tasks (notices' e-mails): the database queue that `vip worker` runs; the tests set
# VIP_TASKS_BACKEND to django-tasks' immediate backend.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("VIP_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# Where people open the portal: the links in the notices' e-mails.
VIP_SITE_URL = os.environ.get("VIP_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
VIP_VIDEO_BASE_URL = os.environ.get("VIP_VIDEO_BASE_URL", "https://meet.vip.example/")
VIP_TOKEN_TTL_DAYS = int(os.environ.get("VIP_TOKEN_TTL_DAYS", "30"))
VIP_TOKEN_IDLE_MINUTES = int(os.environ.get("VIP_TOKEN_IDLE_MINUTES", "1440"))
# The audit checkpoints' Ed25519 key file (vip.audit.checkpoints): outside the database, by design.
VIP_AUDIT_SIGNING_KEY = os.environ.get("VIP_AUDIT_SIGNING_KEY", "")
# Where the daily job writes the signed checkpoints (one file a day; publish them).
VIP_AUDIT_CHECKPOINT_DIR = os.environ.get("VIP_AUDIT_CHECKPOINT_DIR", "")

# Behind a TLS proxy (VIP_HTTPS=1): redirect to HTTPS, HSTS, cookies only over TLS. The proxy
# must set X-Forwarded-Proto and drop the header a client sends.
HTTPS = os.environ.get("VIP_HTTPS", "0") == "1"
SECURE_SSL_REDIRECT = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("VIP_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = HTTPS

# No inline script anywhere; a page's own <style> or <script> carries the request's nonce.
# The API docs (django-ninja's Swagger UI) load their script and styles from /static/ and draw
# icons from data: URIs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Wherever a password is set (sign-up, `vip createuser`, the portal's change and reset).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# A bigger body is refused with the API's JSON 413 before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("VIP_MAX_BODY_BYTES", str(2_621_440)))


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("VIP_LOG_LEVEL", "WARNING")},
}
