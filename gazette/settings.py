"""Gazette's one settings module.

Every value an operator may change comes from the environment and has a safe
default; ``docs/settings.md`` lists each one. Nothing secret is written here.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (on/off, true/false, 1/0), not {raw!r}")


def env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# --- Where Gazette keeps its files -------------------------------------------------------

DATA_DIR = Path(env_str("GAZETTE_DATA_DIR", "var")).expanduser().resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """The key from the environment, else one generated once and kept in the data dir."""
    configured = os.environ.get("GAZETTE_SECRET_KEY", "").strip()
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    try:
        return key_file.read_text().strip()
    except FileNotFoundError:
        pass
    # Written beside, then linked into place: link() fails if another process got there
    # first, and a reader never sees a half-written file.
    temporary = DATA_DIR / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_urlsafe(50))
    try:
        os.link(temporary, key_file)
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("GAZETTE_DEBUG", False)

GAZETTE_SITE_NAME = env_str("GAZETTE_SITE_NAME", "Gazette")
GAZETTE_BASE_URL = env_str(
    "GAZETTE_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
).rstrip("/")
GAZETTE_DATELINE_FORMAT = env_str("GAZETTE_DATELINE_FORMAT", "F j, Y - H:i")
GAZETTE_PAGE_SIZE = env_int("GAZETTE_PAGE_SIZE", 20, minimum=1)
GAZETTE_API_MAX_PAGE_SIZE = env_int("GAZETTE_API_MAX_PAGE_SIZE", 100, minimum=1)

ALLOWED_HOSTS = env_list("GAZETTE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
_base_host = GAZETTE_BASE_URL.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
if _base_host and _base_host not in ALLOWED_HOSTS and "*" not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(_base_host)
CSRF_TRUSTED_ORIGINS = [GAZETTE_BASE_URL] if GAZETTE_BASE_URL.startswith("http") else []

# --- Comments and the challenge (docs/comments.md) ----------------------------------------

GAZETTE_CHALLENGE_MAX_AGE = env_int("GAZETTE_CHALLENGE_MAX_AGE", 24 * 3600, minimum=60)
GAZETTE_CHALLENGE_MIN_SECONDS = env_int("GAZETTE_CHALLENGE_MIN_SECONDS", 3)
GAZETTE_CHALLENGE_OPERATORS = env_list("GAZETTE_CHALLENGE_OPERATORS", ["+", "-"])
GAZETTE_CHALLENGE_RANGE = env_str("GAZETTE_CHALLENGE_RANGE", "0-30")
GAZETTE_COMMENT_RATE_LIMITS = env_str("GAZETTE_COMMENT_RATE_LIMITS", "5/m,30/h")
GAZETTE_COMMENT_ARTICLE_RATE_LIMITS = env_str("GAZETTE_COMMENT_ARTICLE_RATE_LIMITS", "3/m,10/h")
GAZETTE_HOLD_FIRST_COMMENTS = env_bool("GAZETTE_HOLD_FIRST_COMMENTS", True)
GAZETTE_TRUSTED_PROXIES = env_list("GAZETTE_TRUSTED_PROXIES", [])
GAZETTE_COMMENT_MAX_LENGTH = env_int("GAZETTE_COMMENT_MAX_LENGTH", 5000, minimum=1)
GAZETTE_COMMENT_HOLD_LINKS = env_int("GAZETTE_COMMENT_HOLD_LINKS", 2)
GAZETTE_COMMENT_REJECT_LINKS = env_int("GAZETTE_COMMENT_REJECT_LINKS", 6)
GAZETTE_COMMENT_DUPLICATE_HOURS = env_int("GAZETTE_COMMENT_DUPLICATE_HOURS", 24)
GAZETTE_COMMENT_EDIT_MINUTES = env_int("GAZETTE_COMMENT_EDIT_MINUTES", 15)
GAZETTE_COMMENT_MAX_DEPTH = env_int("GAZETTE_COMMENT_MAX_DEPTH", 3, minimum=1)
GAZETTE_MODERATOR_EMAILS = env_bool("GAZETTE_MODERATOR_EMAILS", True)
EMAIL_BACKEND = env_str("GAZETTE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("GAZETTE_FROM_EMAIL", "gazette@localhost")
EMAIL_HOST = env_str("GAZETTE_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("GAZETTE_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("GAZETTE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("GAZETTE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("GAZETTE_EMAIL_TLS", False)

# --- Comment pages (docs/comments.md#pages-of-comments) ------------------------------------

# Approved comments per page of an article, in reading order (replies after what they answer).
GAZETTE_COMMENTS_PER_PAGE = env_int("GAZETTE_COMMENTS_PER_PAGE", 200, minimum=1)

# --- Feeds, search engines, scheduling (docs/feeds.md, docs/search-engines.md, ...) -------

GAZETTE_FEED_FULL_TEXT = env_bool("GAZETTE_FEED_FULL_TEXT", False)
GAZETTE_FEED_ITEMS = env_int("GAZETTE_FEED_ITEMS", 50, minimum=1)
GAZETTE_PUBLISHER_LOGO = env_str("GAZETTE_PUBLISHER_LOGO", "")
GAZETTE_SCHEDULER = env_bool("GAZETTE_SCHEDULER", True)
GAZETTE_SCHEDULER_INTERVAL = env_int("GAZETTE_SCHEDULER_INTERVAL", 30, minimum=1)

# --- Page cache and HTTP caching (docs/caching.md) -----------------------------------------

GAZETTE_PAGE_CACHE = env_bool("GAZETTE_PAGE_CACHE", True)
# Values and pieces of pages kept in each process between requests (gazette.cache.memo:
# the site, navigation, routed articles, the related box ...). Off, every request computes
# everything afresh: for measuring a cold render, not for production.
GAZETTE_MEMOS = env_bool("GAZETTE_MEMOS", True)
GAZETTE_PAGE_CACHE_SECONDS = env_int("GAZETTE_PAGE_CACHE_SECONDS", 600, minimum=1)
GAZETTE_PAGE_CACHE_MAX_ENTRIES = env_int("GAZETTE_PAGE_CACHE_MAX_ENTRIES", 2000, minimum=1)
GAZETTE_PAGE_CACHE_MAX_MB = env_int("GAZETTE_PAGE_CACHE_MAX_MB", 64, minimum=1)
GAZETTE_PAGE_CACHE_STAMPS = Path(
    env_str("GAZETTE_PAGE_CACHE_STAMPS", str(DATA_DIR / "page-cache.stamps"))
)
GAZETTE_HTTP_MAX_AGE = env_int("GAZETTE_HTTP_MAX_AGE", 0)
GAZETTE_HTTP_S_MAXAGE = env_int("GAZETTE_HTTP_S_MAXAGE", 300)
GAZETTE_HTTP_STALE_WHILE_REVALIDATE = env_int("GAZETTE_HTTP_STALE_WHILE_REVALIDATE", 60)
GAZETTE_CACHE_PURGERS = env_list("GAZETTE_CACHE_PURGERS", ["gazette.cache.purge.NoopPurger"])

# --- Applications ------------------------------------------------------------------------

INSTALLED_APPS = [
    "gazette.core",
    "gazette.articles",
    "gazette.api",
    "gazette.challenge",
    "gazette.comments",
    "gazette.feeds",
    "gazette.seo",
    "gazette.search",
    "gazette.scheduler",
    "gazette.cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gazette.cache.middleware.PageCacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "gazette.urls"
WSGI_APPLICATION = "gazette.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gazette.core.context_processors.site",
            ],
        },
    },
]

# --- Database ----------------------------------------------------------------------------

SQLITE_PATH = DATA_DIR / "gazette.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "") or f"sqlite:///{SQLITE_PATH}",
        conn_max_age=env_int("GAZETTE_DB_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
# Malloc arenas per `gazette run` process (glibc; 0 keeps glibc's default of eight per core):
# each serving thread would otherwise keep freed memory in an arena of its own.
GAZETTE_MALLOC_ARENAS = env_int("GAZETTE_MALLOC_ARENAS", 2, minimum=0)
# Objects loaded with the application are left out of garbage collections (gazette.wsgi).
GAZETTE_GC_FREEZE = env_bool("GAZETTE_GC_FREEZE", True)
# How much of the SQLite file each process maps into memory instead of reading it into
# SQLite's own page cache. Mapped pages are shared with the kernel's file cache, yet they
# count in every worker's RSS.
GAZETTE_SQLITE_MMAP_MB = env_int("GAZETTE_SQLITE_MMAP_MB", 0, minimum=0)
# SQLite's own page cache, per connection (one per serving thread). Pages it drops are read
# again from the kernel's file cache, which every process shares.
GAZETTE_SQLITE_CACHE_KB = env_int("GAZETTE_SQLITE_CACHE_KB", 500, minimum=100)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's backend, converting each statement's placeholders once (gazette/core/sqlite).
    DATABASES["default"]["ENGINE"] = "gazette.core.sqlite"
    # WAL lets readers proceed while one writer commits; IMMEDIATE takes the write lock at
    # BEGIN so concurrent writers queue on the busy timeout instead of failing mid-transaction.
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if DEBUG else DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            f"PRAGMA mmap_size={GAZETTE_SQLITE_MMAP_MB * 1024 * 1024};"
            f"PRAGMA cache_size=-{GAZETTE_SQLITE_CACHE_KB};"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests get a file too, not Django's shared in-memory database: that one takes table
    # locks that ignore the busy timeout, so concurrency tests would measure the wrong thing.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-gazette.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -------------------------------------------------------------------------------

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("GAZETTE_CACHE_PREFIX", "gazette"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "gazette",
        }
    }

# Image renditions never change once made: each process keeps the ones it used, unpickled,
# instead of writing each one to the shared cache on every page (gazette/core/objectcache.py).
CACHES["renditions"] = {
    "BACKEND": "gazette.core.objectcache.ObjectCache",
    "LOCATION": "gazette-renditions",
    "TIMEOUT": env_int("GAZETTE_RENDITION_CACHE_SECONDS", 300, minimum=1),
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# --- Scale-out and faults (docs/scaling.md, docs/reliability.md) --------------------------

# Seconds a client is asked to wait (Retry-After) while the database cannot be reached.
GAZETTE_RETRY_AFTER = env_int("GAZETTE_RETRY_AFTER", 5, minimum=1)
# An unreachable database fails a request in seconds, not after the kernel's TCP timeout.
GAZETTE_DB_CONNECT_TIMEOUT = env_int("GAZETTE_DB_CONNECT_TIMEOUT", 5, minimum=1)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", GAZETTE_DB_CONNECT_TIMEOUT)

# A read replica: read-only queries go there unless the request has written or is inside a
# transaction (gazette.core.db_router); the test suite mirrors it onto the default database.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    DATABASES["replica"]["OPTIONS"] = dict(DATABASES["default"].get("OPTIONS", {}))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["gazette.core.db_router.ReplicaRouter"]

# Redis that does not answer is a cache miss, never an error: gazette.resilience.cache
# skips it for GAZETTE_REDIS_RETRY_SECONDS after a failure, then tries again.
GAZETTE_REDIS_TIMEOUT = env_int("GAZETTE_REDIS_TIMEOUT", 2, minimum=1)
GAZETTE_REDIS_RETRY_SECONDS = env_int("GAZETTE_REDIS_RETRY_SECONDS", 5, minimum=1)
if REDIS_URL:
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    for _cache in CACHES.values():
        if _cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
            _cache["BACKEND"] = "gazette.resilience.cache.ResilientRedisCache"
            _cache["OPTIONS"] = {
                "socket_connect_timeout": GAZETTE_REDIS_TIMEOUT,
                "socket_timeout": GAZETTE_REDIS_TIMEOUT,
                # One immediate retry on a new connection: pooled connections that a Redis
                # restart closed fail once each, and must not open the breaker.
                "retry": Retry(NoBackoff(), 1),
                "RETRY_AFTER": GAZETTE_REDIS_RETRY_SECONDS,
                **_cache.get("OPTIONS", {}),
            }
    # Staff sessions: read from Redis, written to the database too, so an outage of Redis
    # logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Right after SecurityMiddleware: a lost database answers 503 with Retry-After, not 500.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "gazette.resilience.middleware.DatabaseUnavailableMiddleware",
)

# --- Passwords, sessions, security -------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = GAZETTE_BASE_URL.startswith("https://")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

# --- Language and time -------------------------------------------------------------------

LANGUAGE_CODE = env_str("GAZETTE_LANGUAGE", "en")
TIME_ZONE = env_str("GAZETTE_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]

# --- Static and uploaded files -----------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# A file missing from the manifest is served under its plain name rather than failing the page.
WHITENOISE_MANIFEST_STRICT = False

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Request limits (docs/reliability.md#hostile-input) ----------------------------------

# A body announced larger than this is refused with 413 before it is read
# (gazette.core.limits); under the Wagtail admin the larger limit lets editors upload files.
GAZETTE_MAX_BODY_SIZE = env_int("GAZETTE_MAX_BODY_SIZE", 256 * 1024, minimum=1024)
GAZETTE_MAX_ADMIN_BODY_SIZE = env_int(
    "GAZETTE_MAX_ADMIN_BODY_SIZE", 100 * 1024 * 1024, minimum=1024
)
# Form fields and JSON Django holds in memory (its own default, stated here on purpose).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# First of all: it answers from the headers alone, so nothing else reads a hostile body.
MIDDLEWARE.insert(0, "gazette.core.limits.RequestLimitsMiddleware")

# --- Wagtail -----------------------------------------------------------------------------

WAGTAIL_SITE_NAME = GAZETTE_SITE_NAME
WAGTAILADMIN_BASE_URL = GAZETTE_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAIL_I18N_ENABLED = False
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"

# --- Logging -----------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("GAZETTE_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
