#!/bin/sh
# The page cache's files (cong/core/pagecache.py) from the shell, for systemd and operators:
#   deploy/pagecache.sh clear            remove every cached page (after a restore, a release)
#   deploy/pagecache.sh sweep MINUTES    remove cached pages older than MINUTES
# The directory is CONG_PAGE_CACHE_DIR; unset or missing, nothing is done. Only the cache's
# own files are removed (index.html, .tmp-*, empty directories), whatever the variable says.
set -eu
dir="${CONG_PAGE_CACHE_DIR:-}"
[ -n "$dir" ] && [ -d "$dir" ] || exit 0
case "${1:-}" in
  clear)
    find "$dir" -mindepth 1 -type f \( -name index.html -o -name '.tmp-*' \) -delete
    ;;
  sweep)
    minutes="${2:-10}"
    find "$dir" -mindepth 1 -type f \( -name index.html -o -name '.tmp-*' \) -mmin +"$minutes" -delete
    ;;
  *)
    echo "usage: $0 clear | sweep MINUTES" >&2
    exit 2
    ;;
esac
find "$dir" -mindepth 1 -type d -empty -delete 2>/dev/null || true
