"""Readers of an old site: each yields `records.Article`/`records.Page` (and `Problem`s)."""
