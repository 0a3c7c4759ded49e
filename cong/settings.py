"""Settings for Cổng.

Every knob comes from the environment (see `.env.example`); with nothing set, the embedded
default runs: SQLite and media under `var/`, local-memory cache, DEBUG off.
"""

import re
from pathlib import Path

import environ

from cong.core.secrets import load_or_create_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
VAR_DIR = Path(env.str("CONG_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="") or load_or_create_secret_key(VAR_DIR / "secret_key")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "cong.core",
    "cong.news",
    "cong.links",
    "cong.documents",
    "cong.visits",
    "cong.search",
    "cong.ops",
    "cong.participation",
    "cong.demo",
    "captcha",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.humanize",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "cong.core.sites.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cong.urls"
WSGI_APPLICATION = "cong.wsgi.application"

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
                "wagtail.contrib.settings.context_processors.settings",
                "cong.core.context_processors.site_context",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'cong.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer commits; IMMEDIATE avoids upgrade deadlocks
    # between worker processes; the timeout waits for a busy writer instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="cong"),
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Visit statistics: where counters live, and how many proxies stand in front (for the IP).
# Counters must not be evicted: give them a Redis database with maxmemory-policy noeviction
# (and appendonly for durability), separate from the cache's if the cache may evict.
CONG_VISITS_REDIS_URL = env.str("CONG_VISITS_REDIS_URL", default=REDIS_URL)
CONG_VISITS_STORE = env.str(
    "CONG_VISITS_STORE", default="redis" if CONG_VISITS_REDIS_URL else "database"
)
if CONG_VISITS_STORE not in ("database", "redis") or (
    CONG_VISITS_STORE == "redis" and not CONG_VISITS_REDIS_URL
):
    raise environ.ImproperlyConfigured(
        "CONG_VISITS_STORE must be 'database', or 'redis' with REDIS_URL/CONG_VISITS_REDIS_URL"
    )
CONG_PROXY_COUNT = env.int("CONG_PROXY_COUNT", default=0)
# Addresses outside the page tree whose views are counted (URL names).
CONG_VISITS_COUNTED_URLS = ["search:search"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese locale: dd/mm/yyyy dates, 24 h times, "." as thousands separator (cong/formats/vi).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["cong.formats"]
# Project strings first, then our Vietnamese catalogue of Wagtail's admin strings.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-wagtail"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# In production nginx serves /media/; the embedded default serves it from Django.
CONG_SERVE_MEDIA = env.bool("CONG_SERVE_MEDIA", default=True)
CONG_ADMIN_PATH = env.str("CONG_ADMIN_PATH", default="admin").strip("/") + "/"
# `manage.py backup` writes its archives here (cong.ops).
CONG_BACKUP_DIR = Path(env.str("CONG_BACKUP_DIR", default=str(VAR_DIR / "backups")))

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)

# EMAIL_URL, e.g. smtp+tls://user:password@mail.thanhhoa.gov.vn:587 (console by default).
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="no-reply@localhost")

WAGTAIL_SITE_NAME = env.str("CONG_SITE_NAME", default="Cổng")
WAGTAILADMIN_BASE_URL = env.str("CONG_BASE_URL", default="http://127.0.0.1:8000")
# Slugs are folded to ASCII on the server (cong.core.text.slugify_vi); letting the editor's
# script keep Vietnamese letters avoids Wagtail's "đ" -> "dj" transliteration in between.
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# "simple": no English stemming of Vietnamese words on PostgreSQL (SQLite ignores it).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}
# Uploads are checked by content, not name (cong.core.uploads): no SVG, no HTML renamed .pdf.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("CONG_IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env.int("CONG_IMAGE_MAX_PIXELS", default=40_000_000)
WAGTAILIMAGES_IMAGE_FORM_BASE = "cong.core.uploads.SafeImageForm"
# Scanned documents are often photos, so images are accepted as attachments too.
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "zip"]
WAGTAILDOCS_EXTENSIONS += ["jpg", "jpeg", "png", "gif", "webp"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cong.core.uploads.SafeDocumentForm"
CONG_DOCUMENT_MAX_BYTES = env.int("CONG_DOCUMENT_MAX_BYTES", default=30 * 1024 * 1024)
# Document links go through Wagtail's view, not /media/: PDF opens in the browser, anything
# else downloads, always with nosniff and a "default-src 'none'" CSP.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# No calls to gravatar.com from the admin: nothing is fetched from elsewhere.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
        },
    }
}


# Citizen participation (cong.participation): questions, draft consultations, ratings.
# Rate limits are "count/period" (period s, m, h or d) per client address and per e-mail,
# counted in the cache: with several workers, use Redis (REDIS_URL) so they share the counts.
def _rate(name: str, default: str) -> str:
    value = env.str(name, default=default).strip()
    if not re.fullmatch(r"[1-9]\d*/\d*[smhd]", value):
        raise environ.ImproperlyConfigured(
            f"{name} must look like 5/h (count/period), not {value!r}"
        )
    return value


CONG_PARTICIPATION_RATE = _rate("CONG_PARTICIPATION_RATE", "5/h")
CONG_PARTICIPATION_EMAIL_RATE = _rate("CONG_PARTICIPATION_EMAIL_RATE", "10/d")
CONG_PARTICIPATION_LOOKUP_RATE = _rate("CONG_PARTICIPATION_LOOKUP_RATE", "30/h")
CONG_RATING_RATE = _rate("CONG_RATING_RATE", "60/h")
# The captcha is asked from the second submission of a day from one address or e-mail;
# set true to ask it every time.
CONG_PARTICIPATION_CAPTCHA_ALWAYS = env.bool("CONG_PARTICIPATION_CAPTCHA_ALWAYS", default=False)
CONG_PARTICIPATION_ATTACHMENT_MAX_BYTES = env.int(
    "CONG_PARTICIPATION_ATTACHMENT_MAX_BYTES", default=5 * 1024 * 1024
)
# Citizens' attachments live outside MEDIA_ROOT: only the admin serves them.
CONG_PARTICIPATION_UPLOAD_ROOT = Path(
    env.str("CONG_PARTICIPATION_UPLOAD_ROOT", default=str(VAR_DIR / "private"))
)
RATELIMIT_USE_CACHE = "default"
CAPTCHA_TIMEOUT = 60  # minutes: long enough to write a question
CAPTCHA_LENGTH = 5
CAPTCHA_FONT_SIZE = 30

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
