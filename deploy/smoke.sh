#!/usr/bin/env bash
# `make smoke`: the production stack on loopback, checked through nginx.
#
# PostgreSQL and Redis must answer (CI: 127.0.0.1:5432 and :6379). A fresh database
# (SMOKE_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/cong_smoke, dropped and
# created), Redis database 14 (SMOKE_REDIS_URL) under a key prefix of this run, a temporary
# var/; migrate, collectstatic, the demo site; gunicorn with deploy/gunicorn.conf.py and
# Debian's nginx (installed with apt when missing and run as root) with the site rendered
# from deploy/nginx/ by render.py, as the current user under the temporary directory.
# Then, through nginx: the home page, an article served from the page cache on the second
# request, a publish that removes it at once, search, the visit beacon, the rating form's
# origin check, the admin's login page, a static file's caching, the home page over IPv6
# ([::1]) and a planned stop's 503 page (manage.py maintenance). Any failure: a message
# saying what, nginx's and gunicorn's logs, exit status 1. Everything started is stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
DB_URL=${SMOKE_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cong_smoke}
REDIS=${SMOKE_REDIS_URL:-redis://127.0.0.1:6379/14}
ARTICLE=/hoat-dong-cua-so/hoi-nghi-tap-huan-thong-tin-doi-ngoai-ve-quyen-con-nguoi-nam-2023/
UA="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"

TMP=""
GUNICORN_PID=""
NGINX_PID=""

logs() {
  [ -n "$TMP" ] || return 0
  for log in "$TMP/gunicorn.log" "$TMP/nginx/error.log"; do
    if [ -s "$log" ]; then
      echo "--- $log (last 30 lines)" >&2
      tail -n 30 "$log" >&2
    fi
  done
}

fail() {
  echo "SMOKE FAILED: $*" >&2
  logs
  exit 1
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # Each server runs in a process group of its own (setsid): stop the group.
  for pid in "$NGINX_PID" "$GUNICORN_PID"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for pid in "$NGINX_PID" "$GUNICORN_PID"; do
    [ -n "$pid" ] || continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  # This run's cache keys (its own prefix) leave Redis with it.
  if [ -n "${CACHE_KEY_PREFIX:-}" ] && [ -x "$PY" ]; then
    "$PY" -c 'import redis, sys
client = redis.Redis.from_url(sys.argv[1], socket_connect_timeout=3)
for key in client.scan_iter(sys.argv[2] + ":*", count=1000):
    client.delete(key)' "$REDIS" "$CACHE_KEY_PREFIX" 2>/dev/null || true
  fi
  [ -n "$TMP" ] && rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '%-58s' "$1"; }
ok() { echo "ok${1:+  ($1)}"; }

# --- what the stack needs -------------------------------------------------------------
NGINX=$(command -v nginx || true)
[ -n "$NGINX" ] || { [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx; }
if [ -z "$NGINX" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "nginx is missing: apt-get install -y nginx"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
    NGINX=/usr/sbin/nginx
  else
    fail "nginx is missing: sudo apt-get install -y nginx"
  fi
fi
[ -x "$ROOT/.venv/bin/gunicorn" ] || make setup
command -v curl >/dev/null || fail "curl is missing: apt-get install -y curl"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/cong-smoke.XXXXXX")
chmod 755 "$TMP"
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
APP_PORT=$(free_port)
WEB_PORT=$(free_port)
BASE=http://127.0.0.1:$WEB_PORT

# Everything the app reads is set here, so neither the caller's environment nor a .env
# beside manage.py changes the run.
export DJANGO_SETTINGS_MODULE=cong.settings
export CONG_VAR_DIR=$TMP/var
export DATABASE_URL=$DB_URL
export REDIS_URL=$REDIS
export CACHE_KEY_PREFIX=cong-smoke-$$
export CONG_VISITS_STORE=redis
export CONG_VISITS_REDIS_URL=$REDIS
export STATIC_ROOT=$TMP/var/static
export MEDIA_ROOT=$TMP/var/media
export STATICFILES_STORAGE=whitenoise.storage.CompressedManifestStaticFilesStorage
export CONG_PAGE_CACHE_DIR=$TMP/var/pagecache
export CONG_PARTICIPATION_UPLOAD_ROOT=$TMP/var/private
export CONG_BACKUP_DIR=$TMP/var/backups
export CONG_SERVE_MEDIA=false
export CONG_PROXY_COUNT=1
export CONG_ADMIN_PATH=admin
export ALLOWED_HOSTS=127.0.0.1,localhost
export DEBUG=false
export SECRET_KEY=cong-smoke-not-secret-$RANDOM$RANDOM$RANDOM$RANDOM
export EMAIL_URL=consolemail://
export LOG_LEVEL=WARNING
export GUNICORN_BIND=127.0.0.1:$APP_PORT
export GUNICORN_WORKERS=2
unset CONN_MAX_AGE BEHIND_TLS_PROXY SECURE_COOKIES CSRF_TRUSTED_ORIGINS || true
mkdir -p "$CONG_VAR_DIR"

# --- services, database, site ----------------------------------------------------------
step "PostgreSQL: fresh database ${DB_URL##*/}"
"$PY" - "$DB_URL" <<'PYTHON' >"$TMP/db.log" 2>&1 || { cat "$TMP/db.log" >&2; fail "PostgreSQL does not answer at $DB_URL"; }
import sys
from urllib.parse import urlparse

import psycopg

url = urlparse(sys.argv[1])
with psycopg.connect(
    host=url.hostname, port=url.port or 5432, user=url.username, password=url.password,
    dbname="postgres", autocommit=True, connect_timeout=5,
) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{url.path[1:]}" WITH (FORCE)')
    conn.execute(f'CREATE DATABASE "{url.path[1:]}"')
PYTHON
ok

step "Redis answers ($REDIS)"
"$PY" -c "import redis, sys; redis.Redis.from_url(sys.argv[1], socket_connect_timeout=3).ping()" "$REDIS" \
  >"$TMP/redis.log" 2>&1 || { cat "$TMP/redis.log" >&2; fail "Redis does not answer at $REDIS"; }
ok

manage() { "$PY" manage.py "$@" >>"$TMP/manage.log" 2>&1 || { tail -n 30 "$TMP/manage.log" >&2; fail "manage.py $*"; }; }
step "migrate"; manage migrate --noinput -v0; ok
step "collectstatic"; manage collectstatic --noinput -v0; ok
step "load the demo site"; manage load_demo -v0; ok
# The Site record names the address the checks use: the page cache writes only pages asked
# for by a Site's hostname and port, and absolute links (canonical, RSS...) come from it.
step "Site address 127.0.0.1:$WEB_PORT"
manage shell -c "from wagtail.models import Site; site = Site.objects.get(is_default_site=True); site.hostname, site.port = '127.0.0.1', $WEB_PORT; site.save()"
ok

# --- gunicorn and nginx ----------------------------------------------------------------
step "gunicorn (deploy/gunicorn.conf.py, 2 workers)"
setsid "$ROOT/.venv/bin/gunicorn" --config deploy/gunicorn.conf.py cong.wsgi >"$TMP/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
for _ in $(seq 150); do
  curl -fsS -o /dev/null "http://127.0.0.1:$APP_PORT/api/visits/summary" 2>/dev/null && break
  kill -0 "$GUNICORN_PID" 2>/dev/null || fail "gunicorn exited"
  sleep 0.2
done
curl -fsS -o /dev/null "http://127.0.0.1:$APP_PORT/api/visits/summary" || fail "gunicorn does not answer"
ok "127.0.0.1:$APP_PORT"

step "nginx (site rendered from deploy/nginx/cong.conf)"
mkdir -p "$TMP/nginx"
"$PY" deploy/nginx/render.py --standalone "$TMP/nginx" --listen "127.0.0.1:$WEB_PORT" \
  --upstream "127.0.0.1:$APP_PORT" --server-name "127.0.0.1 localhost" >"$TMP/nginx/nginx.conf" \
  2>"$TMP/nginx/render.log" || { cat "$TMP/nginx/render.log" >&2; fail "render.py"; }
"$NGINX" -t -q -p "$TMP/nginx" -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf" \
  || fail "nginx refuses the generated configuration ($TMP/nginx/nginx.conf)"
setsid "$NGINX" -p "$TMP/nginx" -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf" -g "daemon off;" &
NGINX_PID=$!
for _ in $(seq 100); do
  curl -sS -o /dev/null "$BASE/static/" 2>/dev/null && break
  kill -0 "$NGINX_PID" 2>/dev/null || fail "nginx exited"
  sleep 0.1
done
ok "$BASE"

# --- checks through nginx --------------------------------------------------------------
# fetch PATH [curl options]: sets STATUS, and the body and headers in $TMP/body, $TMP/headers.
fetch() {
  local path=$1
  shift
  STATUS=$(curl -sS -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' -A "$UA" "$@" "$BASE$path") \
    || fail "no answer from nginx for $path"
}
SECURITY_HEADERS="Content-Security-Policy X-Frame-Options X-Content-Type-Options Referrer-Policy Permissions-Policy Cross-Origin-Opener-Policy"
header() { grep -i "^$1:" "$TMP/headers" | head -n1 | cut -d' ' -f2- | tr -d '\r'; }
# The security headers, one a line; a CSP's directives sorted (django-csp's order varies
# from one process to the next, and it does not matter).
security_headers() {
  for name in $SECURITY_HEADERS; do
    if [ "$name" = Content-Security-Policy ]; then
      printf '%s: %s\n' "$name" "$(header "$name" | tr ';' '\n' | sed 's/^ *//; s/ *$//' | sort | paste -sd';')"
    else
      printf '%s: %s\n' "$name" "$(header "$name")"
    fi
  done
}
expect_status() { [ "$STATUS" = "$1" ] || fail "$2: HTTP $STATUS, expected $1"; }

step "home page"
fetch /
expect_status 200 "GET /"
grep -q 'js/visits\.' "$TMP/body" || fail "the home page has no visit beacon script"
ok "$(header X-Cong-Cache)"

# ND 224/2026 Art. 11(4): render.py adds [::1]:PORT beside 127.0.0.1:PORT.
step "home page over IPv6 (http://[::1]:$WEB_PORT/)"
STATUS=$(curl -sS -g -o "$TMP/body" -w '%{http_code}' -A "$UA" -H "Host: 127.0.0.1:$WEB_PORT" \
  "http://[::1]:$WEB_PORT/") || fail "no answer on http://[::1]:$WEB_PORT/ (does nginx listen on IPv6?)"
expect_status 200 "GET http://[::1]:$WEB_PORT/"
ok

step "article: first request rendered by Django"
fetch "$ARTICLE"
expect_status 200 "GET $ARTICLE"
[ "$(header X-Cong-Cache)" = "MISS" ] || fail "first article request: X-Cong-Cache '$(header X-Cong-Cache)', expected MISS"
security_headers >"$TMP/django-headers"
ok "MISS"

step "article: second request from the page cache"
fetch "$ARTICLE"
expect_status 200 "GET $ARTICLE (again)"
[ "$(header X-Cong-Cache)" = "HIT" ] || fail "second article request was not served from the page cache (X-Cong-Cache: '$(header X-Cong-Cache)')"
grep -q 'quyền con người' "$TMP/body" || fail "the cached article lacks its title"
grep -q 'js/visits\.' "$TMP/body" || fail "the cached article lacks the visit beacon script"
grep -q 'data-rating-form' "$TMP/body" || fail "the cached article lacks the rating form"
grep -q 'csrfmiddlewaretoken' "$TMP/body" && fail "the cached article carries a CSRF token"
header Content-Type | grep -qi 'text/html; charset=utf-8' || fail "cached page Content-Type: $(header Content-Type)"
[ "$(header X-Content-Type-Options)" = "nosniff" ] || fail "cached page without X-Content-Type-Options: nosniff"
security_headers >"$TMP/nginx-headers"
diff "$TMP/django-headers" "$TMP/nginx-headers" >&2 \
  || fail "the cached page's security headers differ from Django's (above: < Django, > nginx)"
grep -q '^Content-Security-Policy: .' "$TMP/nginx-headers" || echo -n "(no CSP configured) "
ok "HIT, $(wc -c <"$TMP/body") bytes, same security headers as Django"

step "article with a session cookie bypasses the cache"
fetch "$ARTICLE" -H "Cookie: sessionid=khong-co"
expect_status 200 "GET $ARTICLE with a session cookie"
[ "$(header X-Cong-Cache)" = "BYPASS" ] || fail "a request with a session cookie got X-Cong-Cache '$(header X-Cong-Cache)'"
ok "BYPASS"

step "publish an edit: the cached article is gone at once"
"$PY" manage.py shell -c "
from cong.news.models import ArticlePage
page = ArticlePage.objects.get(slug='${ARTICLE%/}'.rsplit('/', 1)[1])
page.title = 'Tiêu đề sửa khi kiểm tra khói'
page.save_revision().publish()
" >>"$TMP/manage.log" 2>&1 || fail "publishing an edit"
fetch "$ARTICLE"
[ "$(header X-Cong-Cache)" = "MISS" ] || fail "after the publish the article still came from the cache ($(header X-Cong-Cache))"
grep -q 'Tiêu đề sửa khi kiểm tra khói' "$TMP/body" || fail "the new title does not show after the publish"
ok "MISS, new title"

step "search /tim-kiem/?q=quyen+con+nguoi"
fetch "/tim-kiem/?q=quyen+con+nguoi"
expect_status 200 "search"
grep -q 'class="search-results"' "$TMP/body" || fail "search for 'quyen con nguoi' found nothing"
grep -q "$ARTICLE" "$TMP/body" || fail "search for 'quyen con nguoi' does not list the article"
ok "$(header X-Cong-Cache)"

step "visit beacon POST /api/visits/hit"
fetch /api/visits/hit -X POST -H 'Content-Type: text/plain' --data "{\"path\": \"$ARTICLE\"}"
expect_status 204 "POST /api/visits/hit"
ok 204

step "rating from this site's page (Origin) is accepted"
fetch "$ARTICLE"
TARGET=$(grep -o 'name="target" value="[^"]*"' "$TMP/body" | head -n1 | sed 's/.*value="//; s/"$//')
[ -n "$TARGET" ] || fail "no rating form target on the article"
fetch /danh-gia/ -X POST -H "Origin: $BASE" --data-urlencode "target=$TARGET" --data "stars=5"
expect_status 302 "same-origin rating"
ok 302

step "rating from another origin is refused"
fetch /danh-gia/ -X POST -H "Origin: https://evil.example" --data-urlencode "target=$TARGET" --data "stars=5"
expect_status 403 "cross-origin rating"
ok 403

step "admin login page"
fetch /admin/login/
expect_status 200 "GET /admin/login/"
ok

step "static CSS with a long Cache-Control"
fetch /
CSS=$(grep -o '/static/css/site\.[0-9a-f]\{12\}\.css' "$TMP/body" | head -n1)
[ -n "$CSS" ] || fail "no hashed stylesheet (/static/css/site.<hash>.css) on the home page"
fetch "$CSS" -H 'Accept-Encoding: gzip'
expect_status 200 "GET $CSS"
header Cache-Control | grep -q 'max-age=31536000' || fail "$CSS: Cache-Control '$(header Cache-Control)'"
header Cache-Control | grep -q 'immutable' || fail "$CSS: Cache-Control without immutable"
[ "$(header X-Content-Type-Options)" = "nosniff" ] || fail "$CSS without nosniff"
ok "$(header Cache-Control), $(header Content-Encoding)"

step "planned stop: 503 page from nginx, the admin still up"
manage maintenance on --until "2030-01-01 06:00"
fetch "$ARTICLE"
expect_status 503 "GET $ARTICLE during maintenance"
RETRY_AFTER=$(header Retry-After)
[ -n "$RETRY_AFTER" ] || fail "the maintenance page has no Retry-After"
grep -q 'Website tạm dừng hoạt động' "$TMP/body" || fail "the maintenance page is not the planned-stop page"
fetch /admin/login/
expect_status 200 "GET /admin/login/ during maintenance"
manage maintenance off
fetch "$ARTICLE"
expect_status 200 "GET $ARTICLE after maintenance off"
ok "503, Retry-After $RETRY_AFTER"

echo "SMOKE OK: nginx + page cache + gunicorn + PostgreSQL + Redis"
