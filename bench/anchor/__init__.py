"""The bare-Wagtail anchor of `make bench` (issue 20): a minimal Wagtail page type, a title and
one rich-text body in a bare HTML template, served under Cổng's settings and middleware.

Installed only when CONG_BENCH_ANCHOR=1 (cong/settings.py), so production never carries it.
Cổng's uncached pages are measured as a ratio of this page's requests per second.
"""
