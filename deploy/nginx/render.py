"""Write Cổng's nginx site (deploy/nginx/cong.conf) filled from the app's own settings.

    .venv/bin/python deploy/nginx/render.py --server-name stttt.thanhhoa.gov.vn [--listen 80]
        [--tls-cert /etc/ssl/cong/fullchain.pem --tls-key /etc/ssl/cong/privkey.pem]
        [--upstream unix:/run/cong/web.sock] > /etc/nginx/sites-available/cong

Paths (STATIC_ROOT, MEDIA_ROOT, CONG_PAGE_CACHE_DIR), the admin's address, upload limits
and the security headers Django adds to every page are read from Django's settings, i.e.
from the same .env as the app, so nginx and Django cannot disagree.

Each IPv4 `listen` gets its IPv6 twin (`[::]:80`, `[::]:443`, `[::1]:P` for `127.0.0.1:P`;
ND 224/2026 Art. 11(4)); `--no-ipv6` on a host without IPv6. Cached pages carry their host's
Content-Security-Policy from the map Django keeps in CONG_NGINX_CSP_MAP (docs/compliance.md).

`--standalone DIR` writes a whole nginx.conf instead, for a private nginx run as the
current user with everything under DIR (pid, logs, temporary files): what `make smoke`
and `make bench` start with `nginx -p DIR -e DIR/error.log -c DIR/nginx.conf`.
"""

import argparse
import getpass
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")
# Middleware that only adds headers, run on a sample page to learn which headers it adds.
HEADER_MIDDLEWARE = (
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "cong.accounts.headers.ContentSecurityPolicyMiddleware",
    "cong.accounts.headers.PermissionsPolicyMiddleware",
)
SKIPPED_HEADERS = {"content-type", "content-length", "vary", "cache-control"}
# Micro-cache of anonymous query-string pages (seconds) and the per-address limit on search
# and document filters (nginx limit_req: rate and burst answered at once).
MICRO_CACHE_SECONDS = 3
EXPENSIVE_RATE = "5r/s"
EXPENSIVE_BURST = 20


def _django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cong.settings")
    import django

    django.setup()
    from django.conf import settings

    return settings


def _megabytes(n_bytes: int, margin: int = 1) -> str:
    """Bytes as nginx megabytes, rounded up, plus `margin` MB for the rest of the form."""
    return f"{-(-n_bytes // (1024 * 1024)) + margin}m"


def security_headers(settings) -> list[tuple[str, str]]:
    """The headers Django's header-only middleware adds to an HTML page."""
    from django.http import HttpResponse
    from django.test import RequestFactory
    from django.utils.module_loading import import_string

    def view(request):
        return HttpResponse("<!doctype html><title>x</title>", content_type="text/html")

    handler = view
    for path in reversed(settings.MIDDLEWARE):
        if path in HEADER_MIDDLEWARE:
            handler = import_string(path)(handler)
    # Served over https (behind TLS): Django then adds HSTS, and so must nginx.
    https = bool(settings.SECURE_SSL_REDIRECT or settings.SECURE_PROXY_SSL_HEADER)
    request = RequestFactory().get("/", secure=https)
    response = handler(request)
    return [(k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS]


def _quote(value: str) -> str:
    if "$" in value or "\n" in value:  # nginx would read "$..." as a variable
        raise SystemExit(f"header value {value!r} cannot go into an nginx configuration.")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class Tls:
    """A certificate and its key: the site listens with TLS and HTTP/2, port 80 redirects."""

    cert: str
    key: str
    redirect_listen: str = "80"


def nginx_version() -> tuple[int, ...]:
    """The local nginx's version, or (0,) when there is none (rendering for another server)."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    try:
        out = subprocess.run(  # noqa: S603 (the nginx binary, no input)
            [nginx, "-v"], capture_output=True, text=True, timeout=5
        ).stderr
    except (OSError, subprocess.SubprocessError):
        return (0,)
    found = re.search(r"nginx/(\d+)\.(\d+)\.(\d+)", out)
    return tuple(int(n) for n in found.groups()) if found else (0,)


def ipv6_twin(listen: str) -> str | None:
    """The IPv6 address matching an IPv4 `listen` value (ND 224/2026 Art. 11(4): the site
    answers over IPv6 too), or None when there is none to guess or it is already IPv6.

    >>> ipv6_twin("80"), ipv6_twin("0.0.0.0:8080"), ipv6_twin("127.0.0.1:8150")
    ('[::]:80', '[::]:8080', '[::1]:8150')
    >>> ipv6_twin("[::]:80"), ipv6_twin("10.0.0.5:80")
    (None, None)
    """
    if listen.isdigit():
        return f"[::]:{listen}"
    host, _sep, port = listen.rpartition(":")
    if not port.isdigit():
        return None
    twins = {"0.0.0.0": "[::]", "*": "[::]", "127.0.0.1": "[::1]"}  # noqa: S104 (names)
    return f"{twins[host]}:{port}" if host in twins else None


def _addresses(listen: str, ipv6: bool) -> list[str]:
    twin = ipv6_twin(listen) if ipv6 else None
    return [listen] + ([twin] if twin else [])


def listen_lines(
    listen: str, tls: Tls | None, version: tuple[int, ...] | None = None, ipv6: bool = True
) -> str:
    """The server's listen directives, on IPv4 and IPv6: plain, or TLS with HTTP/2."""
    addresses = _addresses(listen, ipv6)
    if tls is None:
        return "\n".join(f"    listen {a};" for a in addresses)
    # nginx 1.25.1 replaced "listen ... http2" (now deprecated) by "http2 on;".
    new_http2 = (version if version is not None else nginx_version()) >= (1, 25, 1)
    lines = [f"    listen {a} ssl{'' if new_http2 else ' http2'};" for a in addresses]
    if new_http2:
        lines.append("    http2 on;")
    lines += [
        f"    ssl_certificate {tls.cert};",
        f"    ssl_certificate_key {tls.key};",
        "    ssl_protocols TLSv1.2 TLSv1.3;",
        "    ssl_session_cache shared:cong_tls:10m;",
        "    ssl_session_timeout 1d;",
    ]
    return "\n".join(lines)


def redirect_server(server_name: str, tls: Tls | None, ipv6: bool = True) -> str:
    """With TLS, a port-80 server that sends every request to https://."""
    if tls is None:
        return ""
    addresses = _addresses(tls.redirect_listen, ipv6)
    listens = "\n".join(f"    listen {a};" for a in addresses)
    return (
        f"server {{\n{listens}\n    server_name {server_name};\n    server_tokens off;\n"
        "    return 301 https://$host$request_uri;\n}\n"
    )


def csp_map(settings, headers: list[tuple[str, str]]) -> str:
    """`$cong_csp`, the Content-Security-Policy of a host's cached pages: Django's fixed
    policy, or the host's own (its measurement tag and allowed sources, cong/compliance)
    from the map file Django rewrites when they change. The file must exist for nginx to
    start: an empty one means every host has the fixed policy."""
    default = next((v for k, v in headers if k.lower() == "content-security-policy"), "")
    path = Path(settings.CONG_NGINX_CSP_MAP)
    if re.search(r"[\s;{}\"'$#\\]", str(path)):
        raise SystemExit(f"CONG_NGINX_CSP_MAP={path!r} cannot go into an nginx configuration.")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            "# Written by cong/compliance/csp.py when a site's CSP sources change.\n",
            encoding="utf-8",
        )
    return f"map $host $cong_csp {{\n    default {_quote(default)};\n    include {path};\n}}"


def header_lines(headers: list[tuple[str, str]]) -> str:
    """The add_header lines of a cached page; its CSP is the host's ($cong_csp)."""
    return "\n".join(
        f"        add_header {name} "
        + ("$cong_csp" if name.lower() == "content-security-policy" else _quote(value))
        + ";"
        for name, value in headers
    )


# The visit beacon (navigator.sendBeacon, a few hundred bytes), never cached. Without
# CONG_VISITS_BEACON_LOG: cong/visits/fast.py answers it in gunicorn before Django's
# middleware, counted before the 204.
BEACON_TO_GUNICORN = """    # The visit beacon (navigator.sendBeacon, a few hundred bytes): cong/visits/fast.py
    # answers it in gunicorn before Django's middleware. Never cached.
    location = /api/visits/hit {
        client_max_body_size 4k;
        proxy_pass http://cong_app;
        proxy_set_header Host $host$cong_host_port;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_redirect off;
        proxy_read_timeout 30s;
    }"""
# With CONG_VISITS_BEACON_LOG: nginx answers 204 itself and logs the beacon, one JSON line,
# for `manage.py ingest_beacons` (cong/visits/ingest.py, docs/visits.md). nginx fills
# $request_body only once a proxy_pass has read the body into memory, so the beacon is
# passed to a server of nginx's own on a Unix socket that answers 204 (kept-alive: no
# gunicorn, no new connection per beacon).
BEACON_TO_LOG = """    # The visit beacon, taken by nginx: 204 at once, one line in the beacon log, counted in
    # batches by `manage.py ingest_beacons` (cong-beacons.service). Never cached. Refused
    # beacons (413 over 4 KB, 503 planned stop, 405) are logged with their status, not counted.
    location = /api/visits/hit {
        if ($request_method != POST) {
            return 405;
        }
        if (-f %(maintenance)s/maintenance.on) {
            return 503;
        }
        client_max_body_size 4k;
        client_body_buffer_size 8k;
        client_body_in_single_buffer on;
        access_log %(log)s cong_beacon;
        proxy_pass http://cong_beacon_sink;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_pass_request_headers off;
    }"""
BEACON_LOG_FORMAT = """# The beacon log's lines (CONG_VISITS_BEACON_LOG; cong/visits/ingest.py reads them): the
# time in ms, the status, what Django would have seen of the request (scheme, Host with
# nginx's port, X-Forwarded-For ending in the client's address, User-Agent, Sec-Purpose,
# Purpose) and the body.
log_format cong_beacon escape=json '{"t":"$msec","s":"$status","x":"$scheme",'
    '"h":"$host$cong_host_port","f":"$proxy_add_x_forwarded_for","u":"$http_user_agent",'
    '"sp":"$http_sec_purpose","p":"$http_purpose","b":"$request_body"}';
upstream cong_beacon_sink {
    server %(sink)s;
    keepalive 32;
}
server {
    listen %(sink)s;
    server_name _;
    server_tokens off;
    access_log off;
    location / {
        add_header Cache-Control "no-store" always;
        return 204;
    }
}"""


def beacon_parts(settings, sink: str) -> tuple[str, str]:
    """The beacon's location and, when nginx logs beacons, its log format and sink server."""
    log = getattr(settings, "CONG_VISITS_BEACON_LOG", "")
    if not log:
        return BEACON_TO_GUNICORN, ""
    for value in (log, sink):
        if re.search(r"[\s;{}\"'$#\\]", value):
            raise SystemExit(f"{value!r} cannot go into an nginx configuration.")
    maintenance = str(Path(settings.CONG_MAINTENANCE_DIR)).rstrip("/")
    location = BEACON_TO_LOG % {"log": log, "maintenance": maintenance}
    return location, BEACON_LOG_FORMAT % {"sink": sink}


def site(
    settings,
    listen: str,
    server_name: str,
    upstream: str,
    tls: Tls | None = None,
    ipv6: bool = True,
    proxy_cache_dir: str | Path | None = None,
    beacon_sink: str = "unix:/run/cong-beacon-sink.sock",
) -> str:
    cache_dir = getattr(settings, "CONG_PAGE_CACHE_DIR", "")
    if not cache_dir:
        raise SystemExit("CONG_PAGE_CACHE_DIR is not set: the page cache needs a directory.")
    # nginx's own caches (micro-cache, visit summary): written by nginx, not by Django.
    proxy_cache_dir = proxy_cache_dir or Path(cache_dir).resolve().parent / "nginx-cache"
    try:  # nginx makes the zones' folders (query/, summary/), not their parent
        Path(proxy_cache_dir).mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # rendered for another server: docs/deployment.md says to create it
    for value in (listen, *((tls.cert, tls.key, tls.redirect_listen) if tls else ())):
        if not value or re.search(r"[\s;{}\"'$#\\]", value):
            raise SystemExit(f"{value!r} cannot go into an nginx configuration.")
    headers = security_headers(settings)
    beacon_location, beacon_log_format = beacon_parts(settings, beacon_sink)
    values = {
        "CONG_BEACON_LOCATION": beacon_location,
        "CONG_BEACON_LOG_FORMAT": beacon_log_format,
        "CONG_LISTEN_LINES": listen_lines(listen, tls, ipv6=ipv6),
        "CONG_TLS_REDIRECT": redirect_server(server_name, tls, ipv6),
        "CONG_CSP_MAP": csp_map(settings, headers),
        "CONG_MAINTENANCE_DIR": str(Path(settings.CONG_MAINTENANCE_DIR)).rstrip("/"),
        "CONG_SERVER_NAME": server_name,
        "CONG_UPSTREAM": upstream,
        "CONG_STATIC_ROOT": str(Path(settings.STATIC_ROOT)).rstrip("/"),
        "CONG_MEDIA_ROOT": str(Path(settings.MEDIA_ROOT)).rstrip("/"),
        "CONG_PAGE_CACHE_DIR": str(Path(cache_dir)).rstrip("/"),
        "CONG_PROXY_CACHE_DIR": str(Path(proxy_cache_dir)).rstrip("/"),
        "CONG_MICRO_CACHE_SECONDS": str(MICRO_CACHE_SECONDS),
        "CONG_EXPENSIVE_RATE": EXPENSIVE_RATE,
        "CONG_EXPENSIVE_BURST": str(EXPENSIVE_BURST),
        "CONG_ADMIN_PATH": settings.CONG_ADMIN_PATH.strip("/"),
        "CONG_PUBLIC_MAX_BODY": _megabytes(settings.CONG_PARTICIPATION_ATTACHMENT_MAX_BYTES),
        "CONG_ADMIN_MAX_BODY": _megabytes(
            max(settings.CONG_DOCUMENT_MAX_BYTES, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
        ),
        "CONG_SECURITY_HEADERS": header_lines(headers),
    }
    for name, value in values.items():
        if name in (
            "CONG_SECURITY_HEADERS",
            "CONG_LISTEN_LINES",
            "CONG_TLS_REDIRECT",
            "CONG_CSP_MAP",
            "CONG_BEACON_LOCATION",
            "CONG_BEACON_LOG_FORMAT",
        ):
            continue
        if re.search(
            r"[\s;{}\"'$#\\]", value.replace(" ", "") if name == "CONG_SERVER_NAME" else value
        ):
            raise SystemExit(f"{name}={value!r} cannot go into an nginx configuration.")
    template = (HERE / "cong.conf").read_text(encoding="utf-8")
    missing = set(re.findall(r"\$\{(CONG_[A-Z_]+)\}", template)) - set(values)
    if missing:
        raise SystemExit(f"no value for {', '.join(sorted(missing))}")
    return re.sub(r"\$\{(CONG_[A-Z_]+)\}", lambda m: values[m.group(1)], template)


def standalone(site_conf: str, prefix: Path, workers: str = "auto", access_log: bool = True) -> str:
    """A complete nginx.conf for a private instance under `prefix` (loopback tests)."""
    tmp = prefix / "tmp"
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / name).mkdir(parents=True, exist_ok=True)
    # Debian's brotli modules when installed (their modules-enabled/ files use paths
    # relative to /usr/share/nginx, not to this prefix).
    modules, brotli = "", ""
    if BROTLI_MODULE.exists():
        modules = "\n".join(
            f"load_module {so};" for so in sorted(BROTLI_MODULE.parent.glob("ngx_http_brotli_*.so"))
        )
        brotli = (HERE / "cong-brotli.conf").read_text()
    # As root, nginx would run its workers as "nobody", who cannot read a private temp dir.
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    log = f"access_log {prefix}/access.log;" if access_log else "access_log off;"
    return f"""# Generated by deploy/nginx/render.py --standalone for a loopback run.
{user}
worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
{modules}
events {{
    worker_connections 1024;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 10000;
    {log}
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{brotli}
{site_conf}
}}
"""


def server_names(settings, given: str = "") -> str:
    """nginx's server_name: the names given (else ALLOWED_HOSTS from .env), then every
    Site's hostname (province mode: each member site answers under its own name), each once.

    Render again after creating a site (or let this server be nginx's default_server)."""
    from cong.province.hosts import site_hostnames

    wanted = given.split() if given else list(list.__iter__(settings.ALLOWED_HOSTS))
    names = [h for h in [*wanted, *site_hostnames()] if h != "*" and not h.startswith("[")]
    for name in names:
        if re.search(r"[\s;{}\"'$#\\]", name):
            raise SystemExit(f"{name!r} cannot go into an nginx configuration.")
    return " ".join(dict.fromkeys(names)) or "_"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--listen", default="", help="nginx's listen value (default 80, or 443 with TLS)"
    )
    parser.add_argument("--tls-cert", help="certificate chain (PEM): listen with TLS, HTTP/2")
    parser.add_argument("--tls-key", help="its private key (PEM)")
    parser.add_argument(
        "--redirect-listen", default="80", help="with TLS: where http:// is redirected from"
    )
    parser.add_argument(
        "--server-name", default="", help="default: ALLOWED_HOSTS; every Site's name is added"
    )
    parser.add_argument("--upstream", default="unix:/run/cong/web.sock")
    parser.add_argument(
        "--no-ipv6", action="store_true", help="listen on IPv4 only (a host without IPv6)"
    )
    parser.add_argument(
        "--proxy-cache-dir",
        help="nginx's micro-cache and visit-summary cache (default: nginx-cache beside "
        "CONG_PAGE_CACHE_DIR; --standalone: DIR/cache)",
    )
    parser.add_argument(
        "--beacon-sink",
        help="with CONG_VISITS_BEACON_LOG: the Unix socket of nginx's own 204 server "
        "(default unix:/run/cong-beacon-sink.sock; --standalone: DIR/beacon-sink.sock)",
    )
    parser.add_argument("--standalone", metavar="DIR", help="write a whole nginx.conf")
    parser.add_argument("--workers", default="auto", help="worker_processes (standalone)")
    parser.add_argument("--no-access-log", action="store_true", help="(standalone)")
    args = parser.parse_args(argv)
    settings = _django()
    names = server_names(settings, args.server_name)
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    tls = Tls(args.tls_cert, args.tls_key, args.redirect_listen) if args.tls_cert else None
    listen = args.listen or ("443" if tls else "80")
    proxy_cache_dir = args.proxy_cache_dir or (
        Path(args.standalone).resolve() / "cache" if args.standalone else None
    )
    conf = site(
        settings,
        listen,
        names,
        args.upstream,
        tls,
        ipv6=not args.no_ipv6,
        proxy_cache_dir=proxy_cache_dir,
        beacon_sink=args.beacon_sink
        or (
            f"unix:{Path(args.standalone).resolve() / 'beacon-sink.sock'}"
            if args.standalone
            else "unix:/run/cong-beacon-sink.sock"
        ),
    )
    if args.standalone:
        conf = standalone(
            conf, Path(args.standalone).resolve(), args.workers, not args.no_access_log
        )
    sys.stdout.write(conf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
