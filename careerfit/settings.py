"""CareerFit settings: one file, configured from the environment.

Local defaults are safe (SQLite next to manage.py, DEBUG off unless asked for); production is this same
file with environment variables set. See README.md for the list.
"""

import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

from careerfit.env import database_from_url, env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    # Serving (gunicorn, any WSGI or ASGI server) without a key is refused. A management command, or a
    # developer's DEBUG run, gets a throwaway key: nothing it signs outlives the process, and commands
    # like createsuperuser or check should not need production secrets.
    if not DEBUG and Path(sys.argv[0]).name != "manage.py":  # serving
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random string (DEBUG=true runs without one)."
        )
    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "axes",
    "accounts",
    "roles",
    "assessments",
    "counselling",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, taking the signed-in person from the session's own read (accounts.sessions): one query fewer.
    "accounts.middleware.AuthenticationMiddleware",
    "careerfit.middleware.NoStorePersonalPagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "careerfit.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careerfit.urls"
WSGI_APPLICATION = "careerfit.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "counselling.context_processors.counselling",
                "careerfit.context_processors.menu",
                "careerfit.context_processors.assets",
            ],
            "libraries": {"site": "careerfit.templatetags.site"},
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60, minimum=0),
        prepared_statements=env_bool("DATABASE_PREPARED_STATEMENTS", True),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, loading the counsellor flag with the user: one query fewer on every page.
    "accounts.backends.UserBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "accounts.validators.NotOnlyWhitespaceValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "assessments:history"
LOGOUT_REDIRECT_URL = "home"

# Login lockout (accounts/lockout.py): five failures for one account, from anywhere, or LOGIN_FAILURES_PER_ADDRESS
# failures from one address, across accounts, lock for fifteen minutes. E-mail case does not matter.
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 5, minimum=1)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 50, minimum=1)
# How many reverse proxies in front of CareerFit append to X-Forwarded-For. 0: the connection's address is
# the client's, and X-Forwarded-For is ignored (a client could write anything there).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 1 if BEHIND_PROXY else 0, minimum=0, maximum=5)
AXES_HANDLER = "accounts.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURES_PER_ACCOUNT
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes warns that "username" alone lets one address try many accounts; LockoutHandler counts per address too.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_CALLABLE = "accounts.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Trying again while locked does not restart the clock, so "try again in N minutes" stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_FORM_FIELD = "username"

LANGUAGE_CODE = "en-ca"
LANGUAGES = [("en-ca", _("English")), ("fr-ca", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "careerfit.storage.StaticStorage"  # whitenoise's, each URL worked out once
        )
    },
}

# E-mail: password-reset links go by SMTP (EMAIL_HOST). On a developer's machine they are printed to the
# console; a server (careerfit/wsgi.py) refuses to start that way, since it would write reset links into its
# log, unless PASSWORD_RESET_BY_EMAIL=false says reset mail is off.
EMAIL_HOST = env_str("EMAIL_HOST")
PASSWORD_RESET_BY_EMAIL = env_bool("PASSWORD_RESET_BY_EMAIL", True)
# With mail on, sign-up confirms the address by e-mail, so it never reveals which addresses have accounts.
# With mail off it cannot, and creates the account at once (saying when an address is taken).
SIGNUP_CONFIRMS_EMAIL = PASSWORD_RESET_BY_EMAIL
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1, maximum=65535)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "CareerFit <no-reply@localhost>")

# Behind HTTPS (HTTPS=true), cookies are only sent over TLS and browsers are told to stay on HTTPS.
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
# Preloading asks browsers to build HTTPS-only in for the whole domain: a promise, so it is asked for explicitly.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Sessions end SESSION_MAX_HOURS after logging in, and after SESSION_IDLE_MINUTES without a request
# (careerfit.middleware.SessionTimeoutMiddleware): school computers are shared. Questionnaire answers are
# saved before an idle session ends, so nothing typed is lost.
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12, minimum=1, maximum=24 * 30)
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 60, minimum=5)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 60 * 60
# Django's database sessions (logging out ends a session on every server at once), read with one plain
# SQL statement instead of an ORM query: see accounts/sessions.py.
SESSION_ENGINE = "accounts.sessions"

# Who to write to about privacy, shown on the privacy page (/privacy/); set it to your school board's or
# organisation's privacy office.
PRIVACY_CONTACT = env_str("PRIVACY_CONTACT", "the privacy officer of the school or organisation running CareerFit")
# What purge_stale removes, in days: run it daily (see README).
RETENTION_DAYS = {
    "anonymous_drafts": env_int("RETAIN_ANONYMOUS_DRAFTS_DAYS", 30, minimum=1),
    "anonymous_results": env_int("RETAIN_ANONYMOUS_RESULTS_DAYS", 90, minimum=1),
    "login_records": env_int("RETAIN_LOGIN_RECORDS_DAYS", 90, minimum=1),
    "unconfirmed_accounts": env_int("RETAIN_UNCONFIRMED_ACCOUNTS_DAYS", 7, minimum=1),
}

# Every file a page loads comes from this deployment: no CDN, no inline script, no inline style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Bootstrap draws its form icons as data: SVGs.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Where the shipped catalogue lives; `load_catalogue` reads it when given no path.
CATALOGUE_DIR = BASE_DIR / "roles" / "catalogue"

# Everything goes to the console once, through the root logger. Django's own default sends its "django"
# logger to the console too when DEBUG is on, which printed every warning twice under `make run`.
# `runserver` keeps its own request lines, as Django sets them up.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "server": {"class": "logging.StreamHandler", "formatter": "server"},
    },
    "root": {
        "handlers": ["console"],
        "level": env_choice("LOG_LEVEL", "WARNING", ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]),
    },
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
    },
}
