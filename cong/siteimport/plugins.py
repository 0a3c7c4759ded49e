"""What the site import plugs into: nothing public.

Imported pages purge the page cache through the news and agency apps' own watches, and
redirects are Wagtail's; import runs are an administrators' record, never shown on the site.
"""


def register_all() -> None:
    """Nothing to register (kept so every feature app has the same shape)."""
