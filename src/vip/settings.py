"""The one settings module, driven by the environment (VIP_*)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext

# Generic admin and queryset classes (ModelAdmin[Visa]) at run time, as the type checker sees them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("VIP_VAR_DIR", Path.cwd() / "var"))

SECRET_KEY = os.environ.get("VIP_SECRET_KEY", "insecure-demo-key-change-me-in-production")
DEBUG = os.environ.get("VIP_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("VIP_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves the API docs' JavaScript itself: no CDN needed
    "vip.audit",
    "vip.people",
    "vip.communities",
    "vip.policy",
    "vip.matching",
    "vip.agreements",
    "vip.ledger",
    "vip.visas",
    "vip.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "vip.api.middleware.ApiMethodNotAllowed",
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"

EMAIL_BACKEND = os.environ.get(
    "VIP_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
VIP_VIDEO_BASE_URL = os.environ.get("VIP_VIDEO_BASE_URL", "https://meet.vip.example/")
VIP_TOKEN_TTL_DAYS = int(os.environ.get("VIP_TOKEN_TTL_DAYS", "30"))


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("VIP_LOG_LEVEL", "WARNING")},
}
