#!/bin/sh
# The page cache's files (cong/core/pagecache.py) from the shell, for systemd and operators:
#   deploy/pagecache.sh clear            remove every cached page (after a restore, a release)
#   deploy/pagecache.sh sweep MINUTES    retire cached pages older than MINUTES
# The directory is CONG_PAGE_CACHE_DIR; unset or missing, nothing is done. Only the cache's
# own files are touched (index.html, .stale.html, .tmp-*, empty directories), whatever the
# variable says. A swept page is not deleted but renamed .stale.html: nginx no longer serves
# it to readers (Django renders a fresh one), but does when the app fails (502/503/504), so
# an outage of gunicorn or PostgreSQL still shows every page read before. A content change
# (cong.core.pagecache purges) removes both files.
set -eu
dir="${CONG_PAGE_CACHE_DIR:-}"
[ -n "$dir" ] && [ -d "$dir" ] || exit 0
case "${1:-}" in
  clear)
    find "$dir" -mindepth 1 -type f \( -name index.html -o -name .stale.html -o -name '.tmp-*' \) -delete
    ;;
  sweep)
    minutes="${2:-10}"
    find "$dir" -mindepth 1 -type f -name '.tmp-*' -mmin +"$minutes" -delete
    # A purge may remove the directory meanwhile: then there is nothing to keep.
    find "$dir" -mindepth 2 -type f -name index.html -mmin +"$minutes" -exec sh -c \
      'for f; do mv -f "$f" "${f%/index.html}/.stale.html" 2>/dev/null || true; done' sh {} +
    ;;
  *)
    echo "usage: $0 clear | sweep MINUTES" >&2
    exit 2
    ;;
esac
find "$dir" -mindepth 1 -type d -empty -delete 2>/dev/null || true
