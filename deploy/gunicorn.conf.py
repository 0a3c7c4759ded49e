"""gunicorn settings for Cổng: `gunicorn -c deploy/gunicorn.conf.py cong.wsgi`.

Used by deploy/systemd/cong-web.service (socket activation: the address below is then
ignored), `make smoke` and `make bench`. Every value can be overridden from the environment.

Workers. Sync workers, `2 × cores + 1`, at most GUNICORN_MAX_WORKERS (default 8):
- A request is mostly Python rendering (CPU, under the GIL) plus short waits on PostgreSQL
  and Redis. One process per request in flight uses every core, and the extra workers keep
  the cores busy while others wait on the database. Threads (gthread) would not add
  rendering throughput (one GIL per process) and would share a process's memory, caches
  and connections between requests; sync workers keep one request per process, one
  database connection per worker, and a crash or leak confined to one worker.
- Sync workers must never talk to slow clients: nginx buffers requests and responses in
  front of them (the default `proxy_buffering on`), so a worker is busy only while it
  renders. Anonymous readers mostly get files from nginx's page cache and never reach here.
- The cap bounds memory (about 100 MB per worker, see `make bench`) and PostgreSQL
  connections (one per worker with CONN_MAX_AGE) on the modest servers agencies have;
  `max_connections` must cover workers × app servers + the timers.
Preload: the application is imported once in the master and the workers are forked from
it, so its code and data are shared copy-on-write (less memory; gc.freeze keeps the
reference counts from unsharing it) and a broken release fails at start, not in each
worker. The price: `kill -HUP` (systemctl reload) does not load new code; a release
needs `systemctl restart cong-web` (with socket activation no connection is refused).
"""

import gc
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may use (containers)
    except AttributeError:
        return os.cpu_count() or 1


bind = [a.strip() for a in os.environ.get("GUNICORN_BIND", "unix:/run/cong/web.sock").split(",")]
worker_class = "sync"
workers = _int("GUNICORN_WORKERS", min(2 * _cores() + 1, _int("GUNICORN_MAX_WORKERS", 8)))
preload_app = True
# Longer than any page needs; the admin's bulk import of documents may take a minute.
timeout = _int("GUNICORN_TIMEOUT", 120)
graceful_timeout = 30
# A worker is replaced after this many requests, to bound slow leaks.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
proc_name = "cong-web"
# gunicorn ≥ 25.1's control socket (gunicornc) defaults to one path per user, which two
# instances (a test run beside the service) would fight over: off unless a path is given.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
# nginx keeps the access log; errors go to stderr (the journal under systemd).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def when_ready(server):
    # Everything imported so far stays shared between workers (copy-on-write).
    gc.collect()
    gc.freeze()


def pre_fork(server, worker):
    # No database connection may be shared by the master and its workers.
    from django.db import connections

    connections.close_all()
