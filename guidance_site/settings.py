"""Settings for the guidance site: one module, secure by default, configured from the environment.

Every variable is listed in README.md. DEBUG is off unless DJANGO_DEBUG=1; with DEBUG off the site refuses to
start without DJANGO_SECRET_KEY and serves HTTPS only unless DJANGO_HTTPS=0.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, *, default):
    value = os.environ.get(name)
    return default if value in (None, "") else value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string "
            "(or set DJANGO_DEBUG=1 for local development only)."
        )
    SECRET_KEY = "insecure-development-key-used-only-with-DJANGO_DEBUG=1"

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h.strip()]
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

INSTALLED_APPS = [
    # Django's admin, with its site replaced by one that asks for a second step (faqs/accounts/admin_site.py).
    "faqs.accounts.apps.EditorsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "taggit",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "faqs",
]

MIDDLEWARE = [
    # First, so the pages it stores carry every header the others add (faqs/caching/middleware.py).
    "faqs.caching.middleware.PublicPageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks an editor who has passed the second step (request.user.is_verified()); sets no cookie of its own.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records which editor made each admin change in the history; readers never reach a write.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it only acts on login attempts, never on public pages.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "guidance_site.urls"
WSGI_APPLICATION = "guidance_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "faqs.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caching (faqs/caching/) -------------------------------------------------------------------------------
# Whole public pages are cached until the guidance changes. Without REDIS_URL, pages are kept in each
# process's memory and the content version in a small file every process on this machine reads, so a change
# made through one process drops the pages of all. With REDIS_URL (redis://host:6379/0), pages and the version
# are shared by every server: use it whenever there is more than one server.
REDIS_URL = os.environ.get("REDIS_URL", "")
PAGE_CACHE_SECONDS = 24 * 60 * 60  # pages of an old content version are never asked for again: let them go
if REDIS_URL:
    _shared = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "TIMEOUT": PAGE_CACHE_SECONDS,
        "KEY_PREFIX": "guidance",
    }
    CACHES = {"default": _shared, "content_version": _shared}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": PAGE_CACHE_SECONDS,
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
        "content_version": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_DIR") or BASE_DIR / "var" / "content-version",
            "TIMEOUT": None,
        },
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Search by meaning (faqs/search/meaning.py) builds its model file here once, from the installed weights.
SEARCH_MODEL_DIR = Path(os.environ.get("DJANGO_SEARCH_MODEL_DIR") or BASE_DIR / "var" / "search-model")

# --- Privacy and security -------------------------------------------------------------------------------
# `same-origin`, not `no-referrer`: with no-referrer Chromium sends `Origin: null` on form posts and Django's
# CSRF check then refuses every admin login. Other origins never learn which page a reader was on.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere: everything comes from our own origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
# Only editors ever get cookies. A session ends 30 minutes after the last request (every request renews it) and
# when the browser closes; Strict keeps both cookies off requests that start on another site.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_HTTPONLY = True  # no script of ours reads it
CSRF_COOKIE_AGE = None  # gone when the browser closes, like the session
# Anonymous readers never get a session (nothing public writes one) and public forms are GET, so they never
# get a CSRF cookie either; only the admin sets cookies, after an editor chooses to log in.
# A refused post gets the site's 403 page, with the exit control like every other page.
CSRF_FAILURE_VIEW = "faqs.errors.csrf_failure"

HTTPS = not DEBUG and env_flag("DJANGO_HTTPS", default=True)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # `preload` in the header lets the domain be submitted to the browsers' built-in HTTPS-only list (a
    # separate, deliberate step at hstspreload.org, slow to undo): then even a reader's very first visit is
    # never plain HTTP. Every subdomain must serve HTTPS. DJANGO_HSTS_PRELOAD=0 leaves it out, on purpose,
    # so the deploy check's warning about it is silenced.
    SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD", default=True)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# --- The admin --------------------------------------------------------------------------------------------
# Its address is configurable so the login is not where every bot looks first.
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip().strip("/") + "/"
if ADMIN_PATH == "/":
    raise ImproperlyConfigured("DJANGO_ADMIN_PATH must not be empty: the site's home page is at /.")

# django-axes locks the login after repeated failures. It acts only on login attempts: public pages never reach
# it, and it sets no cookies. Locking by username *and* address keeps one mistyping editor from locking out
# the whole office (one shared address), and a stranger from locking an editor out from elsewhere.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Wrong codes at the second step count too (faqs/accounts/two_step.py). A right password alone must not wipe
# the count, or someone holding only the password could guess codes four at a time for ever: the count is
# cleared when the second step is passed instead.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Keep no record of successful logins (Django's own last_login is enough). A failed login's address is kept
# in the database only while it counts towards a lockout (axes deletes attempts older than the cool-off), and
# log lines name the username tried, never the address or browser.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
AXES_CLIENT_STR_CALLABLE = "faqs.accounts.login.describe_attempt"
# Shown by authenticator apps next to the code.
OTP_TOTP_ISSUER = "Guidance editors"

# Where "Exit this page" goes: a neutral, non-personalised page on another site.
EXIT_URL = os.environ.get("DJANGO_EXIT_URL", "https://www.bbc.co.uk/weather")

# --- Logging --------------------------------------------------------------------------------------------
# What a person searched for, and where they came from, is nobody's business: request logs keep the path only.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_query_strings": {"()": "guidance_site.logging.StripQueryStrings"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_query_strings"]},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
