"""Mallard's one settings module.

Everything that differs between machines is read from the environment through
the typed helpers in ``mallard.lib.env``; a bad value stops start-up with a
message that names the variable. ``docs/configuration.md`` lists every variable.

With no environment at all, Mallard runs on its zero-config default: a SQLite
file, e-mail printed to the console, an in-process cache and Celery's
filesystem transport (no Redis).
"""

from __future__ import annotations

import secrets
from pathlib import Path

import jinja2
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from mallard.lib.env import (
    check_redis_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    parse_database_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("MALLARD_VAR_DIR") or BASE_DIR / "var")

DJANGO_ENV = env_choice("DJANGO_ENV", "development", ("development", "production"))
PRODUCTION = DJANGO_ENV == "production"

DATABASE_URL = env_str("DATABASE_URL")
REDIS_URL = check_redis_url("REDIS_URL", env_str("REDIS_URL")) if env_str("REDIS_URL") else ""

if PRODUCTION:
    missing = [
        name
        for name, value in (
            ("SECRET_KEY", env_str("SECRET_KEY")),
            ("ALLOWED_HOSTS", env_str("ALLOWED_HOSTS")),
            ("DATABASE_URL", DATABASE_URL),
            ("REDIS_URL", REDIS_URL),
            ("SITE_URL", env_str("SITE_URL")),
        )
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(f"DJANGO_ENV=production requires {', '.join(missing)} to be set.")


def _development_secret_key() -> str:
    """A per-checkout random key, kept in var/ so that sessions survive restarts."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY") or _development_secret_key()
if PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters in production.")

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when DJANGO_ENV=production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name at least one host.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")

# How many reverse proxies stand between the visitor and gunicorn, each adding one entry to
# X-Forwarded-For. mallard.audit.client_ip believes exactly that many entries, counted from the
# right, for the audit trail and every rate limit; with 0 it reads only the socket's address.
MALLARD_BEHIND_PROXY = env_bool("MALLARD_BEHIND_PROXY", default=False)
MALLARD_PROXY_HOPS = env_int(
    "MALLARD_PROXY_HOPS",
    1 if MALLARD_BEHIND_PROXY else 0,
    # Behind a proxy, 0 would put every visitor at the proxy's address, in one rate-limit bucket.
    minimum=1 if MALLARD_BEHIND_PROXY else 0,
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "crispy_forms",
    "crispy_bootstrap5",
    "auditlog",
    "mallard",
    "homework",
    "measures",
    "sessions_app",
    "reminders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "mallard.middleware.security_headers_middleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "mallard.middleware.user_time_zone_middleware",
    "mallard.middleware.request_log_middleware",
    "mallard.middleware.method_not_allowed_middleware",
    # After allauth's and inside the request log, so their redirects are logged too.
    "mallard.middleware.idle_logout_middleware",
    # allauth's UserSessionsMiddleware, throttled to one write a minute per session. After the
    # automatic logoff, so a sign-in past its idle or 12-hour limit never counts as "last active";
    # before the two-factor check, which reads the device clock it sets.
    "mallard.middleware.user_sessions_middleware",
    "mallard.middleware.mfa_required_middleware",
    "mallard.audit.audit_context_middleware",
]

# --- Audit trail (docs/security.md) ---------------------------------------------------------------
AUDITLOG_LOGENTRY_MODEL = "mallard.AuditEntry"
# Changes are stored as field names only (mallard.audit.hide_values); never a copy of the row.
AUDITLOG_STORE_JSON_CHANGES = True
# django-auditlog's own migrations would create its unused default table, with a foreign key to
# users that blocks TRUNCATE; its entry model is swapped for mallard.AuditEntry, so it needs none.
MIGRATION_MODULES = {"auditlog": None}

ROOT_URLCONF = "mallard.urls"
WSGI_APPLICATION = "mallard.wsgi.application"

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
                "django.template.context_processors.csp",
                "reminders.context_processors.unread_notifications",
                "sessions_app.context_processors.score_link",
            ],
        },
    },
    {
        # Compiled, autoescaped fragments for the hottest pages only, included with {% jinja %}
        # (mallard/templatetags/jinja.py); docs/performance.md has the measurement.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"undefined": jinja2.StrictUndefined, "trim_blocks": False},
    },
]

# Django's system checks that do not apply, each with its reason where it is added.
SILENCED_SYSTEM_CHECKS: list[str] = []

# --- Database -----------------------------------------------------------------

if DATABASE_URL:
    DATABASES = {"default": parse_database_url("DATABASE_URL", DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "mallard.sqlite3",
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
        }
    }
    # Covering indexes (``Index(include=...)``) speed up PostgreSQL; SQLite builds the same index
    # without the extra columns, which is all the zero-config default needs.
    SILENCED_SYSTEM_CHECKS.append("models.W040")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, Celery -----------------------------------------------------

if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend, with one client per pool instead of one per call (mallard.cache).
            "BACKEND": "mallard.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "mallard",
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    # Unacknowledged messages come back after an hour: far longer than any task may run (120 s).
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {"visibility_timeout": 3600}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Zero-config: a broker made of files in var/, so `make run` needs no Redis.
    # The schedule lives in database rows; the broker only carries wake-ups.
    CELERY_BROKER_URL = "filesystem://localhost//"
    # kombu's filesystem transport, but a message is renamed into the folder only once written
    # whole, and a worker never stops on one it cannot read yet (mallard/broker.py).
    CELERY_BROKER_TRANSPORT = "mallard.broker:Transport"
    for _folder in ("broker", "broker-control"):
        (VAR_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # The worker holds one message at a time (prefetch 1) and looks for the next one this often:
        # kombu's default of a second would let a backlog (seeding queues a caseload refresh per
        # write) hold a due reminder back by minutes.
        "polling_interval": 0.1,
        "data_folder_in": str(VAR_DIR / "broker"),
        "data_folder_out": str(VAR_DIR / "broker"),
        "control_folder": str(VAR_DIR / "broker-control"),
    }

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Request bodies: the largest form (session notes and summary, or a behavioural experiment) holds
# 40,000 characters; at worst 4 UTF-8 bytes each, percent-encoded to 12, that is 480,000 bytes.
# Anything bigger is refused with a 400 page before a view reads it (tests/test_hostile_input.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 512 * 1024
# The thought-record page posts about 150 fields; the admin's permission picker a few hundred at most.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12, minimum=300)
# Automatic logoff after this many seconds without a request (docs/configuration.md says why).
MALLARD_IDLE_TIMEOUT_THERAPIST = env_int("MALLARD_IDLE_TIMEOUT_THERAPIST", 30 * 60, minimum=60)
MALLARD_IDLE_TIMEOUT_CLIENT = env_int("MALLARD_IDLE_TIMEOUT_CLIENT", 60 * 60, minimum=60)

# docs/reminders.md ("Delivery guarantee") explains each of these choices.
CELERY_TIMEZONE = "UTC"
CELERY_ENABLE_UTC = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 90
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A send that is running when the broker connection drops finishes and commits; the row says it was sent.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
# Reminder delivery (docs/reminders.md, "Dispatch"): how long a claim on a row lasts unless its
# worker renews it, how often beat runs the sweeper and the dispatcher, and the first retry's delay.
# The defaults keep every reminder within 2 minutes of its time after a crash; the fault tests
# shorten them.
MALLARD_REMINDER_LEASE_SECONDS = env_int("MALLARD_REMINDER_LEASE_SECONDS", 45, minimum=2)
MALLARD_REMINDER_SWEEP_SECONDS = env_int("MALLARD_REMINDER_SWEEP_SECONDS", 15, minimum=1)
MALLARD_REMINDER_DISPATCH_SECONDS = env_int("MALLARD_REMINDER_DISPATCH_SECONDS", 15, minimum=1)
MALLARD_REMINDER_RETRY_SECONDS = env_int("MALLARD_REMINDER_RETRY_SECONDS", 15, minimum=1)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Keep print() output (the console e-mail backend of `make run`) as plain text, not log records.
CELERY_WORKER_REDIRECT_STDOUTS = False

# --- People and accounts ---------------------------------------------------------

AUTH_USER_MODEL = "mallard.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "mallard-home"

ACCOUNT_ADAPTER = "mallard.adapter.AccountAdapter"
# The reset form's path by name, so the form list holds no quoted value under a key that names
# a password (mallard/tests/test_no_secrets.py).
_reset_form = "mallard.forms.ResetPasswordForm"  # not a setting: lower case
ACCOUNT_FORMS = {
    "login": "mallard.forms.LoginForm",
    "signup": "mallard.forms.SignupForm",
    "reset_password": _reset_form,
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Completing a password reset signs the person in (through two-factor, when enrolled), whatever
# failed sign-ins others have sent: nobody elsewhere can keep an account's owner out.
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Mallard: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
# Changing sign-in e-mail addresses or two-factor settings, and signing out other devices, ask
# for the password (or a code) again unless the person confirmed it in the last five minutes.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
MFA_REAUTHENTICATION_REQUIRED = True
# Messages live in the session, not in a readable cookie: they name people and their homework.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
ACCOUNT_RATE_LIMITS = {  # nosec B105  # rate limits whose keys name passwords
    "login": "30/m/ip",
    # Per address, and per account *from one address* (mallard.adapter.AccountAdapter.pre_authenticate).
    "login_failed": "10/m/ip,5/5m/key",
    # Per account from everywhere: far above what one address may try, so that guessing from many
    # addresses stays slow; reaching it never locks the owner out, because a password reset clears
    # it and signs them in (docs/security.md, "Sign-in lockout").
    "login_failed_account": "100/h/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_FORMS = {
    "authenticate": "mallard.forms.MfaAuthenticateForm",
    "reauthenticate": "mallard.forms.MfaReauthenticateForm",
    "activate_totp": "mallard.forms.ActivateTOTPForm",
}
MFA_TOTP_ISSUER = "Mallard"
# allauth refuses two-factor sign-in to an account holding any unconfirmed address, lest someone
# who signed up with another person's address lock its owner out. In Mallard nobody signs in
# without a confirmed address (ACCOUNT_EMAIL_VERIFICATION = "mandatory"), so an extra address still
# waiting for its link must not stop anyone from turning two-factor sign-in on (docs/security.md).
MFA_ALLOW_UNVERIFIED_EMAIL = True
# Read by allauth's track_activity, which mallard.middleware.user_sessions_middleware calls at most
# once a minute per session, so that "last active" on the devices page is right to the minute.
USERSESSIONS_TRACK_ACTIVITY = True

# Open therapist sign-up: off in production unless the practice turns it on. Staff create
# therapists with `manage.py createtherapist` (docs/operations.md).
MALLARD_THERAPIST_SIGNUP = env_bool("MALLARD_THERAPIST_SIGNUP", default=not PRODUCTION)
MALLARD_INVITATION_DAYS = env_int("MALLARD_INVITATION_DAYS", 14, minimum=1)
# Invitation e-mails (first sends and resends) a therapist may send: to one address in 24 hours,
# and in all in one hour (docs/security.md, invitations).
MALLARD_INVITATIONS_PER_ADDRESS_PER_DAY = env_int("MALLARD_INVITATIONS_PER_ADDRESS_PER_DAY", 3, minimum=1)
MALLARD_INVITATIONS_PER_HOUR = env_int("MALLARD_INVITATIONS_PER_HOUR", 20, minimum=1)
# How long a closed client's record is kept before `purge_closed_accounts` deletes it
# (docs/data-rights.md). Seven years by default; each practice must set its own legal period.
MALLARD_RECORD_RETENTION_DAYS = env_int("MALLARD_RECORD_RETENTION_DAYS", 2557, minimum=1)
# Dotted path of the function that proposes action items from session text (docs/action-items.md).
MALLARD_ACTION_ITEM_EXTRACTOR = env_str(
    "MALLARD_ACTION_ITEM_EXTRACTOR", "sessions_app.extraction.extract_action_items"
)

# --- E-mail -------------------------------------------------------------------------

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Mallard <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH")
if EMAIL_HOST:
    _mailer: dict[str, object] = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": EMAIL_HOST,
            "port": env_int("EMAIL_PORT", 587, minimum=1),
            "username": env_str("EMAIL_HOST_USER"),
            "password": env_str("EMAIL_HOST_PASSWORD"),
            "use_tls": env_bool("EMAIL_USE_TLS", default=True),
            "timeout": 15,
        },
    }
elif EMAIL_FILE_PATH:
    _mailer = {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": EMAIL_FILE_PATH},
    }
    if PRODUCTION:
        # A staging machine that must not send mail chose files on purpose (docs/deployment.md);
        # `check --deploy` would otherwise refuse the file backend as development-only.
        SILENCED_SYSTEM_CHECKS.append("mail.E001")
elif PRODUCTION:
    raise ImproperlyConfigured("DJANGO_ENV=production requires EMAIL_HOST (or EMAIL_FILE_PATH).")
else:
    # Headers and the plain text, decoded, so that links print whole (docs/development.md).
    _mailer = {"BACKEND": "mallard.console_mail.EmailBackend"}
MAILERS = {"default": _mailer}
del EMAIL_HOST, EMAIL_FILE_PATH

# --- Internationalisation and time ------------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# Dates as Mallard's pages write them ("7 Dec 2026, 11:24"), wherever Django formats one itself.
FORMAT_MODULE_PATH = "mallard.formats"
MALLARD_DEFAULT_TIME_ZONE = "UTC"

# --- Static files --------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
if not PRODUCTION:
    # WhiteNoise looks here at start-up; in development the files come from the finders.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    WHITENOISE_USE_FINDERS = True
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security headers ------------------------------------------------------------------------

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie: forms carry the token in a hidden field.
CSRF_COOKIE_HTTPONLY = True
# A refused form gets the site's page with a way back, not Django's bare one (templates/403_csrf.html).
CSRF_FAILURE_VIEW = "mallard.views.csrf_failure"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # Two years: what the HSTS preload list asks for.
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 730, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    # Load balancers probe /healthz over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    if MALLARD_BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logging: one JSON object per line ----------------------------------------------------------

LOG_LEVEL = env_choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "mallard.lib.logging.JSONFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Requests are logged once, by mallard.middleware, without their query strings.
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
    },
}
