"""Settings for Cổng.

Every knob comes from the environment (see `.env.example`); with nothing set, the embedded
default runs: SQLite and media under `var/`, local-memory cache, DEBUG off.
"""

import datetime
import re
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from redis.backoff import NoBackoff
from redis.retry import Retry
from wagtail.embeds import oembed_providers

from cong.core.secrets import load_or_create_secret_key
from cong.province.hosts import SiteHosts, SiteOrigins

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
VAR_DIR = Path(env.str("CONG_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="") or load_or_create_secret_key(VAR_DIR / "secret_key")
# Plus every Site's hostname and origin, read as Sites are added (cong/province/hosts.py).
ALLOWED_HOSTS = SiteHosts(env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"]))
CSRF_TRUSTED_ORIGINS = SiteOrigins(env.list("CSRF_TRUSTED_ORIGINS", default=[]))

INSTALLED_APPS = [
    "cong.core",
    "cong.news",
    "cong.agency",
    "cong.procedures",
    "cong.schedule",
    "cong.disclosure",
    "cong.links",
    "cong.documents",
    "cong.visits",
    "cong.search",
    "cong.ops",
    "cong.editorial",
    "cong.participation",
    "cong.siteimport",
    "cong.compliance",
    "cong.portal",
    "cong.demo",
    "cong.accounts",
    "cong.api",
    "cong.selfcheck",
    "cong.province",
    "cong.translations",
    "corsheaders",
    "captcha",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    # The "Dịch trang" action: an editor copies a page into English (docs/english.md).
    "wagtail.contrib.simple_translation",
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
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.humanize",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]
# The bare-Wagtail anchor page of `make bench` and `make profile-pages` (bench/anchor/,
# docs/performance.md): installed only when a benchmark asks, never in production.
if env.bool("CONG_BENCH_ANCHOR", default=False):
    INSTALLED_APPS.append("bench.anchor")

MIDDLEWARE = [
    # The content version read once per request (cong/core/cache.py).
    "cong.core.cache.ContentVersionMiddleware",
    # A body larger than the site accepts is refused (413) before anything reads it.
    "cong.core.limits.RequestSizeLimitMiddleware",
    # Outermost, so it sees every cookie the others set (cong/core/pagecache.py).
    "cong.core.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # CORS headers on the read API only (CORS_URLS_REGEX), and its preflight answers.
    "corsheaders.middleware.CorsMiddleware",
    # X-Robots-Tag on the admin, which robots.txt does not name (cong/core/robots.py).
    "cong.core.robots.AdminNoIndexMiddleware",
    "cong.accounts.headers.PermissionsPolicyMiddleware",
    "cong.accounts.headers.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # While `manage.py maintenance on`: the planned-stop page, 503 (cong/compliance); before
    # anything that needs the database.
    "cong.compliance.middleware.MaintenanceModeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the address only: /en/... English, anything else Vietnamese.
    "cong.core.i18n.PathLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "cong.core.sites.CachedSiteMiddleware",
    # The site's measurement tag and allowed origins in its CSP (cong/compliance).
    "cong.compliance.middleware.SiteSourcesMiddleware",
    # Django's, with the trusted origins of the Sites as they are now (cong/province).
    "cong.province.middleware.SiteCsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cong.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Old home-page addresses with a query (/?p=12) that Wagtail's redirects never see.
    "cong.siteimport.middleware.HomeQueryRedirectMiddleware",
    # Wagtail's address → page routing kept under the content version (cong/core/routing.py).
    "cong.core.routing.CachedRouteMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
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
            # {% cache %} keeping the surrogate keys of its fragment (cong/core/surrogate.py).
            "libraries": {"cache": "cong.core.templatetags.keyed_cache"},
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
    # Connections are kept a minute and checked before reuse (CONN_HEALTH_CHECKS), so after a
    # PostgreSQL restart or network cut the next request reconnects: no app restart needed.
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
    # An unreachable server costs a reader this long, not the OS's two-minute TCP timeout;
    # the request then gets the maintenance page (cong.core.outages).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("CONG_DB_CONNECT_TIMEOUT", default=3)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Work done after the response. Cổng's own tasks (image renditions, cong/core/renditions.py)
# go to "background": by default a queue in the database that `manage.py db_worker --backend
# background` works through (cong-tasks.service; `make run` starts one). "immediate" runs them
# in the request that enqueued them, once it commits; "dummy" keeps them unrun (tests).
# Wagtail's own tasks (reference index, focal points) stay on "default", immediate.
BACKGROUND_TASKS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {
        "BACKEND": BACKGROUND_TASKS[env.str("CONG_BACKGROUND_TASKS", default="database")],
    },
}

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="cong"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # Redis down must not take the site down: a failed read is a miss, a failed
                # write is skipped (logged), and a dead or unreachable Redis costs a request
                # milliseconds, not seconds. What is lost meanwhile: README, operations.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": env.float("CONG_REDIS_CONNECT_TIMEOUT", default=0.2),
                "SOCKET_TIMEOUT": env.float("CONG_REDIS_TIMEOUT", default=0.5),
                # redis-py retries a failed command 10 times with backoff (4 s for a refused
                # connection); one immediate retry is enough to replace a connection that a
                # Redis restart closed.
                "CONNECTION_POOL_KWARGS": {"retry": Retry(NoBackoff(), 1)},
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
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
# X-Forwarded-For is read only from these peers (addresses or networks); gunicorn's Unix
# socket, which only nginx can open, is always trusted.
CONG_TRUSTED_PROXIES = env.list("CONG_TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
# Addresses outside the page tree whose views are counted (URL names).
CONG_VISITS_COUNTED_URLS = ["search:search"]
# What one client address (an IPv6 client: its /64) may add to the statistics. Generous
# enough for an office or a school behind one NAT address (its readers are counted until
# the 61st new browser in one minute, or the 3,001st in one day; browsers already seen keep
# being counted), small enough that rotating the User-Agent from one address cannot make
# thousands of "visitors". Hits over a cap are counted by reason in the report, not as visits.
CONG_VISITS_ADDRESS_NEW_PER_MINUTE = env.int("CONG_VISITS_ADDRESS_NEW_PER_MINUTE", default=60)
CONG_VISITS_ADDRESS_NEW_PER_DAY = env.int("CONG_VISITS_ADDRESS_NEW_PER_DAY", default=3000)
CONG_VISITS_ADDRESS_VIEWS_PER_MINUTE = env.int("CONG_VISITS_ADDRESS_VIEWS_PER_MINUTE", default=600)
# A beacon whose page saw `navigator.webdriver` (Selenium, Playwright, Puppeteer) is not
# counted; only the browser test suite, which drives Chromium, turns this on.
CONG_VISITS_COUNT_WEBDRIVER = env.bool("CONG_VISITS_COUNT_WEBDRIVER", default=False)
# Beacons taken by nginx (docs/visits.md, "Beacons through nginx's log"): the log file nginx
# writes one line per beacon to, counted by `manage.py ingest_beacons` (cong-beacons.service).
# Empty (the default): nginx passes beacons to gunicorn, which counts each one at once.
CONG_VISITS_BEACON_LOG = env.str("CONG_VISITS_BEACON_LOG", default="")
# Redis visit keys are "<prefix>:visits:…", so sites sharing one Redis keep apart.
CONG_VISITS_KEY_PREFIX = env.str(
    "CONG_VISITS_KEY_PREFIX", default=env.str("CACHE_KEY_PREFIX", default="cong")
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese locale: dd/mm/yyyy dates, 24 h times, "." as thousands separator (cong/formats/vi).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Pages in Vietnamese (the default, unprefixed addresses) and English (under /en/):
# docs/english.md.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
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
# Whole-page cache: anonymous pages written as files that nginx serves (cong/core/pagecache.py,
# deploy/nginx/). Unset (the default): nothing is written.
CONG_PAGE_CACHE_DIR = env.str("CONG_PAGE_CACHE_DIR", default="")
# Purges (cong/core/surrogate.py) go through Wagtail's front-end cache backends: the local
# file cache always, plus what CONG_FRONTEND_CACHE adds (JSON, WAGTAILFRONTENDCACHE's form:
# another server's folder, Varnish's cong.core.surrogate.VarnishBackend, Cloudflare, ...).
# CONG_VARNISH_URL is a shortcut for Varnish; CONG_SURROGATE_HEADER names the header that
# carries each cached page's surrogate keys ("xkey" for Varnish; empty: none is sent).
WAGTAILFRONTENDCACHE = {"pagecache": {"BACKEND": "cong.core.pagecache.PageCacheBackend"}}
WAGTAILFRONTENDCACHE.update(env.json("CONG_FRONTEND_CACHE", default={}))
if env.str("CONG_VARNISH_URL", default=""):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "cong.core.surrogate.VarnishBackend",
        "LOCATION": env.str("CONG_VARNISH_URL"),
    }
CONG_SURROGATE_HEADER = env.str(
    "CONG_SURROGATE_HEADER", default="xkey" if env.str("CONG_VARNISH_URL", default="") else ""
)
# Planned stops (cong.compliance): `manage.py maintenance on` writes its flag file and static
# page here; nginx must be able to read it (deploy/nginx/cong.conf answers 503 while the flag
# is there). And the per-host Content-Security-Policy map nginx includes for cached pages.
CONG_MAINTENANCE_DIR = Path(env.str("CONG_MAINTENANCE_DIR", default=str(VAR_DIR / "maintenance")))
CONG_NGINX_CSP_MAP = Path(env.str("CONG_NGINX_CSP_MAP", default=str(VAR_DIR / "nginx-csp.map")))
# The nginx site as deployed (what deploy/nginx/render.py wrote): the self-check reads it to
# see that nginx listens on IPv6 (cong.compliance, ND 224/2026 Art. 11(4)).
CONG_NGINX_CONF = Path(env.str("CONG_NGINX_CONF", default="/etc/nginx/sites-enabled/cong"))
# `manage.py backup` writes its archives here (cong.ops).
CONG_BACKUP_DIR = Path(env.str("CONG_BACKUP_DIR", default=str(VAR_DIR / "backups")))

# HTTPS. SECURE_COOKIES=true declares that the site is served over HTTPS only (production,
# behind nginx with BEHIND_TLS_PROXY=true): Secure cookies, redirect to https://, HSTS for a
# year (unless DEBUG) and two-factor sign-in for superusers. Plain HTTP (a laptop, the demo,
# the test suite) has none of these.
HTTPS_ONLY = env.bool("SECURE_COOKIES", default=False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
# No script reads the CSRF cookie: forms carry the token, Wagtail's admin has it in its config.
CSRF_COOKIE_HTTPONLY = True
# A refused form gets the site's Vietnamese error page, not Django's English one.
CSRF_FAILURE_VIEW = "cong.core.csrf.csrf_failure"
# A session ends with the browser, and after CONG_SESSION_HOURS in any case (Wagtail's
# "Remember me" keeps it across browser restarts, for as long).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env.int("CONG_SESSION_HOURS", default=8) * 3600
SECURE_SSL_REDIRECT = HTTPS_ONLY
SECURE_HSTS_SECONDS = env.int(
    "CONG_HSTS_SECONDS", default=31_536_000 if HTTPS_ONLY and not DEBUG else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("CONG_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("CONG_HSTS_PRELOAD", default=False)
# SAMEORIGIN, not DENY: Wagtail's preview shows the page in a frame of the admin.
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
SILENCED_SYSTEM_CHECKS = [
    # X_FRAME_OPTIONS is SAMEORIGIN on purpose (Wagtail's preview, above).
    "security.W019",
    # HSTS "preload" commits the whole registrable domain (thanhhoa.gov.vn: every agency of a
    # province) to HTTPS in browsers' built-in lists; one agency's site cannot promise that
    # for the others. CONG_HSTS_PRELOAD=true where the agency owns the domain.
    "security.W021",
    # "CsrfViewMiddleware not in MIDDLEWARE": Django looks for its own path only; ours
    # extends it (cong/province/middleware.py) and cong.W030 checks that one of them is there.
    "security.W003",
    # "'cache' is used for multiple template tag modules": on purpose, TEMPLATES' libraries
    # put cong.core.templatetags.keyed_cache (surrogate keys kept) in place of Django's.
    "templates.W003",
]

# Login protection (cong.accounts, django-axes): CONG_LOGIN_FAILURE_LIMIT failed logins of
# one user name, or from one address, lock that name or address out for
# CONG_LOGIN_COOLOFF_MINUTES after the last failure, whatever password comes next.
AUTHENTICATION_BACKENDS = [
    "cong.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("CONG_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("CONG_LOGIN_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A successful login does not clear the counts: it would clear the address's too, so one
# valid account would let an attacker go on guessing another's password from there.
AXES_RESET_ON_SUCCESS = False
# The client address as every limit and counter reads it (cong.core.clients).
AXES_CLIENT_IP_CALLABLE = "cong.core.clients.client_ip"
AXES_LOCKOUT_CALLABLE = "cong.accounts.lockouts.lockout_response"
# The login log is cong.accounts' LoginEvent (kept CONG_LOGIN_EVENT_DAYS); axes keeps only
# the failure counts, deleted once the cool-off is over.
AXES_DISABLE_ACCESS_LOG = True
CONG_LOGIN_EVENT_DAYS = env.int("CONG_LOGIN_EVENT_DAYS", default=180)
# Two-factor sign-in (TOTP): required of these groups and, on HTTPS sites, of superusers;
# anyone else may turn it on (Account › Xác thực hai bước).
CONG_2FA_GROUPS = env.list("CONG_2FA_GROUPS", default=["Lãnh đạo duyệt", "Quản trị"])
CONG_2FA_FOR_SUPERUSERS = env.bool("CONG_2FA_FOR_SUPERUSERS", default=HTTPS_ONLY)
OTP_TOTP_ISSUER = env.str("CONG_SITE_NAME", default="Cổng")  # the name the phone app shows
# Setting up the authenticator needs a one-time link (e-mailed to the address on file, or
# issued by an administrator: `manage.py issue_2fa_enrolment`), valid this many hours.
CONG_2FA_ENROLMENT_HOURS = env.int("CONG_2FA_ENROLMENT_HOURS", default=24)

# Content-Security-Policy (django-csp, cong/accounts/headers.py). Public pages: enforced;
# an inline script needs nonce="{{ request.csp_nonce }}" (public templates have none, so
# their header never changes and a cached page can reuse it). The admin: Wagtail still
# writes inline scripts and style attributes, so it gets CONG_ADMIN_CONTENT_SECURITY_POLICY
# enforced and the public policy as report-only.
_VIDEO_FRAMES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-src": _VIDEO_FRAMES,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
CONG_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "frame-src": [SELF, *_VIDEO_FRAMES],
    }
}
CONG_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
# The admin asks releases.wagtail.org for new versions; nothing is fetched from elsewhere
# (connect-src 'self'), and upgrades are the deployer's job, not the editors'.
WAGTAIL_ENABLE_UPDATE_CHECK = False

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
# Whole requests above the upload limits (+1 MB for the form) are refused by Content-Length
# before they are read (cong.core.limits, and nginx's client_max_body_size). Below that: form
# fields other than files may hold 2.5 MB in all (a long StreamField page), and an upload
# larger than 2.5 MB goes to a temporary file instead of memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024 // 2
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024 // 2
# Document links go through Wagtail's view, not /media/: PDF opens in the browser, anything
# else downloads, always with nosniff and a "default-src 'none'" CSP.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
# No inline padding style around embeds (the public CSP has no 'unsafe-inline' for styles):
# site.css gives videos their aspect ratio.
WAGTAILEMBEDS_RESPONSIVE_HTML = False
# Video embeds from YouTube and Vimeo only: any other address is refused by the editor, so
# pages never carry a third party's HTML (tests/editorial/test_embeds.py).
WAGTAILEMBEDS_FINDERS = [
    {
        "class": "wagtail.embeds.finders.oembed",
        "providers": [oembed_providers.youtube, oembed_providers.vimeo],
    }
]
# No calls to gravatar.com from the admin: nothing is fetched from elsewhere.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
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
# "Forgot password" mails (the admin's login page): per typed e-mail, and per client address.
CONG_PASSWORD_RESET_RATE = _rate("CONG_PASSWORD_RESET_RATE", "3/h")
CONG_PASSWORD_RESET_IP_RATE = _rate("CONG_PASSWORD_RESET_IP_RATE", "10/h")
# New ratings a day from one address: of one page, and of all pages. A visitor is address +
# User-Agent, so these are what stop one client from rating a page again and again under new
# User-Agents; colleagues behind one office address share them (5 of one page a day).
CONG_RATING_PAGE_RATE = _rate("CONG_RATING_PAGE_RATE", "5/d")
CONG_RATING_DAILY_RATE = _rate("CONG_RATING_DAILY_RATE", "200/d")
# A question waits for its asker to open the link mailed to them (nothing else is mailed
# before); the link lasts this many hours, after which the unconfirmed question is deleted.
CONG_QUESTION_CONFIRM_HOURS = env.int("CONG_QUESTION_CONFIRM_HOURS", default=48)
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
# The read API (/api/v2/, cong.api): requests per client address, and how long a client
# or proxy may reuse an answer before asking again (it then gets a 304 if nothing changed).
CONG_API_RATE = _rate("CONG_API_RATE", "300/m")
CONG_API_MAX_AGE = env.int("CONG_API_MAX_AGE", default=60)
# Any site may read the API from a browser, without cookies, and only read it.
CORS_URLS_REGEX = r"^/api/v2/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]
RATELIMIT_USE_CACHE = "default"
# Counts live in Redis: while it is down they cannot be kept, and the forms stay open
# (fail open) instead of refusing every citizen; the captcha is then asked on every
# submission instead (cong.participation.guards.captcha_required).
RATELIMIT_FAIL_OPEN = True
CAPTCHA_TIMEOUT = 60  # minutes: long enough to write a question
CAPTCHA_LENGTH = 5
CAPTCHA_FONT_SIZE = 30
# Browser tests only ("PASSED" answers every captcha); never set on a real site.
CAPTCHA_TEST_MODE = env.bool("CONG_CAPTCHA_TEST_MODE", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
